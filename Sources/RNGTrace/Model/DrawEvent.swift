import RNGStreams

/// One framework-level call that consumed a stream, with who asked and
/// what came out.
///
/// `counter` and `count` are in the stream's unit (``StreamEvent/unit``);
/// `count` includes rejected and cached-away units, so per stream the next
/// draw's `counter` is this draw's `counter + count` (the contiguity the
/// reader checks).
///
/// ```swift
/// DrawEvent(seq: 7, stream: "np", counter: 0, count: 40, operation: "randn",
///           distribution: "normal", parameters: [NamedValue("loc", "0.0"), NamedValue("scale", "1.0")],
///           dtype: "float64", shape: [4, 10],
///           consumer: Consumer("model/dense/kernel", role: "init"), source: "a.py:12",
///           digest: TraceDigest.hex(of: .float64(values)))
/// ```
///
/// Edge cases: a call served entirely from a cache draws with `count == 0`;
/// `digest` may be nil when the producer never saw the values (the differ
/// then compares stream positions only).
public struct DrawEvent: Sendable, Hashable {
  /// Position in execution order; increases through the trace.
  public var seq: UInt64
  /// The id of a stream declared earlier in the trace.
  public var stream: String
  /// The stream's counter before the draw.
  public var counter: UInt64
  /// Units consumed.
  public var count: UInt64
  /// The framework call (`randn`, `bernoulli_`, `RandomUniform`).
  public var operation: String
  /// The distribution in a framework-neutral word (`uniform`, `normal`,
  /// `truncated_normal`, `integers`, `permutation`, `bernoulli`, `bits`).
  public var distribution: String
  /// Distribution parameters as Python prints them.
  public var parameters: [NamedValue]
  /// The dtype of the values (`float32`, `int64`), or empty when unknown.
  public var dtype: String
  /// The shape of the values (`[]` for a scalar).
  public var shape: [Int]
  /// What asked for the draw.
  public var consumer: Consumer
  /// `file:line` in the user's script.
  public var source: String?
  /// ``TraceDigest`` of the values.
  public var digest: String?
  /// The values themselves, when the producer keeps them.
  public var values: DrawnValues?

  /// Creates the value from its fields.
  public init(
    seq: UInt64, stream: String, counter: UInt64, count: UInt64, operation: String, distribution: String,
    parameters: [NamedValue] = [], dtype: String = "", shape: [Int] = [], consumer: Consumer,
    source: String? = nil, digest: String? = nil, values: DrawnValues? = nil
  ) {
    self.seq = seq
    self.stream = stream
    self.counter = counter
    self.count = count
    self.operation = operation
    self.distribution = distribution
    self.parameters = parameters
    self.dtype = dtype
    self.shape = shape
    self.consumer = consumer
    self.source = source
    self.digest = digest
    self.values = values
  }

  /// The stream's counter after the draw (`counter + count`).
  public var counterAfter: UInt64 { counter &+ count }
}
