/// The draw a `drawn` seeding took its seed from: the stream and counter of
/// that draw, its `seq`, or both.
///
/// ```swift
/// // g.manual_seed(int(torch.randint(0, 2**31, ())))  — the randint was draw seq 40,
/// // at counter 12 of the stream "torch":
/// let from = DrawReference(stream: "torch", counter: 12, seq: 40)
/// from.description    // "draw 40 (stream \"torch\" at counter 12)"
/// ```
///
/// Edge cases: a valid reference names `seq`, or both `stream` and
/// `counter` (the reader refuses anything less); ids are the trace's own.
public struct DrawReference: Sendable, Hashable, CustomStringConvertible {
  /// The id of the stream the seed was drawn from.
  public var stream: String?
  /// The counter of that draw (where it started on its stream).
  public var counter: UInt64?
  /// The `seq` of that draw.
  public var seq: UInt64?

  /// A reference by stream and counter, by seq, or by both.
  public init(stream: String? = nil, counter: UInt64? = nil, seq: UInt64? = nil) {
    self.stream = stream
    self.counter = counter
    self.seq = seq
  }

  /// Whether it names a draw: `seq`, or `stream` and `counter`.
  public var isComplete: Bool { seq != nil || (stream != nil && counter != nil) }

  /// `"draw 40 (stream \"torch\" at counter 12)"`, `"the draw at counter 12 of stream \"torch\""`, `"draw 40"`.
  public var description: String {
    let place: String? = stream.map { id in "stream \"\(id)\"" + (counter.map { " at counter \($0)" } ?? "") }
    switch (seq, place) {
    case (let seq?, let place?): return "draw \(seq) (\(place))"
    case (let seq?, nil): return "draw \(seq)"
    case (nil, let place?): return "the draw on \(place)"
    case (nil, nil): return "an unnamed draw"
    }
  }
}
