import RNGStreams

extension TorchGenerator {
  /// `torch.normal(mean, std)` with a tensor `mean` and a float `std`: a
  /// tensor of `mean`'s shape and dtype.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// let mean = TorchTensorValues(.float32([0, 10, 100]), shape: [3])
  /// try g.normal(mean: mean, std: 2)        // normal_(0, 2), then + mean
  /// ```
  ///
  /// PyTorch fills the output with `normal_(0, std)` (the same draws and
  /// rounding as ``normal_(_:dtype:mean:std:)``) and then adds `mean` in the
  /// dtype, a second rounding.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `std < 0` or NaN, or when
  ///   `mean` is not float32 or float64.
  public mutating func normal(mean: TorchTensorValues, std: Double) throws -> TorchTensorValues {
    if !(std >= 0) {
      throw FrameworkError("normal expects std >= 0.0, but found std \(cppDescription(std))", parameter: "std")
    }
    let dtype = try Self.normalDType(mean, parameter: "mean")
    let before = wordsDrawn
    let z = normalValues(count: mean.values.count, dtype: dtype, mean: 0, std: std)
    let m = mean.doubles
    let values = Self.elementwise(z, dtype: dtype) { out, i in out[i] + m[i] }
    return reportTensorNormal(before, values, shape: mean.shape, mean: "tensor", std: "\(std)")
  }

  /// `torch.normal(mean, std)` with a float `mean` and a tensor `std`: a
  /// tensor of `std`'s shape and dtype.
  ///
  /// PyTorch fills the output with standard normals (`normal_(0, 1)`),
  /// multiplies by `std` and adds `mean` rounded to the dtype: `z · std + mean`
  /// with two roundings in the dtype.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when an element of `std` is
  ///   negative or NaN, or when `std` is not float32 or float64.
  public mutating func normal(mean: Double, std: TorchTensorValues) throws -> TorchTensorValues {
    let dtype = try Self.normalDType(std, parameter: "std")
    try Self.requireNonNegative(std)
    let mean = TorchTensorValues(dtype == .float32 ? .float32([Float(mean)]) : .float64([mean]), shape: [])
    return try scaledNormal(mean: mean, std: std, shape: std.shape, dtype: dtype, meanText: "\(mean.doubles[0])")
  }

  /// `torch.normal(mean, std)` with two tensors: a tensor of their broadcast
  /// shape in `mean`'s dtype, `z · std + mean` as for the float-mean form.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when the shapes do not broadcast
  ///   (PyTorch's message), when an element of `std` is negative or NaN, when
  ///   either is not float32 or float64, or when their dtypes differ (mixed
  ///   dtypes are not emulated).
  public mutating func normal(mean: TorchTensorValues, std: TorchTensorValues) throws -> TorchTensorValues {
    let dtype = try Self.normalDType(mean, parameter: "mean")
    let stdType = try Self.normalDType(std, parameter: "std")
    try Self.requireNonNegative(std)
    if stdType != dtype {
      throw FrameworkError(
        "normal(mean, std) with a \(dtype.name) mean and a \(stdType.name) std is not emulated; give both tensors one dtype",
        parameter: "std")
    }
    let shape = try TorchTensorValues.broadcastShape(mean.shape, std.shape)
    _ = try Shape.elementCount(shape)
    return try scaledNormal(mean: mean, std: std, shape: shape, dtype: dtype, meanText: "tensor")
  }

  /// `normal_(0, 1)`, then `mul_(std)`, then `add_(mean)`, over `shape`.
  private mutating func scaledNormal(
    mean: TorchTensorValues, std: TorchTensorValues, shape: [Int], dtype: TorchDType, meanText: String
  ) throws -> TorchTensorValues {
    let count = try Shape.elementCount(shape)
    let before = wordsDrawn
    let z = normalValues(count: count, dtype: dtype, mean: 0, std: 1)
    let s = std.doubles(broadcastTo: shape)
    let m = mean.doubles(broadcastTo: shape)
    let values: DrawnValues
    switch z {
    case .float32(let v):
      values = .float32(v.indices.map { i in v[i] * Float(s[i]) + Float(m[i]) })
    default:
      let v = z.doubles
      values = .float64(v.indices.map { i in v[i] * s[i] + m[i] })
    }
    return reportTensorNormal(before, values, shape: shape, mean: meanText, std: "tensor")
  }

  /// `values[i] = body(values, i)` in the dtype of `values`.
  private static func elementwise(_ values: DrawnValues, dtype: TorchDType, _ body: ([Double], Int) -> Double) -> DrawnValues {
    switch values {
    case .float32(let v):
      let d = v.map(Double.init)
      // Each float32 operation rounds to float32: body computes exactly in
      // double and one rounding to float gives the float32 sum.
      return .float32(v.indices.map { Float(body(d, $0)) })
    default:
      let d = values.doubles
      return .float64(d.indices.map { body(d, $0) })
    }
  }

  private mutating func reportTensorNormal(
    _ before: UInt64, _ values: DrawnValues, shape: [Int], mean: String, std: String
  ) -> TorchTensorValues {
    report(
      from: before, operation: "normal", distribution: "normal",
      parameters: [.init("mean", mean), .init("std", std), .init("dtype", values.dtypeName)],
      shape: shape, values: values)
    return TorchTensorValues(values, shape: shape)
  }

  /// The dtype of a tensor parameter of `normal`, which must be a float type.
  static func normalDType(_ tensor: TorchTensorValues, parameter: String) throws -> TorchDType {
    guard let dtype = tensor.dtype, dtype.isFloatingPoint else {
      let name = tensor.dtype?.scalarTypeName ?? tensor.values.dtypeName
      throw FrameworkError("\"normal_kernel_cpu\" not implemented for '\(name)': use dtype float32 or float64.", parameter: parameter)
    }
    return dtype
  }

  private static func requireNonNegative(_ std: TorchTensorValues) throws {
    if !std.doubles.allSatisfy({ $0 >= 0 }) {
      throw FrameworkError("normal expects all elements of std >= 0.0", parameter: "std")
    }
  }
}
