import KerasStreams
import PythonSubset
import RNGStreams

/// A layer or model a script defines by subclassing `keras.layers.Layer`
/// or `keras.Model`: a Python instance of the script's class and, under
/// it, Keras' layer machinery — its auto-name (from the class name:
/// `MyModel` → `my_model`), `add_weight`, sublayer tracking, and the build
/// on first call.
///
/// ```python
/// class Scale(keras.layers.Layer):
///     def build(self, input_shape):
///         self.w = self.add_weight(shape=(input_shape[-1], 2), initializer="random_normal", name="w")
///     def call(self, x):
///         return x
/// ```
///
/// Calling the layer on a symbolic tensor (`keras.Input`, or another
/// layer's output) builds it once, inside its name scope: the script's
/// `build(input_shape)` runs, then its `call`, so sublayers it calls are
/// built with paths under the layer's (`my_model/dense/kernel`). Weights
/// are the layer's own, in `add_weight` order, then its tracked sublayers'
/// (attributes set to layers, in the order they were set).
///
/// Edge cases: calling on data (a forward pass) is not emulated yet; a
/// `call` that uses ops on the symbolic tensor stops with a located message.
final class KerasLayerInstance: InstanceObject {
  let session: KerasSession
  let isModel: Bool
  /// The layer's name, set by `Layer.__init__` (or on first use).
  var layerName: String?
  /// The layer's path once built (`my_model`, `my_model/scale`).
  var path: String?
  var isBuilt = false
  /// Weights made by `add_weight`: name and value.
  var ownWeights: [(name: String, tensor: Keras3.Tensor)] = []
  /// Layers assigned to attributes, in assignment order.
  var tracked: [any PythonObject] = []

  init(class pythonClass: ClassObject, session: KerasSession, isModel: Bool) {
    self.session = session
    self.isModel = isModel
    super.init(class: pythonClass)
  }

  var name: String {
    if let layerName { return layerName }
    let made = session.state.uniqueName(Keras3.layerNamePrefix(pythonClass.name))
    layerName = made
    return made
  }

  override var repr: String { "<\(pythonClass.name) name=\(name), built=\(isBuilt ? "True" : "False")>" }

  /// Every weight with its path: own weights, then tracked sublayers'.
  var weights: [(path: String, tensor: Keras3.Tensor)] {
    let prefix = path ?? name
    return ownWeights.map { (prefix + "/" + $0.name, $0.tensor) } + tracked.flatMap(KerasSession.weights(of:))
  }

  override func didSetAttribute(_ attributeName: String, _ value: Value) throws {
    guard case .object(let o) = value, KerasSession.isLayer(o), !tracked.contains(where: { $0 === o }) else { return }
    tracked.append(o)
  }

  override func nativeAttribute(_ attributeName: String) throws -> Value? {
    switch attributeName {
    case "name": return .string(name)
    case "built": return .bool(isBuilt)
    case "weights", "trainable_weights", "variables":
      return .object(ListObject(weights.map { .object(KerasVariableObject(path: $0.path, tensor: $0.tensor, session: session)) }))
    case "get_weights":
      return .object(BuiltinFunction(signature: Signature("get_weights()")) { [self] _ in
        .object(ListObject(weights.map { .object(ArrayObject($0.tensor.engineTensor, kind: .numpy)) }))
      })
    case "layers":
      return .object(ListObject(tracked.map { .object($0) }))
    case "compile", "fit", "predict", "evaluate", "train_on_batch", "summary", "set_weights", "save":
      return .object(BuiltinFunction(signature: Signature("\(attributeName)(*args, **kwargs)")) { args in
        throw EvaluationError(
          "\(attributeName)() is not emulated by rngdiff run yet (models are built and their initial weights recorded; training comes next)",
          at: args.callRange)
      })
    default: return nil
    }
  }

  /// `self.add_weight(shape, initializer, name=…)`: the initializer made
  /// now (an initializer given by name draws its default seed now), then
  /// called for the weight, each draw attributed to the weight's path.
  func addWeight(_ args: BoundArguments) throws -> Value {
    let shape = try args.kerasDimensions("shape")?.map { $0 ?? 1 } ?? []
    let weightName = try args.string("name") ?? session.state.uniqueName("variable")
    let weightPath = (path ?? name) + "/" + weightName
    var dtype = Keras3.DType.float32
    if case .string(let d)? = args.value("dtype"), let parsed = Keras3.DType(name: d) { dtype = parsed }
    let initializer: Keras3.Initializer
    switch args.value("initializer") {
    case .object(let o as KerasInitializerObject)?:
      initializer = o.initializer
    case .string(let s)?:
      initializer = try session.consuming(weightPath, role: "seed") {
        try args.framework { try Keras3.Initializer.named(s, state: &session.state) }
      }
    case nil, .none?:
      initializer = try session.consuming(weightPath, role: "seed") {
        try args.framework { try Keras3.Initializer.named(dtype.isFloatingPoint ? "glorot_uniform" : "zeros", state: &session.state) }
      }
    case let v?:
      throw args.error("initializer", "add_weight() argument 'initializer' must be a name or an initializer, got \(v.repr)")
    }
    let tensor = try session.consuming(weightPath, role: "init") {
      try args.framework { try initializer(shape, dtype: dtype, state: &session.state) }
    }
    ownWeights.append((weightName, tensor))
    return .object(KerasVariableObject(path: weightPath, tensor: tensor, session: session))
  }

  /// Calls the layer: on a symbolic tensor it builds once (in its name
  /// scope) and runs the script's `call`.
  override func call(_ arguments: Arguments) throws -> Value {
    guard case .object(let symbolic as KerasSymbolicTensor)? = arguments.positional.first?.value else {
      throw EvaluationError(
        "calling \(pythonClass.name) on data (its forward pass) is not emulated yet; call it on keras.Input(...) to build it",
        at: arguments.callRange)
    }
    let scope = session.scope
    let myPath = scope + name
    session.scope = myPath + "/"
    defer { session.scope = scope }
    if !isBuilt {
      path = myPath
      if let build = pythonClass.lookup("build"), !(isBuiltinDefault(build)) {
        _ = try callDunder("build", [.tuple(symbolic.shape.map { $0.map { .int(PythonInt($0)) } ?? .none })], at: arguments.callRange)
      }
      isBuilt = true
    }
    let result: Value
    if pythonClass.lookup("call") != nil {
      var rest = arguments
      rest.positional.removeFirst()
      result = try callDunder("call", [.object(symbolic)] + rest.positional.map(\.value), at: arguments.callRange) ?? .none
    } else {
      throw EvaluationError(
        "Layer \(pythonClass.name) does not have a `call()` method implemented.", at: arguments.callRange,
        type: "NotImplementedError")
    }
    guard case .object(let out as KerasSymbolicTensor) = result else {
      throw EvaluationError(
        "\(pythonClass.name).call() must return a Keras tensor made by layers (ops on symbolic tensors are not emulated yet)",
        at: arguments.callRange)
    }
    if isModel { try session.recordInitialWeights(weights) }
    return .object(out.through(self, shape: out.shape))
  }

  private func isBuiltinDefault(_ value: Value) -> Bool {
    if case .object(let o) = value, o is BuiltinFunction { return true }
    return false
  }
}
