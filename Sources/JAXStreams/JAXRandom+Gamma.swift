#if canImport(Glibc)
import Glibc  // pow and log: the C library's, which XLA CPU calls for float64
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension JAXRandom {
  /// `jax.random.gamma(key, a, shape=None, dtype=None)` and
  /// `jax.random.loggamma` (`logSpace: true`) in float64: Marsaglia–Tsang,
  /// one rejection loop per element, as JAX runs it.
  ///
  /// ```swift
  /// let random = JAXRandom(config: JAXConfig(enableX64: true))
  /// try random.gamma(random.key(0), a: [2.0], aShape: [], shape: [3])
  /// try random.gamma(random.key(1), a: [0.1], aShape: [], shape: [3], logSpace: true)
  /// ```
  ///
  /// The key is split into one key per element; element `i` splits its key
  /// into a loop key and a boost key, and every loop round splits the loop
  /// key in three (next loop key, normal keys, uniform key), drawing
  /// normals until `v = 1 + x·c > 0` (one FMA). `a < 1` is boosted to
  /// `a + 1` and multiplied by `(1 − u)^(1/a)` (in log space: plus
  /// `log1p(−u) · (1/a)`). `c = (1/3)/sqrt(d)` is compiled as
  /// `(1/3) · rsqrt(d)`, which for float64 is `(1/3) · (1/sqrt(d))`. Results
  /// below the smallest normal number are flushed to zero, as XLA CPU runs
  /// with flush-to-zero.
  ///
  /// float32 is refused: XLA CPU computes the constant `c = (1/3)/sqrt(d)`
  /// as `(1/3)·rsqrt(d)` with the processor's approximate reciprocal square
  /// root and a Newton step, whose last bit differs between CPU models.
  ///
  /// One draw is reported on `key` (the split into per-element keys); the
  /// inner keys are not reported.
  ///
  /// - Throws: ``FrameworkError`` for a dtype other than float64, an `a`
  ///   that does not broadcast to `shape`, a bad shape, or a loop that has
  ///   not accepted after 10 000 rounds (only for NaN-like inputs).
  public func gamma(
    _ key: JAXKey, a: [Double], aShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil, logSpace: Bool = false
  ) throws -> DrawnValues {
    let name = logSpace ? "loggamma" : "gamma"
    try requireFloat64(dtype, name)
    let (alphas, shape) = try broadcastParameter(a, aShape, to: shape, name: "a", function: name)
    let keys = derivedKeys(key, count: alphas.count)
    let values = DrawnValues.float64(try zip(keys, alphas).map { try gammaOne($0, $1, logSpace: logSpace) })
    report(key, blocks: UInt64(alphas.count), operation: name, distribution: name,
           parameters: [.init("a", a.count == 1 ? String(a[0]) : "array\(Self.pythonTuple(aShape))"), .init("dtype", "float64")],
           shape: shape, values: values)
    return values
  }

  /// Throws unless `dtype` (or the default float) is float64.
  func requireFloat64(_ dtype: JAXDType?, _ name: String) throws {
    let dtype = try samplerFloatDType(dtype, name)
    guard dtype == .float64 else {
      throw FrameworkError(
        "\(name) is emulated in float64 only (--config jax_enable_x64=true): in float32 XLA CPU computes gamma's constant 1/(3·sqrt(d)) with the processor's approximate reciprocal square root, whose last bit differs between CPU models, so rngdiff cannot reproduce it.",
        parameter: "dtype")
    }
  }

  /// An array parameter broadcast to `shape` (default: its own shape), in C order.
  func broadcastParameter(
    _ values: [Double], _ valuesShape: [Int], to shape: [Int]?, name: String, function: String
  ) throws -> ([Double], [Int]) {
    guard values.count == valuesShape.reduce(1, *) else {
      throw FrameworkError("\(name) has \(values.count) elements, which does not match its shape \(valuesShape).", parameter: name)
    }
    let shape = shape ?? valuesShape
    let count = try Self.elementCount(shape)
    guard let index = Broadcasting.index(from: valuesShape, to: shape) else {
      throw FrameworkError(
        "\(function) parameter shapes (\(Self.pythonTuple(valuesShape)),) are not broadcast-compatible with shape argument \(Self.pythonTuple(shape)).",
        parameter: "shape")
    }
    return ((0..<count).map { values[index($0)] }, shape)
  }

  /// A float64 uniform scalar in `[lo, 1)` from a key (`uniform(key, ())`), unreported.
  func uniformScalar64(_ key: JAXKey, minval lo: Double = 0) -> Double {
    guard case .float64(let u) = uniformValues(key, count: 1, dtype: .float64, minval: lo, maxval: 1).0 else {
      preconditionFailure("float64 uniforms are held as Double")
    }
    return u[0]
  }

  /// One gamma (or log-gamma) sample, JAX's `_gamma_one`, in float64.
  func gammaOne(_ key: JAXKey, _ alpha: Double, logSpace: Bool) throws -> Double {
    let third = 1.0 / 3.0, squeeze = 0.0331
    let boostMask = alpha >= 1
    let a = boostMask ? alpha : alpha + 1
    let d = a - third
    let c = third * (1 / d.squareRoot())
    let first = derivedKeys(key, count: 2)
    var loopKey = first[0]
    let boostKey = first[1]
    var X = 0.0, V = 1.0, U = 2.0
    var rounds = 0
    while U >= 1 - squeeze * (X * X) && log(U) >= X * 0.5 + d * ((1 - V) + log(V)) {
      rounds += 1
      guard rounds <= 10_000 else {
        throw FrameworkError("gamma's rejection loop did not accept after 10000 rounds for a = \(alpha).", parameter: "a")
      }
      let keys = derivedKeys(loopKey, count: 3)
      loopKey = keys[0]
      var normalKey = keys[1]
      var x = 0.0, v = -1.0
      while v <= 0 {
        let split = derivedKeys(normalKey, count: 2)
        normalKey = split[0]
        x = XLAFloat64Math.erfInv(uniformScalar64(split[1], minval: (-1 as Double).nextUp)) * XLAFloat64Math.sqrt2
        v = (1 as Double).addingProduct(x, c)
      }
      X = x * x
      V = (v * v) * v
      U = uniformScalar64(keys[2])
    }
    if logSpace {
      let logSamples = XLAFloat64Math.log1p(-uniformScalar64(boostKey))  // −exponential(boostKey)
      let base = log(d) + log(V)
      return boostMask || logSamples == 0 ? base : base + logSamples * (1 / alpha)
    }
    let samples = 1 - uniformScalar64(boostKey)
    let boost = boostMask ? 1 : Self.flushed(pow(samples, 1 / alpha))
    return Self.flushed((d * V) * boost)
  }

  /// `x`, or a zero of its sign when it is subnormal (XLA CPU's flush-to-zero).
  @inline(__always)
  static func flushed(_ x: Double) -> Double {
    abs(x) < .leastNormalMagnitude ? (x.sign == .minus ? -0.0 : 0.0) : x
  }
}
