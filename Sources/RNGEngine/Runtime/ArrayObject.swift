import PythonSubset

/// Which framework an array belongs to; decides its type name and methods.
public enum ArrayKind: String, Sendable, Hashable {
  case numpy = "numpy.ndarray"
  case torch = "torch.Tensor"
  case tensorflow = "tf.Tensor"
  case jax = "jax.Array"
}

/// A framework's methods on its arrays, such as torch's `uniform_` or
/// `normal_`. Each method receives the array it was looked up on.
public struct ArrayMethods: @unchecked Sendable {
  public var methods: [String: (ArrayObject, Arguments) throws -> Value]
  public var signatures: [String: Signature]
  /// Attributes that are values, not methods (torch's `t.grad`, `t.requires_grad`).
  public var properties: [String: (ArrayObject) throws -> Value] = [:]
  /// The framework state the arrays belong to (torch's autograd tape), held weakly.
  public weak var context: AnyObject?

  public init() {
    methods = [:]
    signatures = [:]
  }

  /// Adds a method from its Python signature (without `self`).
  public mutating func define(_ signature: String, _ body: @escaping (ArrayObject, BoundArguments) throws -> Value) {
    let parsed = Signature(signature)
    signatures[parsed.name] = parsed
    methods[parsed.name] = { array, arguments in try body(array, try parsed.bind(arguments)) }
  }
}

/// A NumPy array or a framework tensor: a ``Tensor`` with identity, so
/// in-place operations (`shuffle(x)`, `t.uniform_(a, b)`) are seen by every
/// reference.
///
/// ```swift
/// let x = ArrayObject(Tensor(shape: [3], int64: [0, 1, 2]), kind: .numpy)
/// try x.attribute("shape")   // (3,)
/// ```
public final class ArrayObject: PythonObject {
  public var tensor: Tensor
  public let kind: ArrayKind
  public let methods: ArrayMethods
  /// The framework's autograd record of this array (torch: how it was made, or its `.grad` as a leaf).
  public var autograd: AnyObject?
  /// NumPy's memory sharing: the array that owns the memory this one views (never itself a
  /// view) and where this array's elements lie in it; nil for an array that owns its memory.
  /// Writes through either side reach the other (see `NumPyViews`).
  var viewed: (owner: ArrayObject, layout: StridedLayout)?
  /// The live views of this array, when it owns its memory.
  var views: [WeakArray] = []
  /// Set when another framework shares this array's memory (`torch.from_numpy`), whose later
  /// writes into it the engine would not see: NumPy writes into it are refused, naming the sharer.
  public var sharedWith: String?

  public init(_ tensor: Tensor, kind: ArrayKind, methods: ArrayMethods = ArrayMethods()) {
    self.tensor = tensor
    self.kind = kind
    self.methods = methods
  }

  public var typeName: String { kind.rawValue }
  public var repr: String {
    if let scalar = numpyScalarText {
      return kind == .jax ? "Array(\(scalar), dtype=\(tensor.dtype.rawValue))" : "np.\(tensor.dtype.rawValue)(\(scalar))"
    }
    if kind == .torch {
      let text = TorchTensorFormat.repr(tensor, autograd: (autograd as? CustomStringConvertible)?.description)
      return (autograd as? TorchTape.Leaf)?.isParameter == true ? "Parameter containing:\n" + text : text
    }
    return "\(kind == .numpy ? "array" : "tensor")(shape=\(tensor.arrayShape), dtype=\(tensor.dtype.rawValue))"
  }

  /// `str()` of a NumPy scalar (a 0-d float32 array prints `15.800514`) or of a 0-d JAX array,
  /// which prints the same way; nil for other arrays.
  public var numpyScalarText: String? {
    guard kind == .numpy || kind == .jax, tensor.dtype.elementAxes == 0, tensor.shape.isEmpty, tensor.count == 1 else { return nil }
    switch tensor.storage {
    case .float(let v): return PythonFloat.repr(float32: v[0])
    case .double(let v): return PythonFloat.repr(v[0])
    case .int(let v): return String(v[0])
    case .unsigned(let v): return String(v[0])
    case .bool(let v): return v[0] ? "True" : "False"
    case .big(let v): return v[0].description
    }
  }
  public var isTruthy: Bool {
    // A one-element JAX or NumPy array is as true as its element (`if loss < 0.5:`); NumPy refuses
    // other sizes (`Truth`).
    if kind == .jax || kind == .numpy, tensor.count == 1, tensor.dtype.elementAxes == 0 { return tensor.element(0).isTruthy }
    return tensor.count > 0
  }

  public func attribute(_ name: String) throws -> Value? {
    switch name {
    case "shape": return .tuple(tensor.arrayShape.map { .int(PythonInt($0)) })
    case "dtype": return .dtype(tensor.dtype)
    case "ndim": return .int(PythonInt(tensor.arrayShape.count))
    case "size" where kind == .numpy: return .int(PythonInt(tensor.count))
    case "tolist" where methods.methods["tolist"] == nil && tensor.dtype.elementAxes == 0:
      return .object(BuiltinFunction(signature: Signature("tolist()")) { [tensor] _ in Self.pythonList(tensor) })
    case "item" where methods.methods["item"] == nil && tensor.dtype.elementAxes == 0:
      return .object(BuiltinFunction(signature: Signature("item()")) { [tensor] args in
        guard tensor.count == 1 else {
          throw EvaluationError("can only convert an array of size 1 to a Python scalar", at: args.callRange, type: "ValueError")
        }
        return tensor.element(0)
      })
    default:
      if let property = methods.properties[name] { return try property(self) }
      guard let method = methods.methods[name] else { return nil }
      return .object(BoundMethod(name: name, receiver: self, body: method))
    }
  }

  public var attributeNames: [String] { ["dtype", "ndim", "shape"] + methods.methods.keys.sorted() }

  /// `a.tolist()`: nested lists of Python scalars (a float32 widens to the float64 it is).
  static func pythonList(_ tensor: Tensor) -> Value {
    let shape = tensor.shape
    guard !shape.isEmpty else { return tensor.element(0) }
    func build(_ axis: Int, _ offset: Int) -> Value {
      let stride = shape[(axis + 1)...].reduce(1, *)
      if axis == shape.count - 1 { return .object(ListObject((0..<shape[axis]).map { tensor.element(offset + $0) })) }
      return .object(ListObject((0..<shape[axis]).map { build(axis + 1, offset + $0 * stride) }))
    }
    return build(0, 0)
  }

}

/// A reference to an array that does not keep it alive (a NumPy array's list of its views).
struct WeakArray {
  weak var array: ArrayObject?
}

/// A method looked up on an object, waiting to be called.
public final class BoundMethod: PythonObject {
  public let name: String
  let receiver: ArrayObject
  let body: (ArrayObject, Arguments) throws -> Value

  init(name: String, receiver: ArrayObject, body: @escaping (ArrayObject, Arguments) throws -> Value) {
    self.name = name
    self.receiver = receiver
    self.body = body
  }

  public var typeName: String { "method" }
  public var repr: String { "<bound method \(name)>" }
  public func call(_ arguments: Arguments) throws -> Value { try body(receiver, arguments) }
}
