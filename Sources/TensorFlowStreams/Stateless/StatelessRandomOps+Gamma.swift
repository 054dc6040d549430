#if canImport(Glibc)
import Glibc  // log, log1p, pow: the C library's, as TensorFlow's CPU kernel calls them
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGBits
import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.stateless_gamma(shape, seed, alpha, beta=None, dtype=tf.float32)`,
  /// as TensorFlow's CPU kernel (`StatelessRandomGammaV3`) and the Python
  /// wrapper around it compute it.
  ///
  /// ```swift
  /// try StatelessRandomOps.gamma([10, 2], seed: [12, 34], alpha: [0.5, 1.5], alphaShape: [2])
  /// ```
  ///
  /// `alpha` and `beta` (already rounded to `dtype`) broadcast to a batch
  /// shape that `shape` must end with; output `[..., i]` draws from batch
  /// member `i`. Draw `o = i × samples + s` reads its own Philox stream from
  /// block `256 × o` of the seed's stream (see ``gammaDraw(_:_:)``). The
  /// double sample is rounded to `dtype`, divided by `beta` in `dtype`, and
  /// raised to the smallest normal number of `dtype` (`np.finfo(dtype).tiny`);
  /// a NaN stays NaN, as `tf.maximum` propagates it.
  ///
  /// Edge cases (as in TensorFlow): `alpha = 0` gives `tiny`; a NaN `alpha`
  /// or one below −2/3 gives NaN; `alpha = inf` gives `inf`; `beta = 0` gives
  /// `inf` (NaN when the sample is 0 too); a negative `beta` gives `tiny`.
  ///
  /// - Throws: ``FrameworkError`` when `alpha` and `beta` do not broadcast,
  ///   when `shape` does not end with their broadcast, a bad seed or a
  ///   negative dimension; `dtype` must be float32 or float64.
  public static func gamma(
    _ shape: [Int], seed: [Int64], alpha: [Double], alphaShape: [Int], beta: [Double] = [1], betaShape: [Int] = [],
    dtype: TensorFlowDType = .float32, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    let key = try StatelessKey(seed: seed)
    guard dtype == .float32 || dtype == .float64 else {
      throw FrameworkError("stateless_gamma needs a float dtype (float32 or float64), got \(dtype.rawValue)", parameter: "dtype")
    }
    let batchShape = try gammaBatchShape(alphaShape, betaShape)
    guard shape.count >= batchShape.count, Array(shape.suffix(batchShape.count)) == batchShape else {
      throw FrameworkError(
        "Shape passed in must end with broadcasted shape: alpha and beta broadcast to \(batchShape), shape is \(shape).",
        parameter: "alpha")
    }
    let values = gammaValues(
      count: count, batchShape: batchShape, alpha: alpha, alphaShape: alphaShape, beta: beta, betaShape: betaShape,
      dtype: dtype
    ) { Philox4x32(counter: Philox4x32.add(key.counter, $0 &* 256), key: key.key) }
    report(key, blocks: UInt64(count) &* 256, operation: "stateless_gamma", distribution: "gamma",
           parameters: [.init("alpha", alpha.count == 1 ? "\(alpha[0])" : "\(alpha)"),
                        .init("beta", beta.count == 1 ? "\(beta[0])" : "\(beta)"), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  /// The broadcast of `alpha`'s and `beta`'s shapes (`broadcast_dynamic_shape`):
  /// the batch of gamma distributions, the last dimensions of the output.
  ///
  /// ```swift
  /// try StatelessRandomOps.gammaBatchShape([3, 1], [2])   // [3, 2]
  /// ```
  ///
  /// - Throws: ``FrameworkError`` when they do not broadcast.
  public static func gammaBatchShape(_ alphaShape: [Int], _ betaShape: [Int]) throws -> [Int] {
    guard let batchShape = broadcastShape(alphaShape, betaShape) else {
      throw FrameworkError("Incompatible shapes: \(alphaShape) vs. \(betaShape)", parameter: "beta")
    }
    return batchShape
  }

  /// The gamma kernel's `count` outputs for batch shape `batchShape` (the
  /// last dimensions of the output), then the wrapper's `/ beta` and floor
  /// at `tiny` in `dtype`; `stream(o)` is draw `o`'s Philox.
  static func gammaValues(
    count: Int, batchShape: [Int], alpha: [Double], alphaShape: [Int], beta: [Double], betaShape: [Int],
    dtype: TensorFlowDType, stream: (UInt64) -> Philox4x32
  ) -> DrawnValues {
    let batches = batchShape.reduce(1, *)
    let samples = batches == 0 ? 0 : count / batches
    let alphaIndex = broadcastIndex(from: alphaShape, to: batchShape)
    let betaIndex = broadcastIndex(from: betaShape, to: batchShape)
    var raw = [Double](repeating: 0, count: count)
    var betas = [Double](repeating: 1, count: count)
    for batch in 0..<batches {
      let a = alpha[alphaIndex(batch)]
      for sample in 0..<samples {
        raw[sample * batches + batch] = gammaDraw(a, stream(UInt64(batch * samples + sample)))
        betas[sample * batches + batch] = beta[betaIndex(batch)]
      }
    }
    if dtype == .float32 {
      let tiny = Float.leastNormalMagnitude
      return .float32(zip(raw, betas).map { sample, beta in
        let scaled = Float(sample) / Float(beta)
        return scaled.isNaN ? scaled : max(tiny, scaled)
      })
    }
    let tiny = Double.leastNormalMagnitude
    return .float64(zip(raw, betas).map { sample, beta in
      let scaled = sample / beta
      return scaled.isNaN ? scaled : max(tiny, scaled)
    })
  }

  /// One double gamma(alpha, 1) sample from its own Philox stream, as
  /// TensorFlow's `StatelessRandomGammaFunctor` draws it on the CPU.
  ///
  /// - `alpha == 1`: `−log1p(−u)`, `u` the second double uniform of the
  ///   stream's first block;
  /// - otherwise Marsaglia and Tsang's method with `d = alpha − 1/3` and
  ///   `c = 1/3/√d` (for `alpha < 1`, `d = alpha + 2/3` and the result is
  ///   multiplied by `pow(b, 1/alpha)` with one more uniform `b`). Normals
  ///   (float64 Box–Muller, two per block) and uniforms (two per block) come
  ///   from two buffers that each take a fresh block from the shared stream
  ///   when empty, and each hand out a block's second value first.
  ///
  /// The loop ends on the first accepted candidate; a NaN `d` is accepted
  /// by the squeeze test as soon as `u < 1 − 0.0331·x⁴`, so it ends too.
  static func gammaDraw(_ alpha: Double, _ philox: Philox4x32) -> Double {
    var uniforms = DoubleUniforms(philox: philox)
    if alpha == 1 {
      return -log1p(-uniforms.next())
    }
    var normals = GammaNormals()
    let lessThanOne = alpha < 1
    let d = alpha + (lessThanOne ? 2.0 / 3 : -1.0 / 3)
    let c = 1.0 / 3 / d.squareRoot()
    while true {
      let x = normals.next(&uniforms.philox)
      var v = 1 + c * x
      if v <= 0 { continue }
      v = v * v * v
      let u = uniforms.next()
      if u < 1 - 0.0331 * (x * x) * (x * x) || log(u) < 0.5 * x * x + d * (1 - v + log(v)) {
        var result = d * v
        if lessThanOne {
          result *= pow(uniforms.next(), 1 / alpha)
        }
        return result
      }
    }
  }

  /// The kernel's buffer of float64 normals: one Box–Muller pair per
  /// Philox block, the pair's second value (the cosine one) handed out first.
  struct GammaNormals {
    var pending = 0.0
    var remaining = false

    mutating func next(_ philox: inout Philox4x32) -> Double {
      if remaining {
        remaining = false
        return pending
      }
      let b = philox.nextBlock()
      let (first, second) = boxMullerDouble(b[0], b[1], b[2], b[3])
      pending = first
      remaining = true
      return second
    }
  }
}
