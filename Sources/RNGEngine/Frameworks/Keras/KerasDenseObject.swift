import KerasStreams
import PythonSubset
import RNGStreams

/// A `keras.layers.Dense` in the call strings. Its initializers were made
/// (and their default seeds drawn) when it was constructed;
/// `d.build((None, 4))` creates the kernel, then the bias. Once built,
/// `d.kernel`, `d.bias`, `d.weights` and `d.get_weights()` print them, and
/// so does `d` itself (`kernel`, then `bias`).
///
/// Edge cases: reading `kernel` before `build` is refused as Keras refuses
/// it; calling the layer on data (its forward pass) is not emulated.
final class KerasDenseObject: NamedOutputs {
  var layer: Keras3.Dense
  let session: KerasSession
  /// The layer's path once built (`sequential/dense`): its weights are `path/kernel`, `path/bias`.
  var path: String?
  /// `input_shape=` given to the layer (without the batch dimension), for a `Sequential`.
  var inputShapeArgument: [Int?]?
  /// `activation=` as given (nil for None); training checks it is one it emulates.
  var activationName: String?
  /// Runs after ``build(_:scope:)`` with the layer's path (tf-keras sets its weights there).
  var afterBuild: ((KerasDenseObject, String) throws -> Void)?

  init(_ layer: Keras3.Dense, session: KerasSession) {
    self.layer = layer
    self.session = session
  }

  var typeName: String { "Dense" }
  var repr: String { "<Dense name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>" }
  var attributeNames: [String] {
    ["bias", "bias_initializer", "build", "built", "get_weights", "kernel", "kernel_initializer", "name", "units", "use_bias", "weights"]
  }

  var namedOutputs: [(name: String, tensor: Tensor)] {
    layer.weights.map { ($0.name, $0.value.engineTensor) }
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "units": return .int(PythonInt(layer.units))
    case "use_bias": return .bool(layer.useBias)
    case "name": return .string(layer.name)
    case "built": return .bool(layer.isBuilt)
    case "kernel_initializer": return .object(KerasInitializerObject(layer.kernelInitializer, session: session))
    case "bias_initializer": return .object(KerasInitializerObject(layer.biasInitializer, session: session))
    case "kernel":
      guard let kernel = layer.kernel else { throw notBuilt("kernel") }
      return session.array(kernel)
    case "bias":
      guard layer.isBuilt else { throw notBuilt("bias") }
      return layer.bias.map(session.array) ?? Value.none
    case "weights":
      return .object(ListObject(layer.weights.map { session.array($0.value) }))
    case "get_weights":
      return .object(BuiltinFunction(signature: Signature("get_weights()")) { [self] _ in
        .object(ListObject(layer.weights.map { .object(ArrayObject($0.value.engineTensor, kind: .numpy)) }))
      })
    case "build":
      return .object(BuiltinFunction(signature: Signature("build(input_shape)")) { [self] args in
        guard let shape = try args.kerasDimensions("input_shape") else {
          throw args.error("input_shape", "build() argument 'input_shape' must be a tuple such as (None, 4), got None")
        }
        try args.framework { try build(shape, scope: "") }
        return .none
      })
    default: return nil
    }
  }

  func notBuilt(_ name: String) -> EvaluationError {
    EvaluationError("You must build the layer before accessing `\(name)`; call build((None, input_dim)) first.", at: nil)
  }

  /// Builds the layer under `scope` (a model's name and a slash, or
  /// nothing), attributing the kernel's and the bias's draws to their paths.
  ///
  /// - Throws: the ``FrameworkError`` Keras raises (an undefined last
  ///   dimension, a second build), for the caller to place.
  func build(_ shape: [Int?], scope: String) throws {
    let path = scope + layer.name
    self.path = path
    try session.consuming(each: [path + "/kernel", path + "/bias"], role: "init") {
      try layer.build(shape, state: &session.state)
    }
    try afterBuild?(self, path)
  }

  /// ``build(_:scope:)`` for a model or a symbolic call: Keras' error, at `range`.
  func build(_ shape: [Int?], scope: String, at range: SourceRange) throws {
    do {
      try build(shape, scope: scope)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range, type: "ValueError")
    }
  }

  func call(_ arguments: Arguments) throws -> Value {
    if case .object(let symbolic as KerasSymbolicTensor)? = arguments.positional.first?.value {
      if !layer.isBuilt { try build(symbolic.shape, scope: session.scope, at: arguments.callRange) }
      return .object(symbolic.through(self, shape: Array(symbolic.shape.dropLast()) + [layer.units]))
    }
    throw EvaluationError(
      "calling a Dense layer on data (its forward pass) is not emulated; build it with d.build((None, input_dim)) and read d.kernel",
      at: arguments.callRange)
  }
}
