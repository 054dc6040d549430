import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.layers.Layer` and `keras.Model` as classes a script subclasses.
  /// Calling `keras.Model(inputs=…, outputs=…)` itself still makes a
  /// functional model.
  func defineClasses(in keras: Namespace, layers: Namespace) throws {
    let layer = try ClassObject(name: "Layer", bases: [Builtins.objectClass], module: "keras.layers") { [unowned self] cls in
      KerasLayerInstance(class: cls, session: self, isModel: false)
    }
    let model = try ClassObject(name: "Model", bases: [layer], module: "keras") { [unowned self] cls in
      KerasLayerInstance(class: cls, session: self, isModel: true)
    }
    let initializer = BuiltinFunction(signature: Signature("__init__(self, *args, name=None, **kwargs)")) { args in
      guard case .object(let instance as KerasLayerInstance)? = args.value("self") else { return .none }
      if let name = try args.string("name") { instance.layerName = name }
      _ = instance.name
      return .none
    }
    layerClass = layer
    modelClass = model
    layer.setMember("__init__", .object(initializer))
    layer.setMember("build", .object(BuiltinFunction(signature: Signature("build(self, input_shape=None)")) { args in
      if case .object(let instance as KerasLayerInstance)? = args.value("self") { instance.isBuilt = true }
      return .none
    }))
    layer.setMember("add_weight", .object(BuiltinFunction(signature: Signature(
      "add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True, regularizer=None, constraint=None, aggregation='none', overwrite_with_gradient=False, name=None)"
    )) { args in
      guard case .object(let instance as KerasLayerInstance)? = args.value("self") else {
        throw EvaluationError("add_weight() must be called on a layer", at: args.callRange, type: "TypeError")
      }
      return try instance.addWeight(args)
    }))
    layers.define("Layer", .object(layer))
    keras.define("Layer", .object(layer))
    // keras.Model(inputs, outputs) stays the functional constructor; subclassing uses the class.
    let functional = try keras.attribute("Model")
    keras.define("Model", .object(KerasModelClass(modelClass: model, functional: functional ?? .none)))
  }

  /// Whether `o` is a Keras layer whose weights a model collects.
  static func isLayer(_ o: any PythonObject) -> Bool {
    o is KerasDenseObject || o is KerasDropoutObject || o is KerasLayerInstance || o is KerasModelObject
      || o is any KerasWeightlessLayer || o is KerasWeightedLayerObject
  }

  /// The weights of a layer or model, with their paths.
  static func weights(of o: any PythonObject) -> [(path: String, tensor: Keras3.Tensor)] {
    switch o {
    case let dense as KerasDenseObject:
      return dense.layer.weights.map { ("\(dense.path ?? dense.layer.name)/\($0.name)", $0.value) }
    case let layer as KerasWeightedLayerObject:
      return layer.layer.weights.map { ("\(layer.path ?? layer.layer.name)/\($0.name)", $0.value) }
    case let custom as KerasLayerInstance: return custom.weights
    case let model as KerasModelObject: return model.weights
    default: return []
    }
  }
}

/// `keras.Model`: a class scripts subclass, which called with
/// `inputs=`/`outputs=` makes a functional model, as Keras' `Model.__new__`
/// does.
final class KerasModelClass: ClassAlias {
  let modelClass: ClassObject
  let functional: Value

  init(modelClass: ClassObject, functional: Value) {
    self.modelClass = modelClass
    self.functional = functional
  }

  var aliasedClass: ClassObject { modelClass }
  var typeName: String { "type" }
  var repr: String { "<class 'keras.Model'>" }
  func attribute(_ name: String) throws -> Value? { try modelClass.attribute(name) }
  func call(_ arguments: Arguments) throws -> Value {
    try ClassObject.callValue(functional, arguments)
  }
}

extension KerasModelObject: ClassMembership {
  /// A `Sequential` or functional model is a `keras.Model` (and so a `keras.layers.Layer`).
  func isInstance(of cls: ClassObject) -> Bool { cls === session.modelClass || cls === session.layerClass }
}

extension KerasDenseObject: ClassMembership {
  func isInstance(of cls: ClassObject) -> Bool { cls === session.layerClass }
}

extension KerasDropoutObject: ClassMembership {
  func isInstance(of cls: ClassObject) -> Bool { cls === session.layerClass }
}
