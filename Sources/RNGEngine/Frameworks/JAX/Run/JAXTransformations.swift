import PythonSubset

/// `jax.grad`, `jax.value_and_grad`, `jax.jit` and `jax.tree_util.tree_map`
/// over the engine's own operations.
///
/// ```python
/// loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
/// params = jax.tree_util.tree_map(lambda p, g: p - 0.1 * g, params, grads)
/// ```
///
/// `grad` runs the function once with a ``JAXTape``: every float32 array
/// in the differentiated arguments (pytrees of dicts, lists and tuples) is
/// a leaf, and the gradients come back in the same structure. `jit` is the
/// identity (compilation changes no random value; XLA's fusion can change
/// the last bits of float results, within the tolerance docs/scripts.md gives).
///
/// Edge cases: a gradient inside a gradient, a function whose value is not a
/// scalar float32 array, and `has_aux=True` without a `(value, aux)` pair are
/// refused with one located sentence.
enum JAXTransformations {
  static func define(in jax: Namespace) {
    jax.define("grad(fun, argnums=0, has_aux=False)") { args in try transform(args, valueToo: false) }
    jax.define("value_and_grad(fun, argnums=0, has_aux=False)") { args in try transform(args, valueToo: true) }
    jax.define("jit(fun=None, **options)") { args in
      // Used as @jax.jit, jax.jit(f) or jax.jit(f, static_argnums=...): the function itself.
      guard let f = args.value("fun"), !f.isNone else {
        return .object(BuiltinFunction(signature: Signature("jit(fun)")) { inner in inner.value("fun") ?? .none })
      }
      return f
    }
    jax.define("block_until_ready(x)") { args in args.value("x") ?? .none }
    let tree = Namespace(name: "jax.tree_util")
    tree.define("tree_map(f, tree, *rest, is_leaf=None)") { args in try treeMap(args) }
    tree.define("tree_leaves(tree, is_leaf=None)") { args in
      var leaves: [Value] = []
      _ = try map(args.value("tree") ?? .none) { leaves.append($0); return $0 }
      return .object(ListObject(leaves))
    }
    jax.define("tree_util", .object(tree))
    let shortTree = Namespace(name: "jax.tree")
    shortTree.define("map(f, tree, *rest, is_leaf=None)") { args in try treeMap(args) }
    shortTree.define("leaves(tree, is_leaf=None)") { args in try tree.attribute("tree_leaves").map { try ClassObject.callValue($0, Arguments(positional: [Located(args.value("tree") ?? .none, args.callRange)], callRange: args.callRange)) } ?? .none }
    jax.define("tree", .object(shortTree))
  }

  /// The same structure with each leaf replaced by `f(leaf)`. Dicts come
  /// back with their keys sorted, as JAX's flattening orders them; None is
  /// an empty subtree, as in JAX.
  static func map(_ tree: Value, _ f: (Value) throws -> Value) throws -> Value {
    switch tree {
    case .none: return .none
    case .tuple(let items): return .tuple(try items.map { try map($0, f) })
    case .object(let list as ListObject): return .object(ListObject(try list.elements.map { try map($0, f) }))
    case .object(let dict as DictObject):
      // JAX flattens a dict in sorted key order, and rebuilds it that way.
      let sorted = dict.entries.sorted { a, b in
        if case .string(let x) = a.key, case .string(let y) = b.key { return x < y }
        return a.key.repr < b.key.repr
      }
      return .object(DictObject(try sorted.map { ($0.key, try map($0.value, f)) }))
    default: return try f(tree)
    }
  }

  /// The leaves of `tree` in the order ``map(_:_:)`` visits them.
  static func leaves(_ tree: Value) throws -> [Value] {
    var out: [Value] = []
    _ = try map(tree) { out.append($0); return $0 }
    return out
  }

  static func treeMap(_ args: BoundArguments) throws -> Value {
    try args.requireNone("is_leaf")
    let f = args.value("f") ?? .none
    let first = args.value("tree") ?? .none
    let rest = try args.extraPositional.map { try leaves($0.value) }
    var index = 0
    return try map(first) { leaf in
      defer { index += 1 }
      var call = Arguments(callRange: args.callRange)
      call.positional = [Located(leaf, args.callRange)]
      for other in rest {
        guard index < other.count else {
          throw EvaluationError("tree_map() trees have different structures", at: args.callRange, type: "ValueError")
        }
        call.positional.append(Located(other[index], args.callRange))
      }
      return try ClassObject.callValue(f, call)
    }
  }

  static func transform(_ args: BoundArguments, valueToo: Bool) throws -> Value {
    let fun = args.value("fun") ?? .none
    let hasAux = try args.bool("has_aux") ?? false
    let argnumsValue = args.value("argnums") ?? .int(PythonInt(0))
    let single = BoundArguments.asInt(argnumsValue)?.int
    guard let argnums = single.map({ [$0] }) ?? BoundArguments.asIntSequence(argnumsValue)?.compactMap(\.int) else {
      throw args.error("argnums", "argnums must be an int or a tuple of ints, got \(argnumsValue.typeName)")
    }
    let name = valueToo ? "value_and_grad" : "grad"
    return .object(BuiltinFunction(signature: Signature("\(name)_of_fun(*args, **kwargs)")) { call in
      guard JAXTape.current == nil else {
        throw EvaluationError("jax.\(name) inside jax.grad (higher-order derivatives) is not emulated", at: call.callRange)
      }
      let tape = JAXTape()
      var positional = call.extraPositional
      var leafArrays: [[ArrayObject]] = []
      for n in argnums {
        guard n >= 0, n < positional.count else {
          throw EvaluationError("\(name): argnums \(n) is out of range for a call with \(positional.count) positional arguments", at: call.callRange, type: "TypeError")
        }
        var mine: [ArrayObject] = []
        let traced = try map(positional[n].value) { leaf in
          guard let a = JAXArrays.array(leaf), a.tensor.dtype == .float32 else {
            throw EvaluationError(
              "\(name) requires float32 arrays in the differentiated argument, got \(JAXBinding.describe(leaf)); use jnp.asarray(x, jnp.float32)",
              at: positional[n].range, type: "TypeError")
          }
          let copy = ArrayObject(a.tensor, kind: .jax, methods: JAXArrayMethods.shared)
          tape.variable(copy)
          mine.append(copy)
          return .object(copy)
        }
        positional[n] = Located(traced, positional[n].range)
        leafArrays.append(mine)
      }
      var inner = Arguments(callRange: call.callRange)
      inner.positional = positional
      inner.keywords = call.extraKeywords
      let out = try JAXTape.$current.withValue(tape) { try ClassObject.callValue(fun, inner) }
      var value = out
      var aux: Value = .none
      if hasAux {
        guard case .tuple(let pair) = out, pair.count == 2 else {
          throw EvaluationError("\(name)(has_aux=True) needs the function to return a pair (value, aux), got \(out.typeName)", at: call.callRange, type: "TypeError")
        }
        value = pair[0]
        aux = pair[1]
      }
      guard let scalar = JAXArrays.array(value), scalar.tensor.dtype == .float32, scalar.tensor.shape.isEmpty else {
        throw EvaluationError(
          "\(name) requires the function to return a scalar float32 array, got \(JAXBinding.describe(value))", at: call.callRange, type: "TypeError")
      }
      let all = tape.gradients(of: scalar, for: leafArrays.flatMap { $0 })
      var next = 0
      var grads: [Value] = []
      for (k, n) in argnums.enumerated() {
        _ = k
        grads.append(try map(positional[n].value) { leaf in
          defer { next += 1 }
          guard let a = JAXArrays.array(leaf) else { return leaf }
          return .object(JAXArrays.float32(all[next], a.tensor.shape))
        })
      }
      let g: Value = single != nil ? grads[0] : .tuple(grads)
      // The value leaves the trace as a plain array.
      let plain = Value.object(JAXArrays.float32(scalar.tensor.floatValues, []))
      guard valueToo else { return hasAux ? .tuple([g, aux]) : g }
      return .tuple([hasAux ? .tuple([plain, aux]) : plain, g])
    })
  }
}

extension Tensor {
  /// The elements of a float32 tensor (empty for other storage).
  var floatValues: [Float] {
    if case .float(let f) = storage { return f }
    return []
  }
}
