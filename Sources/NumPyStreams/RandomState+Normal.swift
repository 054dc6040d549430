import RNGBits
import RNGStreams

extension RandomState {
  /// `standard_normal(size)`: NumPy's legacy polar Box–Muller with a cache.
  ///
  /// Each accepted pair `(x1, x2)` (two `next_double`s: four MT19937 words
  /// or two 64-bit outputs; pairs outside the unit disc are rejected) gives
  /// `f·x2`, returned now, and `f·x1`, cached for the next value, with `f = sqrt(-2·log(r²)/r²)`. The cache outlives the
  /// call: `randn(3)` then `randn(1)` takes the fourth value from the cache.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 0)
  /// try rs.standardNormal(count: 3)  // [1.764052345967664, 0.4001572083672233, 0.9787379841057392]
  /// ```
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func standardNormal(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try gaussians(count: count, shape: shape, operation: "standard_normal", loc: 0, scale: 1, parameters: false)
  }

  /// `randn(d0, d1, ...)`: alias of ``standardNormal(count:shape:)``.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func randn(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try gaussians(count: count, shape: shape, operation: "randn", loc: 0, scale: 1, parameters: false)
  }

  /// `normal(loc, scale, size)`: `loc + scale · g` per element, no fused
  /// multiply-add, `g` from ``standardNormal(count:shape:)``.
  ///
  /// - Throws: ``FrameworkError`` ("scale < 0") when `scale` has its sign bit
  ///   set, including `-0.0` (NumPy tests the sign bit).
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func normal(loc: Double = 0.0, scale: Double = 1.0, count: Int, shape: [Int]? = nil) throws -> [Double] {
    if !scale.isNaN && scale.sign == .minus { throw FrameworkError("scale < 0", parameter: "scale") }
    return try gaussians(count: count, shape: shape, operation: "normal", loc: loc, scale: scale, parameters: true)
  }

  mutating func gaussians(
    count: Int, shape: [Int]?, operation: String, loc: Double, scale: Double, parameters: Bool
  ) throws -> [Double] {
    try ElementCount.check(count)
    let before = bitGenerator.wordsDrawn
    let values = [Double](unsafeUninitializedCapacity: count) { out, initialized in
      HugePages.advise(out)
      withLegacySource { source in
        if parameters {
          for i in 0..<count { out[i] = loc + scale * source.nextGauss() }
        } else {
          for i in 0..<count { out[i] = source.nextGauss() }
        }
      }
      initialized = count
    }
    if observer != nil {
      let described: [DrawReport.Parameter] = [.init("loc", loc.description), .init("scale", scale.description)]
      report(operation, "normal", described, shape: shape ?? [count], from: before, values: .float64(values))
    }
    return values
  }
}
