import KerasStreams
import RNGStreams
import PythonSubset
import RNGTrace

/// A Keras 3 model in a script: `keras.Sequential([...])` or the functional
/// `keras.Model(inputs, outputs)`.
///
/// Weights are created when the model is built, in layer order, each with
/// its path as Keras names it: inside a `Sequential` the model's name scope
/// (`sequential/dense/kernel`), in a functional model the layer's own
/// (`dense_2/kernel`). A `Sequential` whose first item is `keras.Input` (or
/// whose first layer has `input_shape=`) builds at once; otherwise at
/// `build(input_shape)`. When the model is built, the trace gets one
/// `tensor` event per weight (moment `init`), in `model.weights` order.
///
/// ```python
/// model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(2)])
/// [w.path for w in model.weights]   # sequential/dense/kernel, …/bias, sequential/dense_1/kernel, …
/// ```
///
/// Training (`compile`, `fit`, `evaluate`, `predict`, `train_on_batch`,
/// `set_weights`) is in `Training/KerasModelObject+Training.swift`;
/// `summary` and `save` stop the run with a located message.
final class KerasModelObject: NamedOutputs {
  enum Kind { case sequential, functional }

  let kind: Kind
  let name: String
  let session: KerasSession
  /// The layers in order (a functional model's input layer is listed as its name).
  private(set) var layers: [any PythonObject] = []
  private(set) var inputShape: [Int?]?
  private(set) var inputLayerName: String?
  private(set) var isBuilt = false
  /// Built by its first `fit` (or `evaluate`, `predict`) from the data's shape.
  var builtByData = false
  /// What `compile()` set; nil before.
  var compiled: KerasCompileSettings?
  /// Whether the compiled loss was built (by the first `fit`, `evaluate` or
  /// `train_on_batch` after `compile()`): Keras 3 JAX's `fit` peeks at a batch otherwise.
  var compileLossBuilt = false

  init(kind: Kind, name: String, session: KerasSession) {
    self.kind = kind
    self.name = name
    self.session = session
  }

  var typeName: String { kind == .sequential ? "Sequential" : "Functional" }
  var repr: String { "<\(typeName) name=\(name), built=\(isBuilt ? "True" : "False")>" }

  /// What `rngdiff sample keras 'Sequential([...])'` prints: every weight, by path.
  var namedOutputs: [(name: String, tensor: Tensor)] { weights.map { ($0.path, $0.tensor.engineTensor) } }

  /// `model.weights`: every layer's weights in layer order, with their paths.
  var weights: [(path: String, tensor: Keras3.Tensor)] { layers.flatMap(KerasSession.weights(of:)) }

  /// `model.add(layer)`: with `rebuild`, a model whose input shape is known
  /// is built again (Keras makes a new inner functional model each time).
  func add(_ layer: any PythonObject, rebuild: Bool = true, at range: SourceRange) throws {
    if let input = layer as? KerasSymbolicTensor {
      guard layers.isEmpty && inputShape == nil else {
        throw EvaluationError("an Input can only be the first item of a Sequential model", at: range, type: "ValueError")
      }
      inputShape = input.shape
      inputLayerName = input.inputName
      return
    }
    guard KerasSession.isLayer(layer) else {
      throw EvaluationError("Sequential() takes layers, not '\(layer.typeName)'", at: range, type: "TypeError")
    }
    let shapeArgument = (layer as? KerasDenseObject)?.inputShapeArgument ?? (layer as? KerasWeightedLayerObject)?.inputShapeArgument
    if layers.isEmpty, inputShape == nil, let shape = shapeArgument {
      inputShape = [nil] + shape
      inputLayerName = session.state.uniqueName("input_layer")
    }
    layers.append(layer)
    if rebuild, let inputShape { try build(inputShape, at: range) }
  }

  /// Builds every layer not built yet, in order, inside the model's name
  /// scope, as Keras' `Sequential.build` does by making an inner functional
  /// model (which takes a `functional` name, and an `input_layer` name when
  /// the model had no input yet).
  func build(_ shape: [Int?], at range: SourceRange) throws {
    if inputLayerName == nil { inputLayerName = session.state.uniqueName("input_layer") }
    _ = session.state.uniqueName("functional")
    inputShape = shape
    // TensorFlow 1.x: the input placeholder, then each layer's variables and symbolic call, join the graph.
    session.tfKeras?.placeInput(of: self)
    var current = shape
    for layer in layers {
      if let dense = layer as? KerasDenseObject {
        if !dense.layer.isBuilt { try dense.build(current, scope: name + "/", at: range) }
        current = Array(current.dropLast()) + [dense.layer.units]
      } else if let weighted = layer as? KerasWeightedLayerObject {
        if !weighted.layer.isBuilt { try weighted.build(current, scope: name + "/", at: range) }
        current = try weighted.outputShape(current, at: range)
      } else if let weightless = layer as? any KerasWeightlessLayer {
        do {
          current = try weightless.outputShape(current)
        } catch let e as FrameworkError {
          throw EvaluationError("\(weightless.className) layer '\(weightless.layerName)': \(e.message)", at: range, type: "ValueError")
        }
      } else if let custom = layer as? KerasLayerInstance {
        let outer = session.scope
        session.scope = name + "/"
        defer { session.scope = outer }
        var arguments = Arguments(callRange: range, calleeRange: range)
        arguments.positional = [Located(.object(KerasSymbolicTensor(shape: current, inputName: inputLayerName ?? "", history: [])), range)]
        if case .object(let out as KerasSymbolicTensor) = try custom.call(arguments) { current = out.shape }
      }
      try session.tfKeras?.place(layer, in: self)
    }
    isBuilt = true
    try session.recordInitialWeights(of: self)
  }

  /// A functional model from a symbolic input and output.
  func connect(inputs: KerasSymbolicTensor, outputs: KerasSymbolicTensor) throws {
    inputShape = inputs.shape
    inputLayerName = inputs.inputName
    layers = outputs.history
    isBuilt = true
    try session.recordInitialWeights(of: self)
  }

  func attribute(_ attributeName: String) throws -> Value? {
    switch attributeName {
    case "name": return .string(name)
    case "built": return .bool(isBuilt)
    case "layers":
      // A functional model lists its input layer first; a Sequential does not.
      let input: [Value] = kind == .functional ? [.object(KerasInputLayerObject(name: inputLayerName ?? "input_layer"))] : []
      return .object(ListObject(input + layers.map { .object($0) }))
    case "weights", "trainable_weights", "variables":
      let legacy = session.tfKeras?.owns(self) == true
      return .object(ListObject(weights.map {
        .object(KerasVariableObject(path: $0.path, tensor: $0.tensor, session: session, legacyName: legacy ? Self.legacyName($0.path) : nil))
      }))
    case "get_weights":
      return .object(BuiltinFunction(signature: Signature("get_weights()")) { [self] _ in
        .object(ListObject(weights.map { .object(ArrayObject($0.tensor.engineTensor, kind: .numpy)) }))
      })
    case "count_params":
      return .object(BuiltinFunction(signature: Signature("count_params()")) { [self] _ in
        .int(PythonInt(weights.reduce(0) { $0 + $1.tensor.shape.reduce(1, *) }))
      })
    case "add" where kind == .sequential:
      return .object(BuiltinFunction(signature: Signature("add(layer)")) { [self] args in
        guard case .object(let o)? = args.value("layer") else {
          throw EvaluationError("add() takes a layer", at: args.range("layer"), type: "TypeError")
        }
        try add(o, at: args.callRange)
        return .none
      })
    case "build":
      return .object(BuiltinFunction(signature: Signature("build(input_shape=None)")) { [self] args in
        guard let shape = try args.kerasDimensions("input_shape") else {
          throw EvaluationError("build() needs an input shape such as (None, 3)", at: args.callRange, type: "ValueError")
        }
        try build(shape, at: args.callRange)
        return .none
      })
    case "compile", "fit", "predict", "evaluate", "train_on_batch", "set_weights":
      return trainingMethod(attributeName)
    case "summary", "save":
      return .object(BuiltinFunction(signature: Signature("\(attributeName)(*args, **kwargs)")) { args in
        throw EvaluationError(
          "model.\(attributeName)() is not emulated by rngdiff run; models can be built, compiled, trained (fit, train_on_batch), evaluated and predicted",
          at: args.callRange)
      })
    default: return nil
    }
  }
}

extension KerasModelObject {
  /// A tf-keras variable's `name`: the layer's name and the weight's, without
  /// the model's scope, with TensorFlow's output index (`dense/kernel:0`).
  static func legacyName(_ path: String) -> String {
    let parts = path.split(separator: "/")
    return parts.suffix(2).joined(separator: "/") + ":0"
  }
}

/// A Keras variable seen from a script: `w.path`, `w.name`, `w.shape`, `w.numpy()`.
/// A tf-keras model's variables are named as TensorFlow names them (`dense/kernel:0`).
final class KerasVariableObject: PythonObject {
  let path: String
  /// tf-keras's `name`; nil for Keras 3's (the weight's own name, `kernel`).
  let legacyName: String?
  let tensor: Keras3.Tensor
  let session: KerasSession

  init(path: String, tensor: Keras3.Tensor, session: KerasSession, legacyName: String? = nil) {
    self.path = path
    self.tensor = tensor
    self.session = session
    self.legacyName = legacyName
  }

  var typeName: String { "Variable" }
  var repr: String { "<Variable path=\(path), shape=\(tensor.shape)>" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "path": return .string(path)
    case "name": return .string(legacyName ?? String(path.split(separator: "/").last ?? ""))
    case "shape": return .tuple(tensor.shape.map { .int(PythonInt($0)) })
    case "numpy":
      return .object(BuiltinFunction(signature: Signature("numpy()")) { [self] _ in
        .object(ArrayObject(tensor.engineTensor, kind: .numpy))
      })
    default: return nil
    }
  }
}

/// The input layer a functional model lists first in `model.layers`.
final class KerasInputLayerObject: PythonObject {
  let name: String
  init(name: String) { self.name = name }
  var typeName: String { "InputLayer" }
  var repr: String { "<InputLayer name=\(name)>" }
  func attribute(_ attributeName: String) throws -> Value? { attributeName == "name" ? .string(name) : nil }
}
