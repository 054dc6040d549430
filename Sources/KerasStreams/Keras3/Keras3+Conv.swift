import RNGStreams

extension Keras3 {
  /// `keras.layers.Conv1D` / `Conv2D(filters, kernel_size, strides=1,
  /// padding="valid", dilation_rate=1, use_bias=True,
  /// kernel_initializer="glorot_uniform", bias_initializer="zeros")` with
  /// `data_format="channels_last"`: a kernel of shape
  /// `(*kernel_size, input_channels, filters)`, then a bias `(filters,)`.
  ///
  /// ```swift
  /// try keras.setRandomSeed(.int(3))
  /// var conv = try Keras3.Conv(rank: 2, filters: 3, kernelSize: [3, 3], state: &keras)  // draws the kernel seed
  /// try conv.build([nil, 6, 5, 2], state: &keras)
  /// conv.outputShape([nil, 6, 5, 2])   // [nil, 4, 3, 3]
  /// ```
  ///
  /// Glorot's fans count the receptive field: fan_in = kh·kw·cin,
  /// fan_out = kh·kw·filters. Edge cases: a kernel or stride of 0, strides
  /// and dilation both above 1, or a `valid` output of length 0 are Keras'
  /// errors; `groups` other than 1 and `channels_first` are not emulated.
  public struct Conv: WeightedLayer, Hashable {
    /// 1 for Conv1D, 2 for Conv2D.
    public let rank: Int
    public let filters: Int
    public let kernelSize: [Int]
    public let strides: [Int]
    public let dilation: [Int]
    /// `padding="same"` (or Conv1D's `"causal"`, which pads on the left only).
    public let padding: String
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let name: String
    public var variables: [Tensor] = []

    /// - Throws: ``FrameworkError`` for a non-positive `filters`, a zero in
    ///   `kernelSize` or `strides`, strides and dilation both above 1, an
    ///   unknown padding or initializer name.
    public init(
      rank: Int, filters: Int, kernelSize: [Int], strides: [Int]? = nil, padding: String = "valid", dilation: [Int]? = nil,
      useBias: Bool = true, kernelInitializer: Dense.InitializerArgument = "glorot_uniform",
      biasInitializer: Dense.InitializerArgument = "zeros", name: String? = nil, state: inout GlobalState
    ) throws {
      let strides = strides ?? Array(repeating: 1, count: rank)
      let dilation = dilation ?? Array(repeating: 1, count: rank)
      guard kernelSize.count == rank, strides.count == rank, dilation.count == rank else {
        throw FrameworkError("kernel_size, strides and dilation_rate must each have \(rank) value(s).", parameter: "kernel_size")
      }
      let accepted = rank == 1 ? ["valid", "same", "causal"] : ["valid", "same"]
      guard accepted.contains(padding.lowercased()) else {
        throw FrameworkError(
          "The `padding` argument must be a list/tuple or one of \(accepted.map { "\"\($0)\"" }.joined(separator: ", ")). Received: \(padding)",
          parameter: "padding")
      }
      self.rank = rank
      self.filters = filters
      self.kernelSize = kernelSize
      self.strides = strides
      self.dilation = dilation
      self.padding = padding.lowercased()
      self.useBias = useBias
      // Layer.__init__ names the layer, then the initializers are made (drawing default seeds).
      self.name = name ?? state.uniqueName("conv\(rank)d")
      self.kernelInitializer = try Dense.resolve(kernelInitializer, "kernel_initializer", state: &state)
      self.biasInitializer = try Dense.resolve(biasInitializer, "bias_initializer", state: &state)
      guard filters > 0 else {
        throw FrameworkError("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters).", parameter: "filters")
      }
      guard kernelSize.allSatisfy({ $0 > 0 }) else {
        throw FrameworkError("The argument `kernel_size` cannot contain 0. Received kernel_size=\(Keras3.shapeText(kernelSize)).", parameter: "kernel_size")
      }
      guard strides.allSatisfy({ $0 > 0 }) else {
        throw FrameworkError("The argument `strides` cannot contains 0. Received strides=\(Keras3.shapeText(strides))", parameter: "strides")
      }
      guard dilation.allSatisfy({ $0 > 0 }) else {
        throw FrameworkError("The argument `dilation_rate` must be positive. Received dilation_rate=\(Keras3.shapeText(dilation))", parameter: "dilation_rate")
      }
      guard strides.max()! <= 1 || dilation.max()! <= 1 else {
        throw FrameworkError(
          "`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=\(Keras3.shapeText(strides)) and dilation_rate=\(Keras3.shapeText(dilation))",
          parameter: "strides")
      }
    }

    public var className: String { "Conv\(rank)D" }
    public var weightNames: [String] { useBias ? ["kernel", "bias"] : ["kernel"] }
    public var kernel: Tensor? { variables.first }
    public var bias: Tensor? { useBias ? variables.dropFirst().first : nil }

    public func outputShape(_ inputShape: [Int?]) throws -> [Int?] {
      guard inputShape.count >= rank + 2 else { throw incompatible(inputShape, expected: "min_ndim=\(rank + 2)") }
      guard inputShape.count == rank + 2 else {
        throw FrameworkError("\(className) on inputs of rank \(inputShape.count) (extra batch dimensions) is not emulated; accepted: rank \(rank + 2).")
      }
      guard inputShape.last! != nil else {
        throw FrameworkError("The channel dimension of the inputs should be defined. Found `None`.")
      }
      let spatial = inputShape.dropFirst().dropLast()
      var out: [Int?] = [inputShape[0]]
      for (i, length) in spatial.enumerated() {
        out.append(
          try Keras3.windowOutput(length, window: dilation[i] * (kernelSize[i] - 1) + 1, stride: strides[i], same: padding != "valid") {
            "`inputs shape=\(Keras3.shapeText(inputShape))`, `kernel_size=\(Keras3.shapeText(kernelSize))`, `strides=\(Keras3.shapeText(strides))`, `padding=\(padding)`."
          })
      }
      return out + [filters]
    }

    public func initialWeights(_ inputShape: [Int?], state: inout GlobalState) throws -> [Tensor] {
      guard let channels = inputShape.last ?? nil else { return [] }
      let kernel = try kernelInitializer(kernelSize + [channels, filters], dtype: .float32, state: &state)
      return useBias ? [kernel, try biasInitializer([filters], dtype: .float32, state: &state)] : [kernel]
    }
  }
}
