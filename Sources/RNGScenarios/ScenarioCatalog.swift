/// Every scenario, in the order of the diagnosis vocabulary, then the extra
/// pairs the walkthroughs use.
///
/// ```swift
/// ScenarioCatalog.all.map(\.name)          // ["extra-draw", "stream-offset", …]
/// ScenarioCatalog.named("state-carryover")
/// ```
public enum ScenarioCatalog {
  /// All scenarios; their names are unique and are their fixture folders.
  public static let all: [TraceScenario] = [
    NumPySeedScenarios.seedMismatch,
    RecipeScenario.scenario,
    DropoutScenario.scenario,
    UnusedLayerScenarios.extraDraw,
    UnusedLayerScenarios.streamOffset,
    SanityCheckScenario.scenario,
    AtomicAddScenario.scenario,
    MachineKernelScenario.scenario,
    ModelOrderScenario.reordered,
    FitLoopScenario.scenario,
    NumPySeedScenarios.algorithmMismatch,
    InitializerScenario.scenario,
    ValidationScenario.scenario,
    // Extra pairs for the walkthroughs.
    ModelOrderScenario.alone,
  ]

  /// The scenario whose fixture folder is `name`.
  public static func named(_ name: String) -> TraceScenario? {
    all.first { $0.name == name }
  }
}
