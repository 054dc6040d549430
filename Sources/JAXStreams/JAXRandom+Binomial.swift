import RNGStreams

extension JAXRandom {
  /// `jax.random.binomial(key, n, p, shape=None, dtype=None)`, both of
  /// JAX's branches, bit for bit with XLA CPU.
  ///
  /// ```swift
  /// try random.binomial(random.key(0), n: [20], nShape: [], p: [0.3], pShape: [], shape: [5])
  /// ```
  ///
  /// As in `_binomial`, both loops run from `key` over the whole array and
  /// each element takes one of them: the inversion branch where
  /// `n·q ≤ 10` (`q = min(p, 1 − p)`; its loop sees a count of 0 elsewhere),
  /// the BTRS rejection sampler elsewhere (its loop sees `n = 10 000`,
  /// `q = 0.5` where inversion is taken, and those elements still decide how
  /// many rounds it runs; see ``binomialBTRS(_:counts:probs:dtype:scalarParameters:log:)``).
  ///
  /// The inversion loop splits the loop key each round
  /// (`subkey, key = split(key)`), draws `u = uniform(subkey, shape)` and
  /// adds `ceil(log(u) / log1p(−q))` to every element's sum, counting a
  /// round for an element while its sum is still `≤ floor(n)`; the sample is
  /// the count minus one. The result is `n − sample` where `p ≥ 0.5`, NaN
  /// for a NaN or negative `n` or a NaN or negative `q`, +∞ for an infinite
  /// `n`. `log` and `log1p` are XLA CPU's (``XLAFloat32Math``,
  /// ``XLAFloat64Math``); the arithmetic runs in the default float dtype and
  /// the samples are cast to `dtype`.
  ///
  /// - Throws: ``FrameworkError`` for an infinite `n` with `p` 0 or 1 (JAX's
  ///   BTRS loop never ends), a non-float dtype, float16/bfloat16, or shapes
  ///   that do not broadcast.
  public func binomial(
    _ key: JAXKey, n: [Double], nShape: [Int], p: [Double], pShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "binomial")
    let shape = try shape ?? Self.broadcastShapes(nShape, pShape, function: "binomial")
    let (ns, _) = try broadcastParameter(n, nShape, to: shape, name: "n", function: "binomial")
    let (ps, _) = try broadcastParameter(p, pShape, to: shape, name: "p", function: "binomial")
    // XLA computes the BTRS constants on scalars (and rewrites two divisions
    // by them) where n and p are both scalars and the result has a shape.
    let scalarParameters = nShape.isEmpty && pShape.isEmpty && !shape.isEmpty
    let compute = config.canonical(config.defaultFloat)
    let values: DrawnValues
    if compute == .float64 {
      values = try binomialSamples(
        key, ns, ps, shape: shape, compute: .float64, dtype: dtype, scalarParameters: scalarParameters,
        log: XLAFloat64Math.log, log1p: XLAFloat64Math.log1p)
    } else {
      values = try binomialSamples(
        key, ns.map { Float($0) }, ps.map { Float($0) }, shape: shape, compute: .float32, dtype: dtype,
        scalarParameters: scalarParameters, log: XLAFloat32Math.log, log1p: XLAFloat32Math.log1p)
    }
    report(key, blocks: 1, operation: "binomial", distribution: "binomial",
           parameters: [.init("n", Self.parameterText(n, nShape)), .init("p", Self.parameterText(p, pShape)), .init("dtype", dtype.name)],
           shape: shape, values: values)
    return values
  }

  /// `_binomial` in the float type `F` (the uniforms' dtype `compute`),
  /// cast to `dtype` as JAX casts: the branch's samples first, then
  /// `count − sample` in `dtype` where `p ≥ 0.5`.
  func binomialSamples<F: BinaryFloatingPoint>(
    _ key: JAXKey, _ n: [F], _ p: [F], shape: [Int], compute: JAXDType, dtype: JAXDType, scalarParameters: Bool,
    log: (F) -> F, log1p: (F) -> F
  ) throws -> DrawnValues {
    let count = n.count
    var q = [F](), counts = [F](), inversionCounts = [F](), btrsCounts = [F](), btrsProbs = [F]()
    var useInversion = [Bool](), invalid = [Bool](), infinite = [Bool](), keep = [Bool]()
    for i in 0..<count {
      let pLtHalf = p[i] < 0.5
      var qi = pLtHalf ? p[i] : 1 - p[i]
      let nanOrNeg = n[i].isNaN || n[i] < 0
      let isInfinite = n[i].isInfinite
      let qNaN = qi.isNaN, qNeg = qi < 0
      if qNaN || qNeg { qi = F(0.01) }
      let inversion = nanOrNeg || n[i] * qi <= 10
      let c = n[i].rounded(.down)
      q.append(qi)
      counts.append(c)
      useInversion.append(inversion)
      inversionCounts.append(inversion ? c : 0)
      btrsCounts.append(inversion ? 10_000 : c)
      btrsProbs.append(inversion ? F(0.5) : qi)
      let isInvalid = qNeg || qNaN || nanOrNeg
      invalid.append(isInvalid)
      infinite.append(isInfinite && !isInvalid)
      keep.append(pLtHalf || nanOrNeg || qNaN || isInfinite)
    }
    let inversion = binomialInversion(key, inversionCounts, q, dtype: compute, log: log, log1p: log1p)
    var btrs = [F](repeating: 0, count: count)
    if useInversion.contains(false) {
      btrs = try binomialBTRS(
        key, counts: btrsCounts, probs: btrsProbs, dtype: compute, scalarParameters: scalarParameters, log: log).samples
    }
    func finish<T: BinaryFloatingPoint>(_ convert: (F) -> T) -> [T] {
      (0..<count).map { i in
        if invalid[i] { return .nan }
        if infinite[i] { return .infinity }
        let sample = convert(useInversion[i] ? inversion[i] : btrs[i])
        return keep[i] ? sample : convert(counts[i]) - sample
      }
    }
    return dtype == .float64 ? .float64(finish { Double($0) }) : .float32(finish { Float($0) })
  }

  /// The inversion branch of `_binomial` in the float type `F` (the
  /// uniforms' dtype): `count − 1` per element, `count` being the rounds
  /// in which its sum of geometric draws was still `≤ n`.
  func binomialInversion<F: BinaryFloatingPoint>(
    _ key: JAXKey, _ n: [F], _ q: [F], dtype: JAXDType, log: (F) -> F, log1p: (F) -> F
  ) -> [F] {
    let count = n.count
    let logOneMinusQ = q.map { log1p(-$0) }
    var numGeom = [F](repeating: 0, count: count), geomSum = [F](repeating: 0, count: count)
    var loopKey = key
    while zip(geomSum, n).contains(where: { $0 <= $1 }) {
      let split = derivedKeys(loopKey, count: 2)
      loopKey = split[1]
      let u: [F] = floatUniforms(split[0], count: count, dtype: dtype)
      for i in 0..<count {
        if geomSum[i] <= n[i] { numGeom[i] += 1 }
        geomSum[i] += (log(u[i]) / logOneMinusQ[i]).rounded(.up)
      }
    }
    return numGeom.map { $0 - 1 }
  }
}
