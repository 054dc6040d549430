#if canImport(Glibc)
import Glibc  // log: the C library's, as TensorFlow's CPU kernel calls it
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGBits
import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.stateless_binomial(shape, seed, counts, probs, output_dtype=tf.int32)`,
  /// as TensorFlow's CPU kernel (`RandomBinomialFunctor`) runs it.
  ///
  /// ```swift
  /// try StatelessRandomOps.binomial([4, 2], seed: [1, 2], counts: [10, 40], countsShape: [2],
  ///                                 probs: [0.3], probsShape: [], parameterType: .float32)
  /// ```
  ///
  /// `counts` and `probs` broadcast to a batch shape that `shape` must end
  /// with; output `[..., i]` draws from batch member `i`. Draw
  /// `o = i × samples + s` reads its own Philox stream from the seed's: from
  /// block `256 × o` when `count · p ≥ 10` (Hörmann's BTRS, double uniforms in
  /// pairs, `log` from the C library), from block `42 × o` otherwise (the
  /// inversion: sum geometric variables until they pass `count`). For
  /// `p > 0.5` it samples `count − Binomial(count, 1 − p)`. `count ≤ 0` or
  /// `p ≤ 0` gives 0, `p ≥ 1` gives `count`, a NaN `p` gives NaN (0 for
  /// integer outputs, as the C cast on x86-64 leaves `INT_MIN`… see Edge cases).
  ///
  /// `counts · probs` and `1 − probs` are computed in the parameters' dtype
  /// (`parameterType`: float32 unless a float64 tensor is given), as the
  /// kernel does before switching to double.
  ///
  /// Edge cases: a NaN probability is refused (TensorFlow writes NaN, whose
  /// integer cast is undefined).
  ///
  /// - Throws: ``FrameworkError`` when the shapes do not broadcast, when
  ///   `shape` does not end with their broadcast, for a NaN probability or
  ///   count, a bad seed or a negative dimension.
  public static func binomial(
    _ shape: [Int], seed: [Int64], counts: [Double], countsShape: [Int], probs: [Double], probsShape: [Int],
    parameterType: TensorFlowDType = .float32, dtype: TensorFlowDType = .int32, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    let key = try StatelessKey(seed: seed)
    let values = try binomialValues(
      shape, counts: counts, countsShape: countsShape, probs: probs, probsShape: probsShape,
      parameterType: parameterType, dtype: dtype
    ) { draw, perDraw in
      Philox4x32(counter: Philox4x32.add(key.counter, draw &* perDraw), key: key.key)
    }
    report(key, blocks: UInt64(count) &* 256, operation: "stateless_binomial", distribution: "binomial",
           parameters: [.init("counts", counts.count == 1 ? "\(counts[0])" : "\(counts)"),
                        .init("probs", probs.count == 1 ? "\(probs[0])" : "\(probs)"), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  /// The binomial kernel's values; `stream(o, blocksPerDraw)` is draw `o`'s Philox.
  static func binomialValues(
    _ shape: [Int], counts: [Double], countsShape: [Int], probs: [Double], probsShape: [Int],
    parameterType: TensorFlowDType, dtype: TensorFlowDType, stream: (UInt64, UInt64) -> Philox4x32
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    guard let batchShape = broadcastShape(countsShape, probsShape) else {
      throw FrameworkError("counts and probs must have compatible batch dimensions: \(countsShape) vs. \(probsShape)", parameter: "probs")
    }
    guard shape.count >= batchShape.count, Array(shape.suffix(batchShape.count)) == batchShape else {
      throw FrameworkError("Shape passed in must end with broadcasted shape: counts and probs broadcast to \(batchShape), shape is \(shape).", parameter: "shape")
    }
    if probs.contains(where: \.isNaN) || counts.contains(where: \.isNaN) {
      throw FrameworkError("stateless_binomial with a NaN count or probability is not emulated: TensorFlow writes NaN, whose integer conversion is undefined", parameter: "probs")
    }
    let batches = batchShape.reduce(1, *)
    let samples = batches == 0 ? 0 : count / batches
    let countIndex = broadcastIndex(from: countsShape, to: batchShape)
    let probIndex = broadcastIndex(from: probsShape, to: batchShape)
    let single = parameterType == .float32
    func inT(_ x: Double) -> Double { single ? Double(Float(x)) : x }
    var out = [Double](repeating: 0, count: count)
    for batch in 0..<batches {
      let n = counts[countIndex(batch)]
      let p = probs[probIndex(batch)]
      for sample in 0..<samples {
        let draw = UInt64(batch * samples + sample)
        let value: Double
        if n <= 0 || p <= 0 {
          value = 0
        } else if p >= 1 {
          value = n
        } else if p <= 0.5 {
          var uniforms = DoubleUniforms(philox: stream(draw, inT(n * p) >= 10 ? 256 : 42))
          value = inT(n * p) >= 10 ? btrs(n, p, &uniforms) : binomialInversion(n, p, &uniforms)
        } else {
          let q = inT(1 - p)
          var uniforms = DoubleUniforms(philox: stream(draw, inT(n * q) >= 10 ? 256 : 42))
          value = n - (inT(n * q) >= 10 ? btrs(n, q, &uniforms) : binomialInversion(n, q, &uniforms))
        }
        out[sample * batches + batch] = value
      }
    }
    switch dtype {
    case .int32: return .int32(out.map { Int32($0) })
    case .int64: return .int64(out.map { Int64($0) })
    case .float32: return .float32(out.map { Float($0) })
    case .float64: return .float64(out)
    }
  }

  /// Inversion for `count · p < 10`: the number of geometric(p) variables
  /// whose running sum stays at most `count`.
  static func binomialInversion(_ count: Double, _ p: Double, _ uniforms: inout DoubleUniforms) -> Double {
    var sum = 0.0
    var variables = 0.0
    let denominator = log1p(-p)
    while true {
      sum += (log(uniforms.next()) / denominator).rounded(.up)
      if sum > count { return variables }
      variables += 1
    }
  }

  /// The remainders of Stirling's series for `log k!` at k = 0…9, at the
  /// precision of TensorFlow's kernel (Hörmann 1993); beyond 9 the series.
  static func stirlingTail(_ k: Double) -> Double {
    let table = [
      0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
      0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
    ]
    if k <= 9 { return table[Int(k)] }
    let square = (k + 1) * (k + 1)
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / square) / square) / (k + 1)
  }

  /// Hörmann's transformed rejection with squeeze (BTRS), with the constants
  /// and evaluation order of TensorFlow's CPU kernel.
  static func btrs(_ count: Double, _ p: Double, _ uniforms: inout DoubleUniforms) -> Double {
    let stddev = (count * p * (1 - p)).squareRoot()
    let b = 1.15 + 2.53 * stddev
    let a = -0.0873 + 0.0248 * b + 0.01 * p
    let c = count * p + 0.5
    let vr = 0.92 - 4.2 / b
    let r = p / (1 - p)
    let alpha = (2.83 + 5.1 / b) * stddev
    let m = ((count + 1) * p).rounded(.down)
    while true {
      var u = uniforms.next()
      var v = uniforms.next()
      u = u - 0.5
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + c).rounded(.down)
      if us >= 0.07 && v <= vr { return k }
      if k < 0 || k > count { continue }
      v = log(v * alpha / (a / (us * us) + b))
      let upper =
        ((m + 0.5) * log((m + 1) / (r * (count - m + 1))) + (count + 1) * log((count - m + 1) / (count - k + 1))
          + (k + 0.5) * log(r * (count - k + 1) / (k + 1)) + stirlingTail(m) + stirlingTail(count - m)
          - stirlingTail(k) - stirlingTail(count - k))
      if v <= upper { return k }
    }
  }

  /// NumPy-style broadcast of two shapes, or nil.
  private static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for k in 0..<rank {
      let x = k < rank - a.count ? 1 : a[k - (rank - a.count)]
      let y = k < rank - b.count ? 1 : b[k - (rank - b.count)]
      guard x == y || x == 1 || y == 1 else { return nil }
      out[k] = x == 1 ? y : x
    }
    return out
  }

  private static func broadcastIndex(from small: [Int], to shape: [Int]) -> (Int) -> Int {
    Broadcasting.index(from: small, to: shape) ?? { _ in 0 }
  }
}
