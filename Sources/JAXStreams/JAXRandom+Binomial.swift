import RNGStreams

extension JAXRandom {
  /// `jax.random.binomial(key, n, p, shape=None, dtype=None)` where every
  /// element takes JAX's inversion branch (`n·q ≤ 10`, `q = min(p, 1 − p)`),
  /// bit for bit.
  ///
  /// ```swift
  /// try random.binomial(random.key(0), n: [20], nShape: [], p: [0.3], pShape: [], shape: [5])
  /// ```
  ///
  /// The inversion loop runs over the whole array: each round splits the
  /// loop key (`subkey, key = split(key)`), draws `u = uniform(subkey,
  /// shape)` and adds `ceil(log(u) / log1p(−q))` to every element's sum,
  /// counting a round for an element while its sum is still `≤ floor(n)`;
  /// the sample is the count minus one (`n − sample` where `p ≥ 0.5`).
  /// `log` and `log1p` are XLA CPU's (``XLAFloat32Math``, ``XLAFloat64Math``);
  /// the arithmetic runs in the default float dtype and is cast to `dtype`.
  /// A NaN or negative `n`, or a NaN or negative `q`, gives NaN.
  ///
  /// - Throws: ``FrameworkError`` where an element needs JAX's other branch
  ///   (the BTRS rejection sampler for `n·q > 10`, including an infinite
  ///   `n`), which rngdiff does not emulate; for a non-float dtype,
  ///   float16/bfloat16, or shapes that do not broadcast.
  public func binomial(
    _ key: JAXKey, n: [Double], nShape: [Int], p: [Double], pShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "binomial")
    let shape = try shape ?? Self.broadcastShapes(nShape, pShape, function: "binomial")
    let (ns, _) = try broadcastParameter(n, nShape, to: shape, name: "n", function: "binomial")
    let (ps, _) = try broadcastParameter(p, pShape, to: shape, name: "p", function: "binomial")
    let compute = config.canonical(config.defaultFloat)
    let samples: [Double]
    if compute == .float64 {
      samples = try binomialInversion(key, ns, ps, shape: shape, dtype: .float64, log: XLAFloat64Math.log, log1p: XLAFloat64Math.log1p)
    } else {
      samples = try binomialInversion(
        key, ns.map { Float($0) }, ps.map { Float($0) }, shape: shape, dtype: .float32, log: XLAFloat32Math.log, log1p: XLAFloat32Math.log1p
      ).map { Double($0) }
    }
    let values: DrawnValues = dtype == .float64 ? .float64(samples) : .float32(samples.map { Float($0) })
    report(key, blocks: 1, operation: "binomial", distribution: "binomial",
           parameters: [.init("n", Self.parameterText(n, nShape)), .init("p", Self.parameterText(p, pShape)), .init("dtype", dtype.name)],
           shape: shape, values: values)
    return values
  }

  /// The inversion branch of `_binomial` in the float type `F` (the uniforms' dtype).
  func binomialInversion<F: BinaryFloatingPoint>(
    _ key: JAXKey, _ n: [F], _ p: [F], shape: [Int], dtype: JAXDType, log: (F) -> F, log1p: (F) -> F
  ) throws -> [F] {
    let count = n.count
    var q = [F](), countInv = [F](), invalid = [Bool](), keep = [Bool](), counts = [F]()
    for i in 0..<count {
      let pLtHalf = p[i] < 0.5
      var qi = pLtHalf ? p[i] : 1 - p[i]
      let nanOrNeg = n[i].isNaN || n[i] < 0
      let qNaN = qi.isNaN, qNeg = qi < 0
      if qNaN || qNeg { qi = 0.01 }
      guard nanOrNeg || n[i] * qi <= 10 else {
        throw FrameworkError(
          "binomial with n·min(p, 1 − p) > 10 (n = \(n[i]), p = \(p[i])) uses JAX's BTRS rejection sampler, which rngdiff does not emulate; only the inversion branch (n·min(p, 1 − p) ≤ 10) is reproduced.",
          parameter: "n")
      }
      let c = n[i].rounded(.down)
      q.append(qi)
      counts.append(c)
      countInv.append(c)
      invalid.append(qNeg || qNaN || nanOrNeg)
      keep.append(pLtHalf || nanOrNeg || qNaN)
    }
    let logOneMinusQ = q.map { log1p(-$0) }
    var numGeom = [F](repeating: 0, count: count), geomSum = [F](repeating: 0, count: count)
    var loopKey = key
    while zip(geomSum, countInv).contains(where: { $0 <= $1 }) {
      let split = derivedKeys(loopKey, count: 2)
      loopKey = split[1]
      let (uniforms, _) = uniformValues(split[0], count: count, dtype: dtype, minval: 0, maxval: 1)
      let u: [F]
      switch uniforms {
      case .float32(let v): u = v.map { F($0) }
      case .float64(let v): u = v.map { F($0) }
      default: preconditionFailure("samplers run in float32 or float64")
      }
      for i in 0..<count {
        if geomSum[i] <= countInv[i] { numGeom[i] += 1 }
        geomSum[i] += (log(u[i]) / logOneMinusQ[i]).rounded(.up)
      }
    }
    return (0..<count).map { i in
      let sample = numGeom[i] - 1
      if invalid[i] { return .nan }
      return keep[i] ? sample : counts[i] - sample
    }
  }
}
