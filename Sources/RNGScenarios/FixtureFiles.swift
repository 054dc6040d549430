/// The files of one scenario's fixture folder, `fixtures/traces/<name>/`:
/// `a.trace`, `b.trace` and a `README.md` with the story, both programs, the
/// command and what rngdiff should say.
///
/// ```swift
/// for file in try FixtureFiles.make(for: scenario) {
///   try write(file.bytes, to: "fixtures/traces/\(scenario.name)/\(file.name)")
/// }
/// ```
public enum FixtureFiles {
  /// One file: its name in the folder and its bytes.
  public struct File: Sendable, Hashable {
    /// The file name (`a.trace`).
    public var name: String
    /// The exact contents.
    public var bytes: [UInt8]
  }

  /// Records both sides of `scenario` and renders its README.
  public static func make(for scenario: TraceScenario) throws -> [File] {
    let a = try scenario.record(.a)
    let b = try scenario.record(.b)
    return [
      File(name: ScenarioSide.a.traceFile, bytes: a.bytes),
      File(name: ScenarioSide.b.traceFile, bytes: b.bytes),
      File(name: "README.md", bytes: Array(readme(scenario, a: a, b: b).utf8)),
    ]
  }

  /// The README of a fixture folder.
  public static func readme(_ scenario: TraceScenario, a: RecordedRun, b: RecordedRun) -> String {
    var out = "# `\(scenario.name)`: \(scenario.title)\n\n"
    if let reference = scenario.reference { out += "Modelled on \(reference).\n\n" }
    out += scenario.story + "\n\n"
    out += "## The two programs\n\n"
    for run in [a, b] {
      out += "Run \(run.side.rawValue): `\(run.program.path)`"
      if let command = run.program.command { out += ", run as `\(command)`" }
      out += "\n\n```python\n" + run.program.text + "```\n\n"
    }
    out += "## What rngdiff should say\n\n```sh\n\(scenario.command)\n```\n\n"
    out += scenario.expectation.says(a, b) + "\n\n"
    out += "## How the traces were made\n\n"
    out += """
      `swift run TraceFixtures fixtures/traces` writes this folder from `Sources/RNGScenarios`, which \
      runs each program's statements against rngdiff's emulated frameworks and records every draw \
      with `TraceRecorder`. The draws, derived seeds and initial weights are the emulators' \
      (checked bit for bit against the real libraries in their own tests). The losses and \
      predictions come from a small float32 forward pass over those weights, with sums in a stated \
      order: genuine values, but not bit-identical to what the framework's own kernels compute. \
      Nothing is trained: an "epoch" draws its shuffle and masks and evaluates the loss.
      """
    if !scenario.method.isEmpty { out += "\n\n" + scenario.method }
    return out + "\n"
  }
}
