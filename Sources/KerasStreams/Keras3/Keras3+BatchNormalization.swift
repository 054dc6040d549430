import RNGStreams

extension Keras3 {
  /// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3,
  /// center=True, scale=True)`: over the input's `axis` (channels), the
  /// weights `gamma` (ones, when `scale`), `beta` (zeros, when `center`),
  /// then the non-trainable `moving_mean` (zeros) and `moving_variance`
  /// (ones). The default initializers draw nothing.
  ///
  /// ```swift
  /// var bn = try Keras3.BatchNormalization(state: &keras)
  /// try bn.build([nil, 4, 3], state: &keras)
  /// bn.weights.map(\.name)   // ["gamma", "beta", "moving_mean", "moving_variance"]
  /// ```
  ///
  /// Edge cases: an `axis` outside the input or an undefined dimension
  /// there is Keras' error at build.
  public struct BatchNormalization: WeightedLayer, Hashable {
    public let axis: Int
    public let momentum: Double
    public let epsilon: Double
    public let center: Bool
    public let scale: Bool
    public let gammaInitializer: Initializer
    public let betaInitializer: Initializer
    public let movingMeanInitializer: Initializer
    public let movingVarianceInitializer: Initializer
    public let name: String
    public var variables: [Tensor] = []

    /// - Throws: ``FrameworkError`` for an unknown initializer name.
    public init(
      axis: Int = -1, momentum: Double = 0.99, epsilon: Double = 1e-3, center: Bool = true, scale: Bool = true,
      betaInitializer: Dense.InitializerArgument = "zeros", gammaInitializer: Dense.InitializerArgument = "ones",
      movingMeanInitializer: Dense.InitializerArgument = "zeros", movingVarianceInitializer: Dense.InitializerArgument = "ones",
      name: String? = nil, state: inout GlobalState
    ) throws {
      self.axis = axis
      self.momentum = momentum
      self.epsilon = epsilon
      self.center = center
      self.scale = scale
      self.name = name ?? state.uniqueName("batch_normalization")
      // Keras makes them in this order (beta before gamma).
      self.betaInitializer = try Dense.resolve(betaInitializer, "beta_initializer", state: &state)
      self.gammaInitializer = try Dense.resolve(gammaInitializer, "gamma_initializer", state: &state)
      self.movingMeanInitializer = try Dense.resolve(movingMeanInitializer, "moving_mean_initializer", state: &state)
      self.movingVarianceInitializer = try Dense.resolve(movingVarianceInitializer, "moving_variance_initializer", state: &state)
    }

    public var className: String { "BatchNormalization" }
    public var weightNames: [String] {
      (scale ? ["gamma"] : []) + (center ? ["beta"] : []) + ["moving_mean", "moving_variance"]
    }

    /// The normalized axis as a non-negative index into `inputShape`.
    public func resolvedAxis(_ inputShape: [Int?]) throws -> Int {
      let i = axis < 0 ? axis + inputShape.count : axis
      guard (1..<max(inputShape.count, 1)).contains(i) else {
        throw FrameworkError("Invalid axis: \(axis) for an input of shape \(Keras3.shapeText(inputShape)).", parameter: "axis")
      }
      return i
    }

    public func outputShape(_ inputShape: [Int?]) throws -> [Int?] {
      guard inputShape[try resolvedAxis(inputShape)] != nil else {
        throw FrameworkError("Axis \(axis) of input tensor should have a defined dimension but the layer received an input with shape \(Keras3.shapeText(inputShape)).")
      }
      return inputShape
    }

    public func initialWeights(_ inputShape: [Int?], state: inout GlobalState) throws -> [Tensor] {
      guard let size = inputShape[try resolvedAxis(inputShape)] else { return [] }
      var made: [Tensor] = []
      if scale { made.append(try gammaInitializer([size], dtype: .float32, state: &state)) }
      if center { made.append(try betaInitializer([size], dtype: .float32, state: &state)) }
      made.append(try movingMeanInitializer([size], dtype: .float32, state: &state))
      made.append(try movingVarianceInitializer([size], dtype: .float32, state: &state))
      return made
    }
  }
}
