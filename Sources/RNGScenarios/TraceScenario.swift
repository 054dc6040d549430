/// A classic "same seed, different result" report as a pair of runs: two
/// Python programs, the Swift code that runs each against the emulated
/// frameworks and records its trace, and what `rngdiff a.trace b.trace`
/// should say about them.
///
/// ```swift
/// let scenario = ScenarioCatalog.named("extra-draw")!
/// let a = try scenario.record(.a)
/// let b = try scenario.record(.b)
/// scenario.expectation.kind          // "extra-draw"
/// ```
///
/// Every value in a trace comes from the real stream emulators (draws,
/// derived seeds, initial weights) or from the float32 forward pass over
/// them (``Float32Matrix``, ``MeanSquaredError``); nothing is typed in.
public struct TraceScenario: Sendable {
  /// The fixture folder under `fixtures/traces/` (`extra-draw`).
  public let name: String
  /// One line: what happens.
  public let title: String
  /// The report it is modelled on (`pytorch#46149`, `report 000`), or nil.
  public let reference: String?
  /// The story in a few sentences of Markdown.
  public let story: String
  /// The two programs.
  public let programA: ScenarioProgram
  /// The program of run b.
  public let programB: ScenarioProgram
  /// What the differ must find.
  public let expectation: ScenarioExpectation
  /// How the traces were made, beyond the common note (Markdown, may be empty).
  public let method: String
  let recorder: @Sendable (ScenarioSide) throws -> RecordedRun

  /// A scenario from its parts; `record` runs one side and returns its trace.
  public init(
    name: String, title: String, reference: String?, story: String, programA: ScenarioProgram,
    programB: ScenarioProgram, expectation: ScenarioExpectation, method: String = "",
    record: @escaping @Sendable (ScenarioSide) throws -> RecordedRun
  ) {
    self.name = name
    self.title = title
    self.reference = reference
    self.story = story
    self.programA = programA
    self.programB = programB
    self.expectation = expectation
    self.method = method
    recorder = record
  }

  /// The program of `side`.
  public func program(_ side: ScenarioSide) -> ScenarioProgram { side == .a ? programA : programB }

  /// Runs `side` and returns its trace. Deterministic: the same bytes every time.
  public func record(_ side: ScenarioSide) throws -> RecordedRun { try recorder(side) }

  /// The command that diffs the pair from the repository root.
  public var command: String {
    "swift run rngdiff fixtures/traces/\(name)/a.trace fixtures/traces/\(name)/b.trace"
  }
}

/// What `rngdiff a.trace b.trace` must report for a scenario: the kind of
/// the first diagnosis, its consumer and stream, and which recorded events
/// are the evidence on each side.
///
/// ```swift
/// ScenarioExpectation(kind: "extra-draw", consumer: "classifier/weight", role: "init",
///                     stream: "torch \"cpu-default\"", a: nil,
///                     b: EventReference(.draw, "classifier/weight", role: "init")) { a, b in "…" }
/// ```
public struct ScenarioExpectation: Sendable {
  /// The diagnosis kind (`extra-draw`), or `identical` when the traces must not differ.
  public let kind: String
  /// The consumer path of the first diagnosis.
  public let consumer: String?
  /// Its role (for tensors, the moment; for metrics, `epoch k`).
  public let role: String?
  /// The stream, as `framework "name"`.
  public let stream: String?
  /// The event that is the evidence in run a (nil: a has none).
  public let a: EventReference?
  /// The event that is the evidence in run b (nil: b has none).
  public let b: EventReference?
  /// What rngdiff should say, in words, from the two recorded runs.
  public let says: @Sendable (RecordedRun, RecordedRun) -> String

  /// An expectation from its parts.
  public init(
    kind: String, consumer: String?, role: String?, stream: String?, a: EventReference?, b: EventReference?,
    says: @escaping @Sendable (RecordedRun, RecordedRun) -> String
  ) {
    self.kind = kind
    self.consumer = consumer
    self.role = role
    self.stream = stream
    self.a = a
    self.b = b
    self.says = says
  }
}

/// A recorded event named by what it is: the `occurrence`-th (from 0) event
/// of `kind` named `name` with `role`.
///
/// ```swift
/// EventReference(.draw, "fit/epoch", role: "shuffle", occurrence: 0)
/// ```
public struct EventReference: Sendable, Hashable {
  /// The kind of event.
  public let kind: RecordedEvent.Kind
  /// Consumer path or tensor/metric name.
  public let name: String
  /// Role (draws, derivations), moment word (tensors); nil matches any.
  public let role: String?
  /// Which of the matching events, from 0.
  public let occurrence: Int

  /// A reference to the `occurrence`-th matching event.
  public init(_ kind: RecordedEvent.Kind, _ name: String, role: String? = nil, occurrence: Int = 0) {
    self.kind = kind
    self.name = name
    self.role = role
    self.occurrence = occurrence
  }

  /// The event in `run`, if it has it.
  public func resolve(in run: RecordedRun) -> RecordedEvent? {
    let matches = run.events(kind, name, role: role)
    return occurrence < matches.count ? matches[occurrence] : nil
  }
}
