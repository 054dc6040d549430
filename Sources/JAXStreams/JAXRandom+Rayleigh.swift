#if canImport(Glibc)
import Glibc  // float64 `log` is the C library's, as on XLA CPU
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension JAXRandom {
  /// `jax.random.rayleigh(key, scale, shape=None, dtype=None)` for one
  /// `scale`: `scale * sqrt(log(u) * -2)` for `u` uniform in `[0, 1)`, each
  /// step rounded in the dtype (`log` is XLA CPU's in float32).
  ///
  /// ```swift
  /// try random.rayleigh(random.key(0), scale: 2, shape: [3])
  /// ```
  ///
  /// Edge case: `u = 0` gives infinity, as in JAX. Throws for a non-float
  /// dtype, float16/bfloat16, or a bad shape.
  public func rayleigh(_ key: JAXKey, scale: Double, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    try rayleigh(key, scale: [scale], scaleShape: [], shape: shape, dtype: dtype)
  }

  /// `rayleigh` with an array `scale` broadcast to `shape` (default: its own
  /// shape), as `jnp.broadcast_to` does.
  public func rayleigh(_ key: JAXKey, scale: [Double], scaleShape: [Int], shape: [Int]?, dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "rayleigh")
    let (scales, shape) = try broadcastParameter(scale, scaleShape, to: shape, name: "scale", function: "rayleigh")
    let s32 = scales.map { Float($0) }
    return try transformedUniformIndexed(
      key, shape: shape, dtype: dtype, minval: 0, maxval: 1, name: "rayleigh", parameters: [.init("scale", Self.parameterText(scale, scaleShape))],
      f32: { s32[$1] * (XLAFloat32Math.log($0) * -2).squareRoot() },
      f64: { scales[$1] * (log($0) * -2).squareRoot() })
  }
}
