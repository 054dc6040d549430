import RNGStreams

extension Keras3 {
  /// A Keras 3 layer with weights beyond `Dense`: `Conv1D`/`Conv2D`,
  /// `Embedding`, `BatchNormalization`, `LayerNormalization`. Its
  /// initializers were made (and their default seeds drawn) when it was
  /// constructed; ``build(_:state:)`` creates its weights in Keras' order.
  ///
  /// ```swift
  /// var conv = try Keras3.Conv(rank: 2, filters: 4, kernelSize: [3, 3], state: &keras)
  /// try conv.build([nil, 8, 8, 1], state: &keras)   // kernel (3, 3, 1, 4), then bias (4,)
  /// conv.weights.map(\.name)                        // ["kernel", "bias"]
  /// ```
  ///
  /// Edge cases: building twice is Keras' error; an input of the wrong rank
  /// is Keras' `InputSpec` error, before anything is drawn.
  public protocol WeightedLayer: Sendable {
    /// The layer's name (`conv2d`, `embedding_1`, …).
    var name: String { get }
    /// The Python class name (`Conv2D`).
    var className: String { get }
    /// The weights' names, in creation order, as a build will make them.
    var weightNames: [String] { get }
    /// The weights once built (empty before), in ``weightNames`` order.
    var variables: [Tensor] { get set }
    /// The output shape for an input shape (batch dimension first).
    ///
    /// - Throws: ``FrameworkError`` with Keras's message when the input does not fit.
    func outputShape(_ inputShape: [Int?]) throws -> [Int?]
    /// The initial values of every weight for `inputShape`, drawing as Keras draws.
    func initialWeights(_ inputShape: [Int?], state: inout GlobalState) throws -> [Tensor]
  }
}

extension Keras3.WeightedLayer {
  /// Whether ``build(_:state:)`` has run.
  public var isBuilt: Bool { !variables.isEmpty }

  /// `layer.weights`: name and value of each weight; empty until built.
  public var weights: [(name: String, value: Keras3.Tensor)] {
    Array(zip(weightNames, variables)).map { ($0, $1) }
  }

  /// `layer.build(input_shape)`: checks the input, then creates the weights.
  ///
  /// - Throws: ``FrameworkError`` for an input that does not fit or a second build.
  public mutating func build(_ inputShape: [Int?], state: inout Keras3.GlobalState) throws {
    _ = try outputShape(inputShape)
    guard !isBuilt else {
      throw FrameworkError(
        "You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method.")
    }
    variables = try initialWeights(inputShape, state: &state)
  }

  /// `layer.set_weights([...])` and what training writes back after each
  /// step: float32 values of the built shapes, in ``weightNames`` order.
  ///
  /// - Throws: ``FrameworkError`` when the layer is not built, or the count
  ///   or a shape differs from the built ones.
  public mutating func assign(_ values: [Keras3.Tensor]) throws {
    guard isBuilt else { throw FrameworkError("You called `set_weights(weights)` on layer \"\(name)\" before it was built.") }
    guard values.count == variables.count else {
      throw FrameworkError("Layer \(name) expects \(variables.count) weights, but the given weights list has \(values.count).")
    }
    for (old, new) in zip(variables, values) where old.shape != new.shape {
      throw FrameworkError("Layer \(name) weight shape \(old.shape) is not compatible with provided weight shape \(new.shape).")
    }
    variables = zip(variables, values).map { old, new in new.cast(to: old.dtype) }
  }

  /// Keras' `InputSpec` message for an input of the wrong rank.
  func incompatible(_ inputShape: [Int?], expected: String) -> FrameworkError {
    FrameworkError(
      "Input 0 of layer \"\(name)\" is incompatible with the layer: expected \(expected), found ndim=\(inputShape.count). Full shape received: \(Keras3.shapeText(inputShape))")
  }
}

extension Keras3 {
  /// A shape as Python prints its tuple: `(None, 4)`, `(3,)`.
  public static func shapeText(_ shape: [Int?]) -> String {
    let parts = shape.map { $0.map(String.init) ?? "None" }
    return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
  }

  /// The output length of a sliding window (a convolution's or a pool's)
  /// over `length` with Keras' padding rule: `valid` keeps windows inside,
  /// `same` (and `causal`) gives `ceil(length / stride)`.
  ///
  /// - Returns: nil for an unknown length; throws for an empty output.
  static func windowOutput(_ length: Int?, window: Int, stride: Int, same: Bool, describe: () -> String) throws -> Int? {
    guard let length else { return nil }
    if same { return (length - 1) / stride + 1 }
    let span = length - window
    // floor((length - window) / stride) + 1, with floor for negative spans.
    let out = (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1
    guard out > 0 else { throw FrameworkError("Computed output size would be zero or negative. Received: \(describe())") }
    return out
  }
}
