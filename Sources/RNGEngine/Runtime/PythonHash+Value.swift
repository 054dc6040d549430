import PythonSubset

extension PythonHash {
  /// `hash(v)`, or nil when `v` is unhashable (a list, dict or set).
  ///
  /// ```swift
  /// PythonHash.hash(Value.bool(true))                      // 1, as hash(1)
  /// PythonHash.hash(Value.tuple([.int(1), .string("a")]))   // CPython's tuple hash
  /// PythonHash.hash(Value.object(ListObject([])))           // nil
  /// ```
  ///
  /// Values CPython hashes by identity (`None`, functions, framework
  /// objects) get a stand-in from their type and repr: stable within a run,
  /// as an identity hash is, but not CPython's number.
  package static func hash(_ v: Value) -> Int64? {
    switch v {
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return hash(i)
    case .float(let d): return hash(d)
    case .string(let s): return hash(s)
    case .bytes(let b): return hash(bytes: b)
    case .tuple(let items):
      var hashes: [Int64] = []
      hashes.reserveCapacity(items.count)
      for item in items {
        guard let h = hash(item) else { return nil }
        hashes.append(h)
      }
      return hash(tuple: hashes)
    case .object(let o) where o is ListObject || o is DictObject || o is SetObject:
      return nil
    case .none, .dtype, .object:
      return standIn(v.typeName + ":" + v.repr)
    }
  }

  /// Whether `a` and `b` are the same key: equal numbers across bool, int
  /// and float (`1 == 1.0 == True`), otherwise the same type and repr.
  package static func sameKey(_ a: Value, _ b: Value) -> Bool {
    if let x = number(a), let y = number(b) { return x == y }
    return a.typeName == b.typeName && a.repr == b.repr
  }

  private enum Number: Equatable {
    case int(PythonInt)
    case float(Double)
    static func == (a: Number, b: Number) -> Bool {
      switch (a, b) {
      case (.int(let x), .int(let y)): return x == y
      case (.float(let x), .float(let y)): return x == y
      case (.int(let i), .float(let d)), (.float(let d), .int(let i)):
        guard d.isFinite, d.rounded(.towardZero) == d else { return false }
        if let n = Int64(exactly: d) { return i.int64 == n }
        return i.double == d  // beyond 2⁶³: close enough for set keys
      }
    }
  }

  private static func number(_ v: Value) -> Number? {
    switch v {
    case .bool(let b): return .int(PythonInt(b ? 1 : 0))
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    default: return nil
    }
  }

  private static func standIn(_ text: String) -> Int64 {
    final(Int64(bitPattern: SipHash13.hash(Array(text.utf8), k0: 0x7267_6e64_6966_6600, k1: 0)))
  }
}
