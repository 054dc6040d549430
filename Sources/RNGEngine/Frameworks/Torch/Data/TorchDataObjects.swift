import PythonSubset

/// A `torch.utils.data` object a script may subclass (`class D(Dataset)`,
/// `class S(Sampler)`): an instance whose Swift side is filled in by its
/// class's native `__init__`, and which a `for` loop walks lazily when it is
/// iterable.
///
/// A subclass that defines its own `__iter__` or `__getitem__` is walked
/// through them, as in Python.
class TorchDataInstance: InstanceObject, PythonIterable {
  let context: TorchDataContext
  /// `len(obj)`; nil for objects without a length.
  var length: (() throws -> Int)?
  /// A fresh pass over the object's items; nil for objects that are not iterable natively.
  var items: ((SourceRange) throws -> () throws -> Value?)?
  /// Native attributes (`indices`, `dataset`, `batch_size`).
  var attributes: [String: Value] = [:]
  /// The consumer of a sampler's draws once a loader iterates it (`@torchdata1@.sampler`).
  var consumerPath: String?

  required init(class cls: ClassObject, context: TorchDataContext) {
    self.context = context
    super.init(class: cls)
  }

  override func nativeAttribute(_ name: String) throws -> Value? { attributes[name] }

  func makeIterator(at range: SourceRange) throws -> any PythonIterator {
    if let user = pythonClass.lookup("__iter__"), !(isNative(user)) {
      _ = user
      let value = try callDunder("__iter__", [], at: range) ?? .none
      return ListIterator(try TorchDataContext.items(of: value, at: range))
    }
    if let items {
      // Like a Python generator, the pass starts at the first next(): a sampler draws
      // its permutation then, after the DataLoader's base seed.
      var started: (() throws -> Value?)?
      return ClosureIterator {
        if started == nil { started = try items(range) }
        return try started?()
      }
    }
    if pythonClass.lookup("__getitem__") != nil {
      let n = try length?() ?? context.length(of: .object(self), at: range)
      var i = 0
      return ClosureIterator { [self] in
        guard i < n else { return nil }
        defer { i += 1 }
        return try context.item(of: .object(self), i, at: range)
      }
    }
    throw EvaluationError("'\(typeName)' object is not iterable", at: range, type: "TypeError")
  }

  private func isNative(_ value: Value) -> Bool {
    if case .object(let o) = value { return o is BuiltinFunction }
    return false
  }
}

/// An iterator over a closure that gives nil at the end.
final class ClosureIterator: PythonIterator {
  let body: () throws -> Value?
  init(_ body: @escaping () throws -> Value?) { self.body = body }
  func next(at range: SourceRange) throws -> Value? { try body() }
}

/// An iterator over items already made.
final class ListIterator: PythonIterator {
  var items: [Value]
  var index = 0
  init(_ items: [Value]) { self.items = items }
  func next(at range: SourceRange) throws -> Value? {
    guard index < items.count else { return nil }
    defer { index += 1 }
    return items[index]
  }
}

extension TorchDataContext {
  /// The items of an iterable a sampler argument may be: a native sampler,
  /// a class with `__iter__`, a list, tuple or range.
  static func items(of value: Value, at range: SourceRange) throws -> [Value] {
    if case .object(let o as any PythonIterable) = value { return try o.drain(at: range, limit: 100_000_000) }
    if case .object(let o as InstanceObject) = value, let v = try o.callDunder("__iter__", [], at: range) {
      return try items(of: v, at: range)
    }
    if let items = Builtins.items(of: value) { return items }
    throw EvaluationError("'\(value.typeName)' object is not iterable", at: range, type: "TypeError")
  }

  /// A lazy pass over a sampler argument.
  static func iterator(of value: Value, at range: SourceRange) throws -> any PythonIterator {
    if case .object(let o as any PythonIterable) = value { return try o.makeIterator(at: range) }
    return ListIterator(try items(of: value, at: range))
  }

  /// `len(sampler)`.
  static func count(of value: Value, at range: SourceRange) throws -> Int {
    if case .object(let o as TorchDataInstance) = value, let length = o.length { return try length() }
    if case .object(let o as InstanceObject) = value, case .int(let n)? = try o.callDunder("__len__", [], at: range), let c = n.int {
      return c
    }
    if let items = Builtins.items(of: value) { return items.count }
    throw EvaluationError("object of type '\(value.typeName)' has no len()", at: range, type: "TypeError")
  }

  /// Calls a Python callable with positional arguments.
  static func call(_ function: Value, _ positional: [Value], at range: SourceRange) throws -> Value {
    var arguments = Arguments(callRange: range, calleeRange: range)
    arguments.positional = positional.map { Located($0, range) }
    return try ClassObject.callValue(function, arguments)
  }
}
