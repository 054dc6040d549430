import RNGStreams

/// The `torch.nn.init` functions, each on a new tensor of `shape` and `dtype`.
/// `nn.init.uniform_` and `nn.init.normal_` are ``TorchGenerator/uniform_(_:dtype:from:to:)``
/// and ``TorchGenerator/normal_(_:dtype:mean:std:)``.
///
/// Bounds and standard deviations are computed in exactly the order and double
/// arithmetic of the Python source, since the last bit can reach the float32 cast.
extension TorchGenerator {
  /// `nn.init.kaiming_uniform_(tensor, a, mode, nonlinearity)`:
  /// `bound = sqrt(3) · gain / sqrt(fan)`, then `uniform_(-bound, bound)`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.kaimingUniform_([4, 3], a: 5.0.squareRoot())     // nn.Linear(3, 4)'s weight
  /// ```
  ///
  /// Edge cases: a shape containing 0 is a no-op (no draws, no report).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for fewer than 2 dimensions.
  public mutating func kaimingUniform_(
    _ shape: [Int], dtype: TorchDType = .float32, a: Double = 0, mode: TorchFanMode = .fanIn,
    nonlinearity: TorchNonlinearity = .leakyReLU
  ) throws -> DrawnValues {
    if shape.contains(0) { return try emptyValues(shape, dtype: dtype) }
    let std = try kaimingStd(shape, a: a, mode: mode, nonlinearity: nonlinearity)
    let bound = (3.0 as Double).squareRoot() * std
    return try uniformDraw(shape, dtype: dtype, from: -bound, to: bound, operation: "kaiming_uniform_")
  }

  /// `nn.init.kaiming_normal_(tensor, a, mode, nonlinearity)`:
  /// `normal_(0, gain / sqrt(fan))`.
  ///
  /// Edge cases: a shape containing 0 is a no-op (no draws, no report).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for fewer than 2 dimensions.
  public mutating func kaimingNormal_(
    _ shape: [Int], dtype: TorchDType = .float32, a: Double = 0, mode: TorchFanMode = .fanIn,
    nonlinearity: TorchNonlinearity = .leakyReLU
  ) throws -> DrawnValues {
    if shape.contains(0) { return try emptyValues(shape, dtype: dtype) }
    let std = try kaimingStd(shape, a: a, mode: mode, nonlinearity: nonlinearity)
    return try normalDraw(shape, dtype: dtype, mean: 0, std: std, operation: "kaiming_normal_")
  }

  /// `nn.init.xavier_uniform_(tensor, gain)`:
  /// `a = sqrt(3) · gain · sqrt(2 / (fan_in + fan_out))`, then `uniform_(-a, a)`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for fewer than 2 dimensions or a
  ///   shape whose fans are both 0 (Python's "float division by zero").
  public mutating func xavierUniform_(_ shape: [Int], dtype: TorchDType = .float32, gain: Double = 1) throws -> DrawnValues {
    let std = try xavierStd(shape, gain: gain)
    let a = (3.0 as Double).squareRoot() * std
    return try uniformDraw(shape, dtype: dtype, from: -a, to: a, operation: "xavier_uniform_")
  }

  /// `nn.init.xavier_normal_(tensor, gain)`: `normal_(0, gain · sqrt(2 / (fan_in + fan_out)))`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` as ``xavierUniform_(_:dtype:gain:)``.
  public mutating func xavierNormal_(_ shape: [Int], dtype: TorchDType = .float32, gain: Double = 1) throws -> DrawnValues {
    let std = try xavierStd(shape, gain: gain)
    return try normalDraw(shape, dtype: dtype, mean: 0, std: std, operation: "xavier_normal_")
  }

  private func kaimingStd(_ shape: [Int], a: Double, mode: TorchFanMode, nonlinearity: TorchNonlinearity) throws -> Double {
    let fans = try torchFans(of: shape)
    let fan = mode == .fanIn ? fans.fanIn : fans.fanOut
    return nonlinearity.gain(param: a) / Double(fan).squareRoot()
  }

  private func xavierStd(_ shape: [Int], gain: Double) throws -> Double {
    let fans = try torchFans(of: shape)
    if fans.fanIn + fans.fanOut == 0 {
      throw FrameworkError("float division by zero: xavier initialisation needs fan_in + fan_out > 0 (shape \(shape))", parameter: "tensor")
    }
    return gain * (2.0 / Double(fans.fanIn + fans.fanOut)).squareRoot()
  }

  private func emptyValues(_ shape: [Int], dtype: TorchDType) throws -> DrawnValues {
    _ = try Shape.elementCount(shape)
    return DrawnValues(wrapping: [], as: dtype.elementType)
  }
}
