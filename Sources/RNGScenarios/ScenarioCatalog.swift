/// Every scenario still written in Swift, in the order of the diagnosis
/// vocabulary: what a script run by `rngdiff run` cannot reproduce
/// faithfully. `stream-offset` needs draws the trace does not see (a script's
/// every draw is traced); `unexplained` needs another CPU kernel that the
/// traces do not record (the engine runs PyTorch's AVX2 kernels, and a run
/// that chose another would record it); `op-seed-derivation` needs
/// TensorFlow 1.x's raw graph API (`--profile tf1-keras` emulates graph mode
/// for tf.keras models only). Every other report is a script pair
/// (``ClassicCatalog``).
///
/// ```swift
/// ScenarioCatalog.all.map(\.name)          // ["stream-offset", "op-seed-derivation", "unexplained"]
/// ScenarioCatalog.named("unexplained")
/// ```
public enum ScenarioCatalog {
  /// All scenarios; their names are unique and are their fixture folders.
  public static let all: [TraceScenario] = [
    UntracedLayerScenario.streamOffset,
    GraphOpIdScenario.scenario,
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
