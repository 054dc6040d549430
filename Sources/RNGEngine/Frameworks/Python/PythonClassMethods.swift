/// The methods of one framework class (`random.Random`,
/// `numpy.random.RandomState`, `numpy.random.Generator`), each defined once
/// by its Python signature and bound to an instance when looked up.
///
/// Binding on lookup keeps objects free of reference cycles, and a method
/// looked up and kept (`f = rng.random`) keeps its instance alive, as a
/// Python bound method does. The module-level functions of `random` and
/// `numpy.random` are such bound methods of the hidden global instance.
///
/// ```swift
/// var methods = PythonClassMethods<RandomObject>()
/// methods.define("random()") { receiver, _ in .float(receiver.stream.random()) }
/// methods.bound("random", to: instance)      // a BuiltinFunction, or nil
/// ```
struct PythonClassMethods<Receiver: AnyObject>: Sendable {
  typealias Body = @Sendable (Receiver, BoundArguments) throws -> Value

  private var entries: [String: (signature: Signature, body: Body)] = [:]

  init() {}

  /// Adds a method from its Python signature (without `self`).
  mutating func define(_ signature: String, _ body: @escaping Body) {
    let parsed = Signature(signature)
    entries[parsed.name] = (parsed, body)
  }

  /// The method names, sorted.
  var names: [String] { entries.keys.sorted() }

  /// The method `name` bound to `receiver`, or nil when there is none.
  func bound(_ name: String, to receiver: Receiver) -> Value? {
    guard let entry = entries[name] else { return nil }
    return .object(BuiltinFunction(signature: entry.signature) { arguments in try entry.body(receiver, arguments) })
  }

  /// Every method bound to `receiver`, by name.
  func all(boundTo receiver: Receiver) -> [String: Value] {
    var out: [String: Value] = [:]
    for name in entries.keys { out[name] = bound(name, to: receiver) }
    return out
  }
}
