#if canImport(Glibc)
import Glibc  // exp: the C library's, as TensorFlow's CPU kernel calls it
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGBits
import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.stateless_poisson(shape, seed, lam, dtype=tf.int32)` for
  /// rates below 10 (Knuth's algorithm, as TensorFlow's CPU kernel runs it).
  ///
  /// ```swift
  /// try StatelessRandomOps.poisson([10, 2], seed: [12, 34], lam: [1.5, 7.0], lamShape: [2])
  /// ```
  ///
  /// `shape` must end with `lam`'s shape; output `[..., i]` draws from
  /// `lam[i]`. The draws are numbered rate by rate (`o = i × samples + s`)
  /// and draw `o` reads its own Philox stream from block `256 × o` of the
  /// seed's stream: double uniforms, two per block, the block's second one
  /// first. It multiplies uniforms until the product is at most `exp(−lam)`
  /// and returns how many it multiplied minus one.
  ///
  /// - Throws: ``FrameworkError`` when some rate is 10 or more (or NaN):
  ///   TensorFlow then uses a transformed-rejection sampler that rngdiff
  ///   does not emulate; for a `shape` that does not end with `lam`'s shape,
  ///   a bad seed, an unsupported `alg` or a negative dimension.
  public static func poisson(
    _ shape: [Int], seed: [Int64], lam: [Double], lamShape: [Int], dtype: TensorFlowDType = .int32,
    observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    guard shape.count >= lamShape.count, Array(shape.suffix(lamShape.count)) == lamShape, lam.count == lamShape.reduce(1, *) else {
      throw FrameworkError("Shape passed in must end with broadcasted shape: lam has shape \(lamShape), shape is \(shape).", parameter: "lam")
    }
    if let large = lam.first(where: { !($0 < 10) }) {
      throw FrameworkError(
        "stateless_poisson with lam >= 10 (got \(large)) uses TensorFlow's transformed-rejection sampler, which rngdiff does not emulate; only rates below 10 are accepted.",
        parameter: "lam")
    }
    let key = try StatelessKey(seed: seed)
    let rates = max(lam.count, 1)
    let samples = lam.isEmpty ? 0 : count / rates
    var out = [Double](repeating: 0, count: count)
    for rateIndex in 0..<(lam.isEmpty ? 0 : rates) {
      let limit = exp(-lam[rateIndex])
      for sample in 0..<samples {
        let draw = rateIndex * samples + sample
        var philox = Philox4x32(counter: Philox4x32.add(key.counter, UInt64(draw) &* 256), key: key.key)
        var pending: [Double] = []
        var product = 1.0
        var k = 0.0
        while true {
          if pending.isEmpty {
            let b = philox.nextBlock()
            pending = [uint64ToDouble(b[0], b[1]), uint64ToDouble(b[2], b[3])]
          }
          product *= pending.removeLast()
          if product <= limit { break }
          k += 1
        }
        out[sample * rates + rateIndex] = k
      }
    }
    let values: DrawnValues
    switch dtype {
    case .int32: values = .int32(out.map { Int32($0) })
    case .int64: values = .int64(out.map { Int64($0) })
    case .float32: values = .float32(out.map { Float($0) })
    case .float64: values = .float64(out)
    }
    report(key, blocks: UInt64(count) &* 256, operation: "stateless_poisson", distribution: "poisson",
           parameters: [.init("lam", lam.count == 1 ? "\(lam[0])" : "\(lam)"), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }
}
