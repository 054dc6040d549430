import RNGStreams
import RNGTrace

/// Streams keyed by a value the run drew: Keras's `random.randint(1, 10**9)`
/// seeds for layers, initializers and `SeedGenerator(seed=None)`.
///
/// The framework reports the value right after its draw
/// (``RNGStreams/DrawObserver/observe(drawnSeed:)``); a stream declared
/// later whose name carries that value (`stateless(850017089,0)` on
/// TensorFlow, `key(850017089,3)` on JAX, `op(87654321,850017089)/…` for a
/// tf-keras kernel) is written `{"how":"drawn", "stream", "counter", "seq"}`
/// naming the draw, with its own keying rule as `call`, so the differ lists
/// it as an effect of whatever changed that draw.
///
/// ```swift
/// // python.global draw seq 4 gives 850017089; Dropout's SeedGenerator then keys
/// // tensorflow.stateless(850017089,0):
/// // {"how":"drawn","stream":"python.global","counter":1,"seq":4,
/// //  "call":"tf.stateless.GenerateKey(seed=[850017089, 0])"}
/// ```
///
/// Edge cases: values below ``DrawnSeeds/smallest`` are not remembered (a
/// stream name's small numbers are counters, and randint gives one below a
/// thousand once in a million draws); after ``DrawnSeeds/limit`` values the
/// rest are written as their framework declares them.
struct DrawnSeeds {
  static let smallest: Int64 = 1000
  static let limit = 100_000
  private(set) var origins: [Int64: DrawReference] = [:]

  mutating func note(_ value: Int64, drawnBy draw: DrawReference) {
    guard value >= Self.smallest, origins.count < Self.limit || origins[value] != nil else { return }
    origins[value] = draw
  }

  /// The draw that gave one of the numbers in `name` before its first `/`, if any.
  func origin(ofStreamNamed name: String) -> DrawReference? {
    guard !origins.isEmpty else { return nil }
    var value: Int64 = 0, digits = 0
    for byte in name.utf8 {
      if byte == UInt8(ascii: "/") { break }
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        if digits < 18 { value = value * 10 + Int64(byte - UInt8(ascii: "0")) }
        digits += 1
        continue
      }
      if digits > 0, digits <= 18, let origin = origins[value] { return origin }
      value = 0
      digits = 0
    }
    if digits > 0, digits <= 18, let origin = origins[value] { return origin }
    return nil
  }
}

extension TraceRecorder {
  /// The `drawn` seeding of `stream` when it is keyed by a value the run
  /// drew; nil otherwise (or when the framework already says how it was seeded
  /// from a draw, or that it took entropy).
  func drawnSeeding(of stream: StreamIdentity) -> RNGTrace.StreamSeeding? {
    let call: String
    switch stream.seeding {
    case .derived(let rule, let from): call = "\(rule)(\(from))"
    case .explicit(let text), .frameworkDefault(let text): call = text
    case .entropy, .requestedEntropy, .drawn: return nil
    }
    guard let origin = drawnSeeds.origin(ofStreamNamed: stream.name) else { return nil }
    return .drawn(origin, call: call, source: source)
  }
}
