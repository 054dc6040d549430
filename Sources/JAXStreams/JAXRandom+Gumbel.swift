#if canImport(Glibc)
import Glibc  // float64 `log` is the C library's, as on XLA CPU
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension JAXRandom {
  /// How many uniforms `gumbel` (and `categorical`) spend per value.
  public enum GumbelMode: String, Sendable, Hashable {
    /// `-log(-log(u))`, `u` uniform in `[tiny, 1)` (JAX's default).
    case low
    /// Two uniforms per value: `x = hi` when `hi ≥ 0.5`, else
    /// `hi + 2^−nmant · lo + tiny`; then `-log(-log1p(-x))`.
    case high
  }

  /// `jax.random.gumbel(key, shape=(), dtype=None, mode=None)`.
  ///
  /// ```swift
  /// try random.gumbel(random.key(0), shape: [3])
  /// try random.gumbel(random.key(0), shape: [3], mode: .high)
  /// ```
  ///
  /// In `.high` mode the uniforms have shape `(2, *shape)`: the first half
  /// are the `hi` values, the second the `lo` values. JAX's third mode,
  /// `'highest'`, is not emulated. Throws for a non-float dtype,
  /// float16/bfloat16, or a bad shape.
  public func gumbel(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil, mode: GumbelMode = .low) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "gumbel")
    let count = try Self.elementCount(shape)
    let (values, blocks) = gumbelValues(key, count: count, dtype: dtype, mode: mode)
    report(key, blocks: blocks, operation: "gumbel", distribution: "gumbel",
           parameters: [.init("mode", mode.rawValue), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// The Gumbel values and the blocks hashed, unreported (`categorical` reuses them).
  func gumbelValues(_ key: JAXKey, count: Int, dtype: JAXDType, mode: GumbelMode) -> (DrawnValues, UInt64) {
    switch mode {
    case .low:
      let tiny = dtype == .float64 ? Double.leastNormalMagnitude : Double(Float.leastNormalMagnitude)
      let (u, blocks) = uniformValues(key, count: count, dtype: dtype, minval: tiny, maxval: 1)
      switch u {
      case .float64(let v): return (.float64(v.map { -log(-log($0)) }), blocks)
      case .float32(let v): return (.float32(v.map { -XLAFloat32Math.log(-XLAFloat32Math.log($0)) }), blocks)
      default: preconditionFailure("gumbel runs in float32 or float64")
      }
    case .high:
      let (u, blocks) = uniformValues(key, count: 2 * count, dtype: dtype, minval: 0, maxval: 1)
      switch u {
      case .float64(let v):
        let scale = Double.ulpOfOne, tiny = Double.leastNormalMagnitude
        return (.float64((0..<count).map { i in
          let hi = v[i]
          let x = hi >= 0.5 ? hi : (hi + scale * v[count + i]) + tiny
          return -log(-XLAFloat64Math.log1p(-x))
        }), blocks)
      case .float32(let v):
        let scale = Float.ulpOfOne, tiny = Float.leastNormalMagnitude
        return (.float32((0..<count).map { i in
          let hi = v[i]
          let x = hi >= 0.5 ? hi : (hi + scale * v[count + i]) + tiny
          return -XLAFloat32Math.log(-XLAFloat32Math.log1p(-x))
        }), blocks)
      default: preconditionFailure("gumbel runs in float32 or float64")
      }
    }
  }
}
