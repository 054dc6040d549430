import RNGTrace

/// The header every scenario trace starts with: the producer
/// (`rngdiff-scenarios`), the framework profile, the program and the
/// configuration that changes results.
///
/// ```swift
/// let header = ScenarioHeader.make(
///   profile: TraceProfile(framework: .torch, version: "2.15.0"), label: "with unused classifier",
///   program: program, config: RunConfig(device: "cpu", libraries: [NamedValue("torch", "2.15.0")]))
/// ```
public enum ScenarioHeader {
  /// The producer name written in every scenario trace.
  public static let producer = "rngdiff-scenarios"
  /// The version of the scenario set; bump it when scenarios change meaning.
  public static let producerVersion = "1"

  /// A header for a run of `program`.
  public static func make(profile: TraceProfile, label: String, program: ScenarioProgram, config: RunConfig) -> RunHeader {
    RunHeader(
      producer: producer, producerVersion: producerVersion, profile: profile, label: label,
      source: SourceScript(path: program.path, sha256: program.sha256), config: config)
  }
}
