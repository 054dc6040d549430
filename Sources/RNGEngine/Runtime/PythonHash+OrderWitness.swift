extension PythonHash {
  /// Where a run first let the string hash decide an order: the first
  /// iteration (a `for`, `list(s)`, `print(s)`) of a set holding a `str`
  /// or `bytes` key, whose order then depends on `PYTHONHASHSEED`.
  ///
  /// ```swift
  /// let witness = PythonHash.OrderWitness { "train.py:12" }
  /// PythonHash.$witness.withValue(witness) { _ = SetObject([.string("a")]).elements }
  /// witness.first      // "train.py:12"
  /// ```
  package final class OrderWitness: @unchecked Sendable {
    /// The location of the first such iteration, if any.
    package private(set) var first: String?
    private let location: () -> String?

    /// `location` says where the run is (`"file:line"`) when asked.
    package init(location: @escaping () -> String?) { self.location = location }

    func note() {
      if first == nil { first = location() }
    }
  }

  /// The witness of the run in progress, if it keeps one.
  @TaskLocal package static var witness: OrderWitness?

  /// Whether `v`'s hash depends on the hash secret (a `str` or `bytes`, or a
  /// tuple holding one).
  static func dependsOnSecret(_ v: Value) -> Bool {
    switch v {
    case .string(let s): return !s.isEmpty
    case .bytes(let b): return !b.isEmpty
    case .tuple(let items): return items.contains(where: dependsOnSecret)
    default: return false
    }
  }
}
