import RNGTrace

/// The result of diffing two traces: a verdict, the causes of divergence in
/// execution order with their effects, and notes about each trace.
///
/// ```swift
/// let report = try TraceDiffer.diff(a: "a.trace", b: "b.trace")
/// print(report.text(TextOptions(color: false)))
/// exit(report.exitStatus)            // 0 identical, 1 different (2 is for errors)
/// let json = report.json()           // {"verdict":"different","diagnoses":[…],…}
/// ```
public struct DiffReport: Sendable {
  /// What one side of the diff was.
  public struct SideInfo: Sendable, Hashable {
    /// The trace as named (`"-"` for standard input).
    public var file: String
    /// The trace's header.
    public var header: RunHeader
    /// Events after the header that were read.
    public var events: Int
    /// Findings in this trace (first ones; ``findingCount`` counts all).
    public var findings: [TraceFinding]
    /// All findings in this trace.
    public var findingCount: Int
    /// Whether the trace's last line was cut off.
    public var isTruncated: Bool
    /// Events past the point where the other trace was cut off, not compared.
    public var uncompared: Int
  }

  /// Whether the runs diverge.
  public var verdict: Verdict
  /// Run a.
  public var a: SideInfo
  /// Run b.
  public var b: SideInfo
  /// Causes, in execution order. The first is the first divergence.
  public var diagnoses: [Diagnosis]
  /// Causes found but not kept (beyond ``DiffOptions/maxDiagnoses``).
  public var omittedDiagnoses: Int
  /// Configuration settings that differ between the runs.
  public var configDifferences: [ConfigDifference]
  /// Every divergent event in execution order, when ``DiffOptions/all`` was set.
  public var divergences: [Divergence]
  /// Divergent events not listed in ``divergences`` (beyond the limit).
  public var omittedDivergences: Int
  /// Events compared as pairs, and events only one side has.
  public var matchedEvents: Int
  /// Events only run a has.
  public var onlyInA: Int
  /// Events only run b has.
  public var onlyInB: Int
  /// Remarks that change no verdict: events paired although their names
  /// differ in a model scope (`sequential/dense/kernel` against `dense/kernel`).
  public var notes: [String] = []

  /// The exit status diff(1) would use: 0 identical, 1 different.
  /// (Trouble — a ``TraceError`` — is 2.)
  public var exitStatus: Int32 { verdict.exitStatus }
}

/// Whether the runs diverge.
public enum Verdict: String, Sendable, Hashable {
  /// Every draw, derivation, tensor and metric matches.
  case identical
  /// At least one event diverges.
  case different

  /// 0 for identical, 1 for different, as diff(1).
  public var exitStatus: Int32 { self == .identical ? 0 : 1 }
}

/// How the differ works and how much it keeps.
///
/// ```swift
/// var options = DiffOptions()
/// options.all = true          // list every divergent event, not only causes
/// options.window = 32_768     // align across up to 16k displaced events
/// ```
public struct DiffOptions: Sendable {
  /// Keep every divergent event (``DiffReport/divergences``), up to ``limit``.
  public var all = false
  /// The most divergent events listed when ``all`` is set (default 10,000).
  public var limit = 10_000
  /// The most causes kept (default 1,000; the rest are counted).
  public var maxDiagnoses = 1_000
  /// The most effects kept per cause (default 200; the rest are counted).
  public var maxEffects = 200
  /// Events per trace held for alignment around a difference (default
  /// 16,384). An event displaced by more than half of this shows as a
  /// missing and an extra event instead of a move.
  public var window = 16_384
  /// When a window holds no event the other trace also has, it doubles,
  /// up to this many events (default 131,072), before the events are
  /// reported as one-sided.
  public var maxWindow = 131_072
  /// Bytes of lines per trace held for alignment (default 32 MiB); the
  /// window stops growing there when lines are long.
  public var windowBytes = 32 << 20
  /// Reader limits for both traces.
  public var reader = TraceReader.Options()

  /// The defaults described on each property.
  public init() {}
}
