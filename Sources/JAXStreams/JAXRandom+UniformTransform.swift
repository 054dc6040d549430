import RNGStreams

extension JAXRandom {
  /// The float dtypes the distribution samplers emulate: float32, and
  /// float64 under `jax_enable_x64` (float64 without x64 is float32, as in
  /// JAX). float16 and bfloat16 are refused: XLA computes their logarithms
  /// through float32 with roundings rngdiff has not checked.
  func samplerFloatDType(_ dtype: JAXDType?, _ name: String) throws -> JAXDType {
    let dtype = config.canonical(dtype ?? config.defaultFloat)
    guard dtype.isFloat else {
      throw FrameworkError("dtype argument to `\(name)` must be a float dtype, got \(dtype.name).", parameter: "dtype")
    }
    guard dtype == .float32 || dtype == .float64 else {
      throw FrameworkError(
        "\(name) is emulated for float32 and float64 only, got \(dtype.name); XLA's \(dtype.name) arithmetic for it is not emulated.",
        parameter: "dtype")
    }
    return dtype
  }

  /// One uniform per element in `[minval, maxval)` (rounded to the dtype
  /// as JAX's `uniform` does), mapped elementwise; reported as `name`.
  ///
  /// - Parameters:
  ///   - f32: the transform in float32 with XLA's roundings (``XLAFloat32Math``).
  ///   - f64: the transform in float64 (``XLAFloat64Math`` and the C library's `log`).
  func transformedUniform(
    _ key: JAXKey, shape: [Int], dtype: JAXDType, minval: Double, maxval: Double, name: String,
    parameters: [DrawReport.Parameter] = [], f32: (Float) -> Float, f64: (Double) -> Double
  ) throws -> DrawnValues {
    let count = try Self.elementCount(shape)
    let (uniforms, blocks) = uniformValues(key, count: count, dtype: dtype, minval: minval, maxval: maxval)
    let values: DrawnValues
    switch uniforms {
    case .float64(let u): values = .float64(u.map(f64))
    case .float32(let u): values = .float32(u.map(f32))
    default: preconditionFailure("samplers run in float32 or float64")
    }
    report(key, blocks: blocks, operation: name, distribution: name,
           parameters: parameters + [.init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// ``transformedUniform(_:shape:dtype:minval:maxval:name:parameters:f32:f64:)``
  /// whose transforms also get the element's index (for parameters
  /// broadcast to `shape`).
  func transformedUniformIndexed(
    _ key: JAXKey, shape: [Int], dtype: JAXDType, minval: Double, maxval: Double, name: String,
    parameters: [DrawReport.Parameter] = [], f32: (Float, Int) -> Float, f64: (Double, Int) -> Double
  ) throws -> DrawnValues {
    let count = try Self.elementCount(shape)
    let (uniforms, blocks) = uniformValues(key, count: count, dtype: dtype, minval: minval, maxval: maxval)
    let values: DrawnValues
    switch uniforms {
    case .float64(let u): values = .float64(u.indices.map { f64(u[$0], $0) })
    case .float32(let u): values = .float32(u.indices.map { f32(u[$0], $0) })
    default: preconditionFailure("samplers run in float32 or float64")
    }
    report(key, blocks: blocks, operation: name, distribution: name,
           parameters: parameters + [.init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// `lax.sign`: −1, +1, or the argument itself for ±0 and NaN.
  @inline(__always)
  static func sign<T: BinaryFloatingPoint>(_ x: T) -> T {
    x > 0 ? 1 : (x < 0 ? -1 : x)
  }
}
