import PythonSubset

/// A torch function whose shape comes as `*size` or as `size=`:
/// `rand(2, 3)`, `rand((2, 3))`, `rand([2, 3])` and `rand(size=(2, 3))` are
/// the same call, as in PyTorch. The body receives the bound arguments and
/// the checked shape.
///
/// ```swift
/// let rand = TorchSizedFunction("rand(*size, generator=None, dtype=None)") { args, shape in … }
/// ```
///
/// Edge cases: no size is a 0-d tensor (`rand()`); `size=` must be a tuple
/// or list (`rand(size=3)` is refused, as PyTorch refuses it); bools and
/// floats are not dimensions; a negative dimension gets PyTorch's message.
final class TorchSizedFunction: PythonObject {
  let signature: Signature
  let body: (BoundArguments, [Int]) throws -> Value

  /// - Precondition: `signature` starts with `*size`.
  init(_ signature: String, body: @escaping (BoundArguments, [Int]) throws -> Value) {
    self.signature = Signature(signature)
    precondition(self.signature.parameters.first?.kind == .variadic, "\(signature) takes *size first")
    self.body = body
  }

  var typeName: String { "builtin_function_or_method" }
  var repr: String { "<built-in method \(signature.name) of type object>" }

  func call(_ arguments: Arguments) throws -> Value {
    var arguments = arguments
    let function = signature.name
    var sizeKeyword: Located<Value>?
    if let i = arguments.keywords.firstIndex(where: { $0.name == "size" }) {
      sizeKeyword = arguments.keywords.remove(at: i).value
    }
    let bound = try signature.bind(arguments)
    let shape: [Int]
    if let sizeKeyword {
      if let first = bound.extraPositional.first {
        throw EvaluationError("\(function)() got the size twice, as positional arguments and as size=; accepted: \(signature.text)", at: first.range)
      }
      shape = try BoundArguments.torchShape(sizeKeyword, function: function, parameter: "size")
    } else if bound.extraPositional.count == 1, Self.isSequence(bound.extraPositional[0].value) {
      shape = try BoundArguments.torchShape(bound.extraPositional[0], function: function, parameter: "size")
    } else {
      var dims: [Int] = []
      for item in bound.extraPositional {
        var isBool = false
        if case .bool = item.value { isBool = true }
        guard !isBool, let i = BoundArguments.asInt(item.value) else {
          throw EvaluationError(
            "\(function)() argument 'size' must be ints or one tuple of ints, got \(item.value.typeName) \(item.value.repr)", at: item.range)
        }
        guard let n = i.int else { throw EvaluationError("\(function)() argument 'size' has a dimension too large: \(i)", at: item.range) }
        dims.append(n)
      }
      // A negative dimension is reported at its own argument.
      let range = dims.firstIndex { $0 < 0 }.map { bound.extraPositional[$0].range }
        ?? bound.extraPositional.first?.range ?? bound.callRange
      shape = try BoundArguments.checkedShape(dims, at: range)
    }
    return try body(bound, shape)
  }

  private static func isSequence(_ v: Value) -> Bool {
    if case .tuple = v { return true }
    if case .object(let o) = v, o is ListObject { return true }
    return false
  }
}
