/// Every scenario still written in Swift, in the order of the diagnosis
/// vocabulary: the PyTorch, JAX and TensorFlow 1.x reports, which
/// `rngdiff run` cannot run as scripts yet. The Keras, tf-keras and NumPy
/// reports are scripts now (``ClassicCatalog``).
///
/// ```swift
/// ScenarioCatalog.all.map(\.name)          // ["stream-offset", "op-seed-derivation", …]
/// ScenarioCatalog.named("extra-draw")
/// ```
public enum ScenarioCatalog {
  /// All scenarios; their names are unique and are their fixture folders.
  public static let all: [TraceScenario] = [
    UnusedLayerScenarios.streamOffset,
    GraphOpIdScenario.scenario,
    UnusedLayerScenarios.extraDraw,
    SanityCheckScenario.scenario,
    AtomicAddScenario.scenario,
    ThreefryUpgradeScenario.scenario,
    MachineKernelScenario.scenario,
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
