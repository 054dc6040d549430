import Foundation
import JAXStreams
import PythonSubset
import RNGStreams

extension JAXRunSession {
  /// `nn.Dense`, `nn.Dropout` and `nn.Sequential` as subclasses of `nn.Module`.
  func defineLayers(in linen: Namespace, module: ClassObject, initializers: Namespace) throws {
    let make = { [unowned self] (cls: ClassObject) -> InstanceObject in FlaxModule(class: cls, session: self) }
    let dense = try ClassObject(name: "Dense", bases: [module], module: "flax.linen", allocate: make)
    let lecun = try initializers.attribute("lecun_normal").map { try ClassObject.callValue($0, Arguments(callRange: .init(.init(line: 1, column: 1), .init(line: 1, column: 1)))) } ?? .none
    let zeros = initializers.members["zeros_init"].flatMap { v -> Value? in
      try? ClassObject.callValue(v, Arguments(callRange: .init(.init(line: 1, column: 1), .init(line: 1, column: 1))))
    } ?? .none
    dense.setMember("__init__", .object(BuiltinFunction(signature: Signature(
      "__init__(self, features, use_bias=True, dtype=None, param_dtype=None, precision=None, kernel_init=None, bias_init=None, name=None, parent=None)"
    )) { args in
      guard case .object(let m as FlaxModule)? = args.value("self") else { return .none }
      guard let features = try args.intValue("features"), features >= 0 else {
        throw args.error("features", "Dense() features must be a non-negative int")
      }
      for name in ["dtype", "param_dtype", "precision"] where args.isGiven(name) && !(args.value(name) ?? .none).isNone {
        let v = args.value(name) ?? .none
        if name != "precision", case .object(let t as JAXScalarType) = v, t.dtype == .float32 { continue }
        throw args.error(name, "Dense(\(name)=...) is emulated for float32 only, got \(JAXBinding.describe(v))")
      }
      let kernelInit = args.value("kernel_init").flatMap { $0.isNone ? nil : $0 } ?? lecun
      let biasInit = args.value("bias_init").flatMap { $0.isNone ? nil : $0 } ?? zeros
      m.builtin = .dense(features: features, useBias: try args.bool("use_bias") ?? true, kernelInit: kernelInit, biasInit: biasInit)
      m.explicitName = try args.string("name")
      return .none
    }))
    linen.define("Dense", .object(dense))

    let dropout = try ClassObject(name: "Dropout", bases: [module], module: "flax.linen", allocate: make)
    dropout.setMember("__init__", .object(BuiltinFunction(signature: Signature(
      "__init__(self, rate, broadcast_dims=(), deterministic=None, rng_collection='dropout', name=None, parent=None)"
    )) { args in
      guard case .object(let m as FlaxModule)? = args.value("self") else { return .none }
      guard let rate = try args.double("rate"), rate >= 0, rate <= 1 else { throw args.error("rate", "Dropout() rate must be a number between 0 and 1") }
      if let dims = args.value("broadcast_dims"), BoundArguments.asIntSequence(dims)?.isEmpty != true {
        throw args.error("broadcast_dims", "Dropout(broadcast_dims=...) is not emulated; accepted: ()")
      }
      let deterministic = args.value("deterministic").flatMap { $0.isNone ? nil : $0.isTruthy }
      m.builtin = .dropout(rate: rate, deterministic: deterministic, rngCollection: try args.string("rng_collection") ?? "dropout")
      m.explicitName = try args.string("name")
      return .none
    }))
    linen.define("Dropout", .object(dropout))

    let sequential = try ClassObject(name: "Sequential", bases: [module], module: "flax.linen", allocate: make)
    sequential.setMember("__init__", .object(BuiltinFunction(signature: Signature("__init__(self, layers, name=None, parent=None)")) { args in
      guard case .object(let m as FlaxModule)? = args.value("self") else { return .none }
      let layers: [Value]
      switch args.value("layers") {
      case .object(let l as ListObject)?: layers = l.elements
      case .tuple(let t)?: layers = t
      default: throw args.error("layers", "Sequential() takes a list of modules and functions")
      }
      for (i, layer) in layers.enumerated() {
        if case .object(let sub as FlaxModule) = layer {
          sub.setupName = "layers_\(i)"
          sub.setupParent = m
        }
      }
      m.builtin = .sequential(layers)
      m.explicitName = try args.string("name")
      return .none
    }))
    linen.define("Sequential", .object(sequential))
  }

  /// `nn.Dense.__call__(inputs)`: `inputs @ kernel + bias`, the parameters made on first use.
  func flaxDense(_ m: FlaxModule, _ arguments: Arguments) throws -> Value {
    let args = try Signature("__call__(inputs)").bind(arguments)
    guard case .dense(let features, let useBias, let kernelInit, let biasInit) = m.builtin else { return .none }
    let scope = try m.boundScope(at: args.callRange)
    let inputs = try JAXArrays.asArray(args.value("inputs") ?? .none, at: args.callRange)
    guard let x = JAXArrays.array(inputs), let width = x.tensor.shape.last else {
      throw args.error("inputs", "Dense() inputs must be an array of at least one dimension")
    }
    let base = (["params"] + scope.path).joined(separator: "/")
    let kernel = try param(scope, name: "kernel", path: base + "/kernel", at: args.callRange) { key in
      try callInitializer(kernelInit, key, [width, features], at: args.callRange)
    }
    var flat = inputs
    let leading = Array(x.tensor.shape.dropLast())
    if leading.count != 1 { flat = try JAXArrays.reshape(inputs, .tuple([.int(PythonInt(-1)), .int(PythonInt(width))]), at: args.callRange) }
    var y = try JAXArrays.matmul(flat, kernel, at: args.callRange)
    if leading.count != 1 {
      y = try JAXArrays.reshape(y, .tuple((leading + [features]).map { .int(PythonInt($0)) }), at: args.callRange)
    }
    guard useBias else { return y }
    let bias = try param(scope, name: "bias", path: base + "/bias", at: args.callRange) { key in
      try callInitializer(biasInit, key, [features], at: args.callRange)
    }
    return try JAXArrays.binary(.add, y, bias, at: args.callRange) ?? y
  }

  func callInitializer(_ initializer: Value, _ key: JAXKey, _ shape: [Int], at range: SourceRange) throws -> Value {
    var call = Arguments(callRange: range)
    call.positional = [
      Located(.object(ArrayObject(jaxKeys: [key], shape: [], typed: true)), range),
      Located(.tuple(shape.map { .int(PythonInt($0)) }), range),
    ]
    return try ClassObject.callValue(initializer, call)
  }

  /// `nn.Dropout.__call__(inputs, deterministic=None, rng=None)`: JAX's
  /// `bernoulli(rng, 1 - rate, shape)` mask, kept values divided by `1 - rate`.
  func flaxDropout(_ m: FlaxModule, _ arguments: Arguments) throws -> Value {
    let args = try Signature("__call__(inputs, deterministic=None, rng=None)").bind(arguments)
    guard case .dropout(let rate, let fieldDeterministic, let collection) = m.builtin else { return .none }
    let inputs = try JAXArrays.asArray(args.value("inputs") ?? .none, at: args.callRange)
    let callDeterministic = args.value("deterministic").flatMap { $0.isNone ? nil : $0.isTruthy }
    if let a = fieldDeterministic, let b = callDeterministic, a != b {
      throw args.error("deterministic", "deterministic was given both to Dropout() and to its call, with different values")
    }
    guard let deterministic = callDeterministic ?? fieldDeterministic else {
      throw EvaluationError(
        "Dropout needs deterministic=True or False, passed to Dropout(...) or to its call", at: args.range("inputs"), type: "ValueError")
    }
    if rate == 0 || deterministic { return inputs }
    guard let x = JAXArrays.array(inputs) else { throw args.error("inputs", "Dropout() inputs must be an array") }
    if rate == 1 { return .object(JAXArrays.float32([Float](repeating: 0, count: x.tensor.count), x.tensor.shape)) }
    let scope = try m.boundScope(at: args.callRange)
    let keepProb = 1.0 - rate
    let path = ([collection] + scope.path).joined(separator: "/")
    let mask = try consuming(path, role: "dropout") { () throws -> DrawnValues in
      let key: JAXKey
      if let given = args.value("rng"), !given.isNone {
        guard case .object(let a as ArrayObject) = given, let (keys, shape, _) = a.jaxKeys, shape.isEmpty, let k = keys.first else {
          throw args.error("rng", "Dropout rng must be a single key")
        }
        key = k
      } else {
        key = try frameworkCall(at: args.callRange) { try scope.rngKey(collection, jaxRandom()) }
      }
      return try frameworkCall(at: args.callRange) { try jaxRandom().bernoulli(key, p: keepProb, shape: x.tensor.shape) }
    }
    guard case .bool(let keep) = mask else { return inputs }
    let scaled = try JAXArrays.binary(.divide, inputs, .float(keepProb), at: args.callRange) ?? inputs
    return try JAXArrays.whereOp(.object(JAXArrays.bool(keep, x.tensor.shape)), scaled, .float(0), at: args.callRange)
  }
}
