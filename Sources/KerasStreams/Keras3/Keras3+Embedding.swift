import RNGStreams

extension Keras3 {
  /// `keras.layers.Embedding(input_dim, output_dim,
  /// embeddings_initializer="uniform")`: one weight, `embeddings`, of shape
  /// `(input_dim, output_dim)`; `"uniform"` is `RandomUniform(-0.05, 0.05)`,
  /// whose default seed is drawn when the layer is constructed.
  ///
  /// ```swift
  /// var embedding = try Keras3.Embedding(inputDim: 12, outputDim: 3, state: &keras)
  /// try embedding.build([nil, 5], state: &keras)
  /// embedding.outputShape([nil, 5])    // [nil, 5, 3]
  /// ```
  ///
  /// Edge cases: the input shape does not change the weight (any rank
  /// builds it); non-positive dimensions are Keras' errors.
  public struct Embedding: WeightedLayer, Hashable {
    public let inputDim: Int
    public let outputDim: Int
    public let initializer: Initializer
    public let name: String
    public var variables: [Tensor] = []

    /// - Throws: ``FrameworkError`` for a non-positive dimension or an unknown initializer name.
    public init(
      inputDim: Int, outputDim: Int, initializer: Dense.InitializerArgument = "uniform", name: String? = nil,
      state: inout GlobalState
    ) throws {
      guard inputDim > 0 else {
        throw FrameworkError("`input_dim` must be a positive integer. Received: input_dim=\(inputDim) (of type int).", parameter: "input_dim")
      }
      guard outputDim > 0 else {
        throw FrameworkError("`output_dim` must be a positive integer. Received: output_dim=\(outputDim) (of type int).", parameter: "output_dim")
      }
      self.inputDim = inputDim
      self.outputDim = outputDim
      self.name = name ?? state.uniqueName("embedding")
      self.initializer = try Dense.resolve(initializer, "embeddings_initializer", state: &state)
    }

    public var className: String { "Embedding" }
    public var weightNames: [String] { ["embeddings"] }
    public var embeddings: Tensor? { variables.first }

    public func outputShape(_ inputShape: [Int?]) throws -> [Int?] { inputShape + [outputDim] }

    public func initialWeights(_ inputShape: [Int?], state: inout GlobalState) throws -> [Tensor] {
      [try initializer([inputDim, outputDim], dtype: .float32, state: &state)]
    }
  }
}
