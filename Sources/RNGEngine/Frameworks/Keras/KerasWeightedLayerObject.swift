import KerasStreams
import PythonSubset
import RNGStreams

/// A Keras layer with weights other than `Dense` in a script: `Conv1D`,
/// `Conv2D`, `Embedding`, `BatchNormalization`, `LayerNormalization`. Its
/// initializers were made (default seeds drawn) when it was constructed; a
/// model builds it, or `layer.build(input_shape)`. Once built, its weights
/// read by name (`conv.kernel`, `bn.moving_mean`), in `layer.weights` and
/// `layer.get_weights()`, and printing the layer prints them.
///
/// ```python
/// conv = keras.layers.Conv2D(4, 3)          # draws the kernel initializer's seed
/// conv.build((None, 8, 8, 1))               # kernel (3, 3, 1, 4), then bias (4,)
/// ```
///
/// Edge cases: reading a weight before the build is refused as Keras
/// refuses it; calling the layer on data (a forward pass outside `fit`) is
/// refused with a located message.
final class KerasWeightedLayerObject: NamedOutputs {
  var layer: any Keras3.WeightedLayer
  let session: KerasSession
  /// The layer's path once built (`sequential/conv2d`).
  var path: String?
  /// `input_shape=` given to the layer (without the batch dimension), for a `Sequential`.
  var inputShapeArgument: [Int?]?
  /// `activation=` of a convolution as given (nil for None).
  var activationName: String?

  init(_ layer: any Keras3.WeightedLayer, session: KerasSession) {
    self.layer = layer
    self.session = session
  }

  var layerName: String { layer.name }
  var typeName: String { layer.className }
  var repr: String { "<\(layer.className) name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>" }
  var attributeNames: [String] { ["build", "built", "get_weights", "name", "weights"] + layer.weightNames }
  var namedOutputs: [(name: String, tensor: Tensor)] { layer.weights.map { ($0.name, $0.value.engineTensor) } }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "name": return .string(layer.name)
    case "built": return .bool(layer.isBuilt)
    case "weights", "variables":
      return .object(ListObject(layer.weights.map { session.array($0.value) }))
    case "get_weights":
      return .object(BuiltinFunction(signature: Signature("get_weights()")) { [self] _ in
        .object(ListObject(layer.weights.map { .object(ArrayObject($0.value.engineTensor, kind: .numpy)) }))
      })
    case "build":
      return .object(BuiltinFunction(signature: Signature("build(input_shape)")) { [self] args in
        guard let shape = try args.kerasDimensions("input_shape") else {
          throw args.error("input_shape", "build() argument 'input_shape' must be a tuple such as (None, 8, 8, 1), got None")
        }
        try build(shape, scope: "", at: args.callRange)
        return .none
      })
    case let weight where layer.weightNames.contains(weight):
      guard let value = layer.weights.first(where: { $0.name == weight })?.value else {
        throw EvaluationError("You must build the layer before accessing `\(weight)`.", at: nil, type: "AttributeError")
      }
      return session.array(value)
    default: return nil
    }
  }

  /// The output shape for `input`, or Keras' error at `range`.
  func outputShape(_ input: [Int?], at range: SourceRange) throws -> [Int?] {
    do {
      return try layer.outputShape(input)
    } catch let e as FrameworkError {
      throw EvaluationError("\(layer.className) layer '\(layer.name)': \(e.message)", at: range, type: "ValueError")
    }
  }

  /// Builds the layer under `scope` (a model's name and a slash, or
  /// nothing), attributing each weight's draws to its path; Keras' error at `range`.
  func build(_ shape: [Int?], scope: String, at range: SourceRange) throws {
    _ = try outputShape(shape, at: range)
    let path = scope + layer.name
    self.path = path
    do {
      try session.consuming(each: layer.weightNames.map { path + "/" + $0 }, role: "init") {
        try layer.build(shape, state: &session.state)
      }
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range, type: "ValueError")
    }
  }

  func call(_ arguments: Arguments) throws -> Value {
    if case .object(let symbolic as KerasSymbolicTensor)? = arguments.positional.first?.value {
      if !layer.isBuilt { try build(symbolic.shape, scope: session.scope, at: arguments.callRange) }
      return .object(symbolic.through(self, shape: try outputShape(symbolic.shape, at: arguments.callRange)))
    }
    throw EvaluationError(
      "calling a \(layer.className) layer on data (its forward pass) is not emulated; use it in a model (keras.Sequential, keras.Model) and train with fit",
      at: arguments.callRange)
  }
}

extension KerasWeightedLayerObject: ClassMembership {
  func isInstance(of cls: ClassObject) -> Bool { cls === session.layerClass }
}
