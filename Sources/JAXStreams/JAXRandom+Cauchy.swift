#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension JAXRandom {
  /// `jax.random.cauchy(key, shape=(), dtype=None)`: `tan(π · (u − 0.5))`
  /// for `u` uniform in `[eps, 1)`.
  ///
  /// ```swift
  /// try random.cauchy(random.key(0), shape: [3])
  /// ```
  ///
  /// `tan` is the C library's (`tanf` for float32), which is what XLA CPU
  /// calls: bit-exact on the same glibc. π is the dtype's nearest value
  /// (`Float(Double.pi)`, not Swift's `Float.pi`, which rounds toward zero).
  /// Throws for a non-float dtype, float16/bfloat16, or a bad shape.
  public func cauchy(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "cauchy")
    let eps = dtype == .float64 ? Double.ulpOfOne : Double(Float.ulpOfOne)
    return try transformedUniform(
      key, shape: shape, dtype: dtype, minval: eps, maxval: 1, name: "cauchy",
      f32: { tanf(Self.pi32 * ($0 - 0.5)) }, f64: { tan(Double.pi * ($0 - 0.5)) })
  }

  /// π rounded to the nearest float32 (`np.float32(np.pi)`, 0x40490FDB).
  static let pi32 = Float(Double.pi)
}
