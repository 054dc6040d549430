import KerasStreams
import RNGStreams
import PythonSubset

/// A Keras layer with no weights that a model passes its tensor through:
/// `Activation`, `Flatten`, `Reshape`, `GaussianNoise`, `GaussianDropout`.
/// Each kind is its own type (`KerasFlattenObject`, …); this protocol gives
/// them the parts they share — a name, an output shape, no weights to
/// print — and the symbolic call that models are built with.
///
/// ```python
/// x = keras.layers.Flatten()(keras.Input((2, 3)))   # shape (None, 6), layer 'flatten'
/// ```
///
/// Edge cases: calling one on data (a forward pass outside `fit`) is
/// refused with a located message, except where a kind says otherwise.
protocol KerasWeightlessLayer: NamedOutputs {
  /// The layer's name (`flatten`, `flatten_1`, …).
  var layerName: String { get }
  /// The Keras class name, for messages and `type(layer)`.
  var className: String { get }
  /// The output shape for an input shape (batch dimension first).
  ///
  /// - Throws: ``FrameworkError`` with Keras's message when the input does not fit.
  func outputShape(_ input: [Int?]) throws -> [Int?]
}

extension KerasWeightlessLayer {
  var typeName: String { className }
  var repr: String { "<\(className) name=\(layerName), built=True>" }
  /// No weights: printing the layer prints nothing.
  var namedOutputs: [(name: String, tensor: Tensor)] { [] }

  /// `name`, `built`, `weights` (empty) and `get_weights()` (empty);
  /// `seed_generator`, which this layer does not have, is Python's
  /// `AttributeError` (so `hasattr(layer, "seed_generator")` is False).
  func sharedAttribute(_ name: String) throws -> Value? {
    switch name {
    case "seed_generator":
      throw EvaluationError("'\(className)' object has no attribute 'seed_generator'", at: nil, type: "AttributeError")
    case "name": return .string(layerName)
    case "built": return .bool(true)
    case "weights", "trainable_weights", "variables": return .object(ListObject([]))
    case "get_weights":
      return .object(BuiltinFunction(signature: Signature("get_weights()")) { _ in .object(ListObject([])) })
    default: return nil
    }
  }

  /// `seed` (None or the int given) and `seed_generator` of a layer that
  /// owns a SeedGenerator once its rate or stddev is above 0; without one,
  /// `seed_generator` is the `AttributeError` of ``sharedAttribute(_:)``,
  /// which answers every other shared name.
  func seededAttribute(
    _ name: String, seed: Int64?, generator: Keras3.SeedGenerator?, session: KerasSession
  ) throws -> Value? {
    switch name {
    case "seed": return seed.map { .int(PythonInt($0)) } ?? Value.none
    case "seed_generator":
      guard let generator else { return try sharedAttribute(name) }
      return .object(KerasSeedGeneratorObject(generator, session: session))
    default: return try sharedAttribute(name)
    }
  }

  /// The layer called on a symbolic tensor: the tensor it makes, or
  /// Keras's error at the call; on anything else, nil.
  func symbolicCall(_ arguments: Arguments) throws -> Value? {
    guard case .object(let symbolic as KerasSymbolicTensor)? = arguments.positional.first?.value else { return nil }
    do {
      return .object(symbolic.through(self, shape: try outputShape(symbolic.shape)))
    } catch let e as FrameworkError {
      throw EvaluationError("\(className) layer '\(layerName)': \(e.message)", at: arguments.callRange, type: "ValueError")
    }
  }

  func call(_ arguments: Arguments) throws -> Value {
    if let made = try symbolicCall(arguments) { return made }
    throw EvaluationError(
      "calling a \(className) layer on data (its forward pass) is not emulated; use it in a model (keras.Sequential, keras.Model) and train with fit",
      at: arguments.callRange)
  }
}
