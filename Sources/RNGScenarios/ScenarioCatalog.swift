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
    UnusedLayerScenarios.streamOffset,
    GraphOpIdScenario.scenario,
    DropoutScenario.scenario,
    UnusedLayerScenarios.extraDraw,
    ModelOrderScenario.reordered,
    NumPySeedScenarios.algorithmMismatch,
    FitLoopScenario.scenario,
    SanityCheckScenario.scenario,
    AtomicAddScenario.scenario,
    ThreefryUpgradeScenario.scenario,
    InitializerScenario.scenario,
    ValidationScenario.scenario,
    MachineKernelScenario.scenario,
    // Extra pairs for the walkthroughs.
    ModelOrderScenario.alone,
    InputShapeScenario.scenario,
  ]

  /// Variants the tests diff in memory, without fixture folders: the
  /// `unexplained` pair recorded by a producer that writes the CPU
  /// capability into its headers.
  public static let variants: [TraceScenario] = [
    MachineKernelScenario.capabilityRecorded,
  ]

  /// The scenario whose fixture folder is `name`.
  public static func named(_ name: String) -> TraceScenario? {
    all.first { $0.name == name }
  }
}
