import RNGStreams

extension JAXRandom {
  /// `jax.random.wald(key, mean, shape=None, dtype=None)` for one `mean`:
  /// the inverse Gaussian by Michael, Schucany and Haas, with XLA CPU's
  /// roundings, bit for bit in float32 and float64.
  ///
  /// ```swift
  /// try random.wald(random.key(0), mean: 2, shape: [3])
  /// ```
  ///
  /// `k1, k2 = split(key)`, `v = normal(k1)`, `z = uniform(k2)`, `y = v²`,
  /// `x = m + m²y/2 − (m/2)·sqrt(4my + m²y²)`, and `x` where
  /// `z ≤ m/(m + x)`, else `m²/x`. What XLA compiles depends on the element
  /// count (measured on jaxlib 0.10.2, CPU):
  ///
  /// - two or more elements: `sqrt(fma(4m, y, m²·y²))` and
  ///   `x = fma(−m/2, sqrt, m + (m²y)/2)` (LLVM contracts those two pairs);
  /// - one element (`shape` `()`, `(1,)`, …): XLA's simplifier moves `√2` of
  ///   the normal out of the squares: with `e = erf_inv(u)` and `E = e·e`,
  ///   `y = E·c²`, `y² = (E·E)·c⁴` and `4my = (m·E)·4c²`, where `c²`, `c⁴`
  ///   are the dtype's `√2·√2` and `c²·c²`; the same two contractions.
  ///
  /// Subnormal intermediate results are flushed to zero (a mean below about
  /// 1e-19 in float32 makes `m²` one).
  ///
  /// Reported as three draws: the split on `key`, the normal's blocks on
  /// `k1` and the uniform's on `k2` (with the values).
  ///
  /// Throws for a non-float dtype, float16/bfloat16, or a bad shape.
  public func wald(_ key: JAXKey, mean: Double, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    try wald(key, mean: [mean], meanShape: [], shape: shape, dtype: dtype)
  }

  /// `wald` with an array `mean` broadcast to `shape` (default: its own
  /// shape), element by element as for one mean.
  public func wald(_ key: JAXKey, mean meanArray: [Double], meanShape: [Int], shape: [Int]?, dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "wald")
    let (means, shape) = try broadcastParameter(meanArray, meanShape, to: shape, name: "mean", function: "wald")
    let count = means.count
    let meanText = Self.parameterText(meanArray, meanShape)
    let keys = derivedKeys(key, count: 2)
    report(key, blocks: 2, operation: "wald", distribution: "keys", parameters: [.init("mean", meanText)],
           shape: [2, keys[0].data.count], values: .uint32(keys.flatMap(\.data)))
    let values: DrawnValues
    let normalBlocks: UInt64, uniformBlocks: UInt64
    if dtype == .float64 {
      let (u, nb) = uniformValues(keys[0], count: count, dtype: .float64, minval: (-1 as Double).nextUp, maxval: 1)
      let (z, ub) = uniformValues(keys[1], count: count, dtype: .float64, minval: 0, maxval: 1)
      guard case .float64(let us) = u, case .float64(let zs) = z else { preconditionFailure("float64 uniforms are Double") }
      let sqrt2 = XLAFloat64Math.sqrt2
      values = .float64((0..<count).map {
        Self.waldValue(erfInv: XLAFloat64Math.erfInv(us[$0]), z: zs[$0], mean: means[$0], sqrt2: sqrt2, single: count == 1)
      })
      (normalBlocks, uniformBlocks) = (nb, ub)
    } else {
      let lo = (-1 as Float).nextUp, span = 1 - lo
      let (e, nb) = mapBits32(keys[0], count: count) { XLAFloat32Math.erfInv(Self.uniformFloat32($0, minval: lo, span: span)) }
      let (z, ub) = mapBits32(keys[1], count: count) { Self.uniformFloat32($0, minval: 0, span: 1) }
      let m = means.map { Float($0) }, sqrt2 = XLAFloat32Math.sqrt2
      values = .float32((0..<count).map { Self.waldValue(erfInv: e[$0], z: z[$0], mean: m[$0], sqrt2: sqrt2, single: count == 1) })
      (normalBlocks, uniformBlocks) = (nb, ub)
    }
    report(keys[0], blocks: normalBlocks, operation: "wald", distribution: "normal",
           parameters: [.init("dtype", dtype.name)], shape: shape, values: nil)
    report(keys[1], blocks: uniformBlocks, operation: "wald", distribution: "wald",
           parameters: [.init("mean", meanText), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// One Wald value from the normal's `erf_inv(u)` and the uniform `z`, as
  /// XLA CPU compiles it for `single` element or for several; every
  /// subnormal result is flushed to zero, as XLA CPU does.
  @inline(__always)
  static func waldValue<T: BinaryFloatingPoint>(erfInv e: T, z: T, mean: T, sqrt2: T, single: Bool) -> T {
    @inline(__always) func f(_ x: T) -> T { XLAFloatOps.flushed(x) }
    let m = f(mean)
    let meanSquared = f(m * m), halfMean = f(m * 0.5)
    let y: T, sum: T
    if single {
      let c2 = sqrt2 * sqrt2
      let e2 = f(e * e)
      y = f(e2 * c2)
      sum = f(f(meanSquared * f(f(e2 * e2) * (c2 * c2))).addingProduct(f(m * e2), 4 * c2))
    } else {
      let v = f(e * sqrt2)
      y = f(v * v)
      sum = f(f(meanSquared * f(y * y)).addingProduct(f(4 * m), y))
    }
    let x = f(f(m + f(f(meanSquared * y) * 0.5)).addingProduct(-halfMean, f(sum.squareRoot())))
    return z <= f(m / f(m + x)) ? x : f(meanSquared / x)
  }
}
