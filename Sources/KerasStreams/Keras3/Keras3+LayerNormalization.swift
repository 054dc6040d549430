import RNGStreams

extension Keras3 {
  /// `keras.layers.LayerNormalization(axis=-1, epsilon=1e-3, center=True,
  /// scale=True)`: `gamma` (ones, when `scale`) and `beta` (zeros, when
  /// `center`) of the shape of the input's `axis` dimensions (sorted when
  /// several). The default initializers draw nothing.
  ///
  /// ```swift
  /// var ln = try Keras3.LayerNormalization(axes: [1, 2], state: &keras)
  /// try ln.build([nil, 4, 2], state: &keras)
  /// ln.variables.first?.shape   // [4, 2]
  /// ```
  ///
  /// Edge cases: an axis outside the input, or an undefined dimension
  /// there, is Keras' error at build.
  public struct LayerNormalization: WeightedLayer, Hashable {
    /// The axes as given (an int is one axis).
    public let axes: [Int]
    public let epsilon: Double
    public let center: Bool
    public let scale: Bool
    public let gammaInitializer: Initializer
    public let betaInitializer: Initializer
    public let name: String
    public var variables: [Tensor] = []

    /// - Throws: ``FrameworkError`` for an unknown initializer name or no axis.
    public init(
      axes: [Int] = [-1], epsilon: Double = 1e-3, center: Bool = true, scale: Bool = true,
      betaInitializer: Dense.InitializerArgument = "zeros", gammaInitializer: Dense.InitializerArgument = "ones",
      name: String? = nil, state: inout GlobalState
    ) throws {
      guard !axes.isEmpty else { throw FrameworkError("LayerNormalization needs at least one axis.", parameter: "axis") }
      self.axes = axes
      self.epsilon = epsilon
      self.center = center
      self.scale = scale
      self.name = name ?? state.uniqueName("layer_normalization")
      self.betaInitializer = try Dense.resolve(betaInitializer, "beta_initializer", state: &state)
      self.gammaInitializer = try Dense.resolve(gammaInitializer, "gamma_initializer", state: &state)
    }

    public var className: String { "LayerNormalization" }
    public var weightNames: [String] { (scale ? ["gamma"] : []) + (center ? ["beta"] : []) }

    /// The normalized axes as sorted non-negative indices into `inputShape`.
    public func resolvedAxes(_ inputShape: [Int?]) throws -> [Int] {
      try axes.sorted().map { axis in
        let i = axis < 0 ? axis + inputShape.count : axis
        guard (1..<max(inputShape.count, 1)).contains(i) else {
          throw FrameworkError("Invalid axis: \(axis) for an input of shape \(Keras3.shapeText(inputShape)).", parameter: "axis")
        }
        return i
      }
    }

    /// The weights' shape: the input's dimensions at the axes.
    func weightShape(_ inputShape: [Int?]) throws -> [Int] {
      try resolvedAxes(inputShape).map { i in
        guard let d = inputShape[i] else {
          throw FrameworkError("Axis \(i) of input tensor should have a defined dimension but the layer received an input with shape \(Keras3.shapeText(inputShape)).")
        }
        return d
      }
    }

    public func outputShape(_ inputShape: [Int?]) throws -> [Int?] {
      _ = try weightShape(inputShape)
      return inputShape
    }

    public func initialWeights(_ inputShape: [Int?], state: inout GlobalState) throws -> [Tensor] {
      let shape = try weightShape(inputShape)
      var made: [Tensor] = []
      if scale { made.append(try gammaInitializer(shape, dtype: .float32, state: &state)) }
      if center { made.append(try betaInitializer(shape, dtype: .float32, state: &state)) }
      return made
    }
  }
}
