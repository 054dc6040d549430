import RNGStreams

/// The `nonlinearity` argument of `torch.nn.init.calculate_gain` and the Kaiming
/// initialisers.
///
/// ```swift
/// TorchNonlinearity(name: "leaky_relu")?.gain(param: 0.2)   // sqrt(2 / (1 + 0.2**2))
/// ```
public enum TorchNonlinearity: String, Sendable, Hashable, CaseIterable {
  case linear, conv1d, conv2d, conv3d
  case convTranspose1d = "conv_transpose1d"
  case convTranspose2d = "conv_transpose2d"
  case convTranspose3d = "conv_transpose3d"
  case sigmoid, tanh, relu
  case leakyReLU = "leaky_relu"
  case selu

  /// The Python spelling (`"leaky_relu"`), or `nil` for an unknown name.
  public init?(name: String) { self.init(rawValue: name) }

  /// `calculate_gain(nonlinearity, param)` in Python's double arithmetic. `param`
  /// is leaky ReLU's negative slope; `nil` means PyTorch's default 0.01.
  public func gain(param: Double? = nil) -> Double {
    switch self {
    case .linear, .conv1d, .conv2d, .conv3d, .convTranspose1d, .convTranspose2d, .convTranspose3d, .sigmoid:
      return 1
    case .tanh: return 5.0 / 3
    case .relu: return (2.0 as Double).squareRoot()
    case .leakyReLU:
      let slope = param ?? 0.01
      return (2.0 / (1 + slope * slope)).squareRoot()
    case .selu: return 3.0 / 4
    }
  }
}

/// The `mode` argument of the Kaiming initialisers: which fan scales the variance.
public enum TorchFanMode: String, Sendable, Hashable, CaseIterable {
  case fanIn = "fan_in"
  case fanOut = "fan_out"

  /// The Python spelling, case-insensitive as PyTorch lowercases it; `nil` otherwise.
  public init?(name: String) { self.init(rawValue: name.lowercased()) }
}

/// `_calculate_fan_in_and_fan_out`: fan-in is `shape[1]` times the receptive field
/// (the product of `shape[2...]`), fan-out `shape[0]` times it.
///
/// - Throws: ``RNGStreams/FrameworkError`` for fewer than 2 dimensions, or when a
///   fan (or their sum) does not fit in an `Int`.
func torchFans(of shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
  guard shape.count >= 2 else {
    throw FrameworkError(
      "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape \(shape))",
      parameter: "tensor")
  }
  let tooLarge = FrameworkError("The fans of shape \(shape) are too large to compute.", parameter: "tensor")
  var receptiveField = 1
  for dimension in shape.dropFirst(2) {
    let (product, overflow) = receptiveField.multipliedReportingOverflow(by: dimension)
    if overflow { throw tooLarge }
    receptiveField = product
  }
  let (fanIn, inOverflow) = shape[1].multipliedReportingOverflow(by: receptiveField)
  let (fanOut, outOverflow) = shape[0].multipliedReportingOverflow(by: receptiveField)
  if inOverflow || outOverflow || fanIn.addingReportingOverflow(fanOut).overflow { throw tooLarge }
  return (fanIn, fanOut)
}
