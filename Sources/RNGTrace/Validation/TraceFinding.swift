/// Something wrong inside a trace that does not stop it from being read:
/// a counter gap, an overlap, a draw on an undeclared stream, a sequence
/// number that goes backwards, a last line cut off.
///
/// Findings are facts about one trace. The reader collects them as it goes
/// (see ``TraceReader/findings``); the differ and `rngdiff show` print them.
///
/// ```swift
/// let reader = try TraceReader(path: "a.trace")
/// while try reader.next() != nil {}
/// for finding in reader.findings { print(finding) }
/// // a.trace:812: counter gap on stream "np": draw 811 starts at 640, the previous draw on it ended at 624 (16 u32 words with no consumer)
/// ```
public struct TraceFinding: Sendable, Hashable, CustomStringConvertible {
  /// What kind of finding it is.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A draw starts after where the previous draw on its stream ended: units
    /// were consumed that no event accounts for.
    case counterGap = "counter-gap"
    /// A draw starts before where the previous draw on its stream ended: two
    /// draws used the same units.
    case counterOverlap = "counter-overlap"
    /// A draw names a stream no earlier stream event declared.
    case undeclaredStream = "undeclared-stream"
    /// A sequence number is not greater than the one before it.
    case nonMonotonicSequence = "non-monotonic-sequence"
    /// The last line is cut off; everything before it was read.
    case truncated
  }

  /// What kind of finding.
  public var kind: Kind
  /// The trace as named.
  public var file: String
  /// 1-based line of the event the finding is about.
  public var line: Int
  /// The sentence.
  public var message: String
  /// The stream involved, for counter and stream findings.
  public var stream: String?
  /// The counter the draw should have started at, for gaps and overlaps.
  public var expectedCounter: UInt64?
  /// The counter it did start at.
  public var actualCounter: UInt64?

  /// Creates the value from its fields.
  public init(
    kind: Kind, file: String, line: Int, message: String, stream: String? = nil, expectedCounter: UInt64? = nil,
    actualCounter: UInt64? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.message = message
    self.stream = stream
    self.expectedCounter = expectedCounter
    self.actualCounter = actualCounter
  }

  /// `file:line: message`.
  public var description: String { "\(file):\(line): \(message)" }
}
