import KerasStreams
import RNGStreams
import Testing

/// Shapes and weights of the convolution, pooling, embedding and
/// normalization layers. Every expected shape and message below was printed
/// by Keras 3.15.1 (TensorFlow 2.21.0) for the same layer and input
/// (fixtures/scripts/keras/conv_layers.py and embedding_norm_layers.py
/// print the shapes of a model's layers).
@Suite struct Keras3LayerBuildTests {
  static func state() -> Keras3.GlobalState { Keras3.GlobalState(backend: .tensorflow) }

  @Test(arguments: [
    // (rank, filters, kernel, strides, padding, input, Keras' output shape)
    (2, 3, [3, 3], [1, 1], "same", [6, 5, 2], [6, 5, 3]),
    (2, 2, [2, 1], [1, 2], "valid", [3, 2, 3], [2, 1, 2]),
    (1, 4, [3], [2], "valid", [9, 3], [4, 4]),
    (1, 2, [2], [1], "same", [3, 4], [3, 2]),
    (1, 4, [3], [1], "causal", [8, 2], [8, 4]),
    (1, 3, [2], [2], "same", [4, 4], [2, 3]),
  ])
  func convolutionOutputShapes(_ rank: Int, _ filters: Int, _ kernel: [Int], _ strides: [Int], _ padding: String, _ input: [Int], _ output: [Int]) throws {
    var keras = Self.state()
    let conv = try Keras3.Conv(rank: rank, filters: filters, kernelSize: kernel, strides: strides, padding: padding, state: &keras)
    #expect(try conv.outputShape([nil] + input) == [nil] + output)
  }

  @Test func convolutionBuildsKernelThenBiasWithGlorotFans() throws {
    var keras = Self.state()
    try keras.setRandomSeed(.int(3))
    var conv = try Keras3.Conv(rank: 2, filters: 3, kernelSize: [3, 3], padding: "same", state: &keras)
    try conv.build([nil, 6, 5, 2], state: &keras)
    #expect(conv.name == "conv2d")
    #expect(conv.weights.map(\.name) == ["kernel", "bias"])
    #expect(conv.kernel?.shape == [3, 3, 2, 3])
    #expect(conv.bias?.values.float32 == [0, 0, 0])
    // glorot_uniform with fan_in = 3·3·2, fan_out = 3·3·3: every value within sqrt(6 / 45).
    let limit = Float((6.0 / 45.0).squareRoot())
    #expect(conv.kernel?.values.float32?.allSatisfy { abs($0) <= limit } == true)
    // conv_layers.py: Keras' first kernel value after set_random_seed(3).
    #expect(conv.kernel?.values.float32?.first == -0.0015106201171875)
    #expect(throws: FrameworkError.self) { try conv.build([nil, 6, 5, 2], state: &keras) }
  }

  @Test func convolutionErrorsAreKeras() throws {
    var keras = Self.state()
    #expect(throws: FrameworkError("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.", parameter: "filters")) {
      try Keras3.Conv(rank: 2, filters: 0, kernelSize: [3, 3], state: &keras)
    }
    let conv = try Keras3.Conv(rank: 2, filters: 2, kernelSize: [3, 3], state: &keras)
    #expect(throws: FrameworkError(
      "Input 0 of layer \"conv2d_1\" is incompatible with the layer: expected min_ndim=4, found ndim=2. Full shape received: (None, 4)")) {
      try conv.outputShape([nil, 4])
    }
    #expect(throws: FrameworkError.self) { try conv.outputShape([nil, 2, 5, 1]) }
  }

  @Test(arguments: [
    (Keras3.Pooling(mode: .max, rank: 2, poolSize: [2, 2]), [6, 5, 3], [3, 2, 3]),
    (Keras3.Pooling(mode: .average, rank: 2, poolSize: [2, 1], same: true), [3, 1, 2], [2, 1, 2]),
    (Keras3.Pooling(mode: .max, rank: 1, poolSize: [2], strides: [1]), [4, 4], [3, 4]),
    (Keras3.Pooling(mode: .average, rank: 1, poolSize: [2], same: true), [3, 2], [2, 2]),
    (Keras3.Pooling(globalMode: .average, rank: 1), [3, 2], [2]),
    (Keras3.Pooling(globalMode: .max, rank: 2, keepdims: true), [4, 4, 3], [1, 1, 3]),
  ])
  func poolingOutputShapes(_ pooling: Keras3.Pooling, _ input: [Int], _ output: [Int]) throws {
    #expect(try pooling.outputShape([nil] + input, layerName: "p") == [nil] + output)
  }

  @Test func poolingNamesAndRankErrors() {
    #expect(Keras3.Pooling(globalMode: .average, rank: 1).namePrefix == "global_average_pooling1d")
    #expect(Keras3.Pooling(mode: .max, rank: 2, poolSize: [2, 2]).className == "MaxPooling2D")
    #expect(throws: FrameworkError(
      "Input 0 of layer \"max_pooling1d\" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (None, 4)")) {
      try Keras3.Pooling(mode: .max, rank: 1, poolSize: [2]).outputShape([nil, 4], layerName: "max_pooling1d")
    }
  }

  @Test func embeddingDrawsItsSeedWhenMadeAndUniformValues() throws {
    var keras = Self.state()
    try keras.setRandomSeed(.int(11))
    var embedding = try Keras3.Embedding(inputDim: 12, outputDim: 3, state: &keras)
    #expect(embedding.initializer.className == "RandomUniform")
    try embedding.build([nil, 5], state: &keras)
    #expect(try embedding.outputShape([nil, 5]) == [nil, 5, 3])
    #expect(embedding.embeddings?.shape == [12, 3])
    // embedding_norm_layers.py: Keras' first value after set_random_seed(11).
    #expect(embedding.embeddings?.values.float32?.first == -0.006100166589021683)
    #expect(embedding.embeddings?.values.float32?.allSatisfy { abs($0) <= 0.05 } == true)
  }

  @Test func normalizationWeightsInKerasOrder() throws {
    var keras = Self.state()
    var bn = try Keras3.BatchNormalization(state: &keras)
    try bn.build([nil, 4, 3], state: &keras)
    #expect(bn.weights.map(\.name) == ["gamma", "beta", "moving_mean", "moving_variance"])
    #expect(bn.weights.map { $0.value.values.float32 ?? [] } == [[1, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1]])
    var noScale = try Keras3.BatchNormalization(scale: false, state: &keras)
    try noScale.build([nil, 2], state: &keras)
    #expect(noScale.weights.map(\.name) == ["beta", "moving_mean", "moving_variance"])
    var ln = try Keras3.LayerNormalization(axes: [2, 1], center: false, state: &keras)
    try ln.build([nil, 4, 2], state: &keras)
    #expect(ln.weights.map(\.name) == ["gamma"])
    #expect(ln.variables.first?.shape == [4, 2])
    #expect(throws: FrameworkError.self) { try Keras3.BatchNormalization(axis: 3, state: &keras).outputShape([nil, 4, 3]) }
  }
}
