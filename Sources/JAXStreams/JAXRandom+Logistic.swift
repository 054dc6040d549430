#if canImport(Glibc)
import Glibc  // float64 `log` is the C library's, as on XLA CPU
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension JAXRandom {
  /// `jax.random.logistic(key, shape=(), dtype=None)`:
  /// `log(x) - log1p(-x)` for `x` uniform in `[tiny, 1)` (`tiny` the
  /// smallest normal number of the dtype).
  ///
  /// ```swift
  /// try random.logistic(random.key(0), shape: [3])
  /// ```
  ///
  /// Throws for a non-float dtype, float16/bfloat16, or a bad shape.
  public func logistic(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "logistic")
    let tiny = dtype == .float64 ? Double.leastNormalMagnitude : Double(Float.leastNormalMagnitude)
    return try transformedUniform(
      key, shape: shape, dtype: dtype, minval: tiny, maxval: 1, name: "logistic",
      f32: { XLAFloat32Math.log($0) - XLAFloat32Math.log1p(-$0) },
      f64: { log($0) - XLAFloat64Math.log1p(-$0) })
  }
}
