import RNGStreams

/// Default initialisation of `torch.nn` layers: the draws their constructors make.
extension TorchGenerator {
  /// `nn.Linear(in_features, out_features, bias=bias, dtype=dtype)`: the parameters
  /// its `reset_parameters()` draws inside the constructor.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// let p = try g.linear(4, 2)     // weight [2, 4], then bias [2]
  /// ```
  ///
  /// The weight is `kaiming_uniform_(a=math.sqrt(5))` (bound
  /// `sqrt(3) · sqrt(2 / (1 + a²)) / sqrt(in_features)`, one word per float32
  /// element), then the bias is `uniform_(-1/sqrt(in_features), 1/sqrt(in_features))`.
  /// Two reports: `kaiming_uniform_` and `uniform_`.
  ///
  /// Edge cases: `in_features == 0` draws no weight and a bias of zeros (bound 0,
  /// still one word per element).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for negative sizes or a non-float dtype.
  public mutating func linear(
    _ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: TorchDType = .float32
  ) throws -> [TorchParameter] {
    try defaultInitialised(weightShape: [outFeatures, inFeatures], biasCount: bias ? outFeatures : nil, dtype: dtype)
  }

  /// `nn.Conv1d`/`Conv2d`/`Conv3d(in_channels, out_channels, kernel_size, groups=groups,
  /// bias=bias)`: weight `[out, in / groups, *kernelSize]` initialised as in
  /// ``linear(_:_:bias:dtype:)`` with `fan_in = in / groups · prod(kernelSize)`.
  ///
  /// ```swift
  /// try g.conv(3, 8, kernelSize: [3, 3])          // nn.Conv2d(3, 8, 3)
  /// ```
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `groups <= 0`, when a channel count
  ///   is not divisible by `groups`, or for negative sizes.
  public mutating func conv(
    _ inChannels: Int, _ outChannels: Int, kernelSize: [Int], groups: Int = 1, bias: Bool = true,
    dtype: TorchDType = .float32
  ) throws -> [TorchParameter] {
    if groups <= 0 { throw FrameworkError("groups must be a positive integer, got \(groups)", parameter: "groups") }
    if inChannels % groups != 0 {
      throw FrameworkError("in_channels must be divisible by groups (in_channels=\(inChannels), groups=\(groups))", parameter: "in_channels")
    }
    if outChannels % groups != 0 {
      throw FrameworkError("out_channels must be divisible by groups (out_channels=\(outChannels), groups=\(groups))", parameter: "out_channels")
    }
    return try defaultInitialised(
      weightShape: [outChannels, inChannels / groups] + kernelSize, biasCount: bias ? outChannels : nil, dtype: dtype)
  }

  /// `reset_parameters()` of Linear and the convolutions.
  private mutating func defaultInitialised(weightShape: [Int], biasCount: Int?, dtype: TorchDType) throws -> [TorchParameter] {
    _ = try Shape.elementCount(weightShape)
    try Shape.requireFloatingPoint(dtype, kernel: "check_uniform_bounds")
    let weight = try kaimingUniform_(weightShape, dtype: dtype, a: (5.0 as Double).squareRoot())
    var parameters = [TorchParameter(name: "weight", shape: weightShape, values: weight)]
    if let biasCount {
      let fanIn = try torchFans(of: weightShape).fanIn
      // Python: `bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0`; `-0` is the int 0.
      let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
      let values = try uniformDraw([biasCount], dtype: dtype, from: fanIn > 0 ? -bound : 0, to: bound, operation: "uniform_")
      parameters.append(TorchParameter(name: "bias", shape: [biasCount], values: values))
    }
    return parameters
  }
}
