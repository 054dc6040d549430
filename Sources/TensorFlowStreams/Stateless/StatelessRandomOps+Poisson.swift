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
  /// `tf.random.stateless_poisson(shape, seed, lam, dtype=tf.int32)`, as
  /// TensorFlow's CPU kernel runs it: Knuth's algorithm below rate 10,
  /// Hörmann's transformed rejection from 10 on.
  ///
  /// ```swift
  /// try StatelessRandomOps.poisson([10, 2], seed: [12, 34], lam: [1.5, 7.0], lamShape: [2])
  /// ```
  ///
  /// `shape` must end with `lam`'s shape; output `[..., i]` draws from
  /// `lam[i]`. The draws are numbered rate by rate (`o = i × samples + s`)
  /// and draw `o` reads its own Philox stream from block `256 × o` of the
  /// seed's stream: double uniforms, two per block, the block's second one
  /// first (see ``knuth(_:_:highest:)`` and
  /// ``transformedRejection(_:_:highest:)``). `exp`, `log` and `lgamma` are
  /// the C library's, as in TensorFlow.
  ///
  /// - Throws: ``FrameworkError`` for a NaN or infinite rate (TensorFlow
  ///   never returns for one), for a `shape` that does not end with `lam`'s shape,
  ///   a bad seed, an unsupported `alg` or a negative dimension.
  public static func poisson(
    _ shape: [Int], seed: [Int64], lam: [Double], lamShape: [Int], dtype: TensorFlowDType = .int32,
    observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    guard shape.count >= lamShape.count, Array(shape.suffix(lamShape.count)) == lamShape, lam.count == lamShape.reduce(1, *) else {
      throw FrameworkError("Shape passed in must end with broadcasted shape: lam has shape \(lamShape), shape is \(shape).", parameter: "lam")
    }
    if let bad = lam.first(where: { !$0.isFinite }) {
      throw FrameworkError(
        "stateless_poisson needs finite rates, got \(bad); TensorFlow's sampler never returns for it.", parameter: "lam")
    }
    let key = try StatelessKey(seed: seed)
    let values = try poissonValues(count: count, lam: lam, dtype: dtype) {
      Philox4x32(counter: Philox4x32.add(key.counter, $0 &* 256), key: key.key)
    }
    report(key, blocks: UInt64(count) &* 256, operation: "stateless_poisson", distribution: "poisson",
           parameters: [.init("lam", lam.count == 1 ? "\(lam[0])" : "\(lam)"), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  /// The Poisson kernel's `count` outputs, rate `i` in the last dimension
  /// (`o = i × samples + s` for output `[s, i]`), in `dtype`; `stream(o)` is
  /// draw `o`'s Philox. Shared with the stateful `tf.random.poisson`.
  static func poissonValues(
    count: Int, lam: [Double], dtype: TensorFlowDType, stream: (UInt64) -> Philox4x32
  ) throws -> DrawnValues {
    let rates = max(lam.count, 1)
    let samples = lam.isEmpty ? 0 : count / rates
    var out = [Double](repeating: 0, count: count)
    let highest = dtype.highestSample
    for rateIndex in 0..<(lam.isEmpty ? 0 : rates) {
      let rate = lam[rateIndex]
      for sample in 0..<samples {
        var uniforms = DoubleUniforms(philox: stream(UInt64(rateIndex * samples + sample)))
        out[sample * rates + rateIndex] =
          rate < 10 ? Self.knuth(rate, &uniforms, highest: highest) : try Self.transformedRejection(rate, &uniforms, highest: highest)
      }
    }
    switch dtype {
    case .int32: return .int32(out.map { Int32($0) })
    case .int64: return .int64(out.map { Int64($0) })
    case .float32: return .float32(out.map { Float($0) })
    case .float64: return .float64(out)
    }
  }

  /// Knuth's algorithm: multiply uniforms until the product is at most
  /// `exp(−rate)`; the number of factors minus one.
  static func knuth(_ rate: Double, _ uniforms: inout DoubleUniforms, highest: Double) -> Double {
    let limit = exp(-rate)
    var product = 1.0
    var k = 0.0
    while true {
      product *= uniforms.next()
      if product <= limit && k <= highest { return k }
      k += 1
    }
  }

  /// Hörmann's transformed rejection (PTRS) for rates of 10 or more, with
  /// the constants and order of TensorFlow's CPU kernel.
  ///
  /// - Throws: ``FrameworkError`` after 100 000 rejected candidates (the
  ///   acceptance rate is at least about 75%, so only absurd rates get there).
  static func transformedRejection(_ rate: Double, _ uniforms: inout DoubleUniforms, highest: Double) throws -> Double {
    let logRate = log(rate)
    let b = 0.931 + 2.53 * rate.squareRoot()
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    for _ in 0..<100_000 {
      let u = uniforms.next() - 0.5
      let v = uniforms.next()
      let shifted = 0.5 - abs(u)
      let k = ((2 * a / shifted + b) * u + rate + 0.43).rounded(.down)
      if k > highest { continue }
      if shifted >= 0.07 && v <= vr { return k }
      if k < 0 || (shifted < 0.013 && v > shifted) { continue }
      let s = log(v * inverseAlpha / (a / (shifted * shifted) + b))
      let t = -rate + k * logRate - lgamma(k + 1)
      if s <= t { return k }
    }
    throw FrameworkError("stateless_poisson rejected 100000 candidates for lam = \(rate).", parameter: "lam")
  }

  /// Double uniforms from one Philox stream, two per block, the block's
  /// second value first (TensorFlow's `UNIFORM` macro).
  struct DoubleUniforms {
    var philox: Philox4x32
    var pending: (Double, Double) = (0, 0)
    var remaining = 0

    mutating func next() -> Double {
      if remaining == 0 {
        let b = philox.nextBlock()
        pending = (uint64ToDouble(b[0], b[1]), uint64ToDouble(b[2], b[3]))
        remaining = 2
      }
      remaining -= 1
      return remaining == 1 ? pending.1 : pending.0
    }
  }
}

extension TensorFlowDType {
  /// The largest sample the dtype holds (`NumTraits<U>::highest()`), as a double.
  var highestSample: Double {
    switch self {
    case .int32: return Double(Int32.max)
    case .int64: return Double(Int64.max)
    case .float32: return Double(Float.greatestFiniteMagnitude)
    case .float64: return .greatestFiniteMagnitude
    }
  }
}
