/// A Python `set`, laid out as CPython 3.11 lays it out, so that iterating
/// it (`for x in s`, `list(s)`, `print(s)`) gives CPython's order.
///
/// CPython keeps a set in an open-addressing table of 8, 16, 32, … slots:
/// a key goes to slot `hash & mask`, or, when that is taken, to the first
/// free one of the next 9 slots (`LINEAR_PROBES`, when they fit before the
/// end of the table), then to `i·5 + 1 + perturb` with `perturb` the hash
/// shifted right 5 bits more each time. The table grows to the smallest
/// size above 4·used (2·used past 50,000) when 5·fill reaches 3·mask;
/// a removed key leaves a dummy, which the next insertion whose probe passes
/// it reuses (once the key is known to be absent). Iteration reads
/// the table from slot 0. An `int`'s hash is its value (mod 2⁶¹ − 1), so
/// small ints come out ascending; a `str`'s hash is keyed by the run's
/// ``PythonHashSecret``, so string order changes with `PYTHONHASHSEED`.
///
/// ```swift
/// SetObject([.int(3), .int(1), .int(2)]).elements   // [1, 2, 3]
/// SetObject([.int(8), .int(0)]).elements            // [8, 0]: 8 & 7 == 0 came first
/// ```
///
/// Edge cases: the interpreter refuses unhashable members (a list) with
/// CPython's `TypeError` before they reach the table (here they would get a
/// stand-in hash); keys equal across types (`1`, `1.0`, `True`) are one
/// key, the first one kept, as in CPython.
public final class SetObject: PythonObject {
  struct Slot {
    /// nil: never used (or a dummy, when `hash == dummyHash`).
    var key: Value?
    var hash: Int64
  }

  /// A removed key's slot: no key, hash -1 (never a real hash).
  static let dummyHash: Int64 = -1
  static let minimumSize = 8
  static let linearProbes = 9
  static let perturbShift: UInt64 = 5

  private var table: [Slot]
  /// Slots in use or dummy.
  private var fill = 0
  /// Slots in use (the set's length).
  private(set) var used = 0

  /// A `frozenset`: the same table, no mutating methods.
  public let isFrozen: Bool

  /// A set built as `set(iterable)` builds it: adding each value in order.
  public init(_ elements: [Value] = [], frozen: Bool = false) {
    isFrozen = frozen
    table = Array(repeating: Slot(key: nil, hash: 0), count: Self.minimumSize)
    for e in elements { insert(e) }
  }

  /// The members in iteration order (table order). Reading them is
  /// iterating the set: a run's ``PythonHash/OrderWitness`` notes the first
  /// time the order depended on the string hash.
  public var elements: [Value] {
    let keys = members
    if let witness = PythonHash.witness, witness.first == nil, keys.contains(where: PythonHash.dependsOnSecret) {
      witness.note()
    }
    return keys
  }

  /// The members in table order, for the engine's own use (not an iteration
  /// by the script: the witness is not told).
  var members: [Value] { table.compactMap(\.key) }

  /// `len(s)`.
  public var count: Int { used }

  public var typeName: String { isFrozen ? "frozenset" : "set" }
  public var repr: String {
    ReprGuard.render(self, placeholder: "\(typeName)(...)") {
      let members = "{" + elements.map(\.repr).joined(separator: ", ") + "}"
      if isFrozen { return used == 0 ? "frozenset()" : "frozenset(\(members))" }
      return used == 0 ? "set()" : members
    }
  }
  public var isTruthy: Bool { used > 0 }

  private var mask: Int { table.count - 1 }
  /// Table slots (8, 16, 32, …) and slots used or dummy, for ``reserve(adding:)``.
  var capacity: Int { table.count }
  var fillCount: Int { fill }
  func growTable(toFit minimumUsed: Int) { resize(minimumUsed) }

  static func hash(_ v: Value) -> Int64 {
    PythonHash.hash(v) ?? PythonHash.hash("<unhashable " + v.typeName + ">" + v.repr)
  }

  /// The slots a key with `hash` visits, in CPython's order (an endless sequence).
  private func probe(_ hash: Int64, _ visit: (Int) -> Bool) {
    let mask = UInt64(self.mask)
    var perturb = UInt64(bitPattern: hash)
    var i = perturb & mask
    while true {
      let probes = i + UInt64(Self.linearProbes) <= mask ? Self.linearProbes : 0
      for j in 0...probes where visit(Int(i) + j) { return }
      perturb >>= Self.perturbShift
      i = (i &* 5 &+ 1 &+ perturb) & mask
    }
  }

  /// The slot holding a key equal to `v`, if any.
  private func find(_ v: Value, hash: Int64) -> Int? {
    var found: Int?
    probe(hash) { i in
      let slot = table[i]
      if slot.key == nil && slot.hash != Self.dummyHash { return true }
      if slot.hash == hash, let key = slot.key, PythonHash.sameKey(key, v) {
        found = i
        return true
      }
      return false
    }
    return found
  }

  public func contains(_ v: Value) -> Bool { find(v, hash: Self.hash(v)) != nil }

  /// `s.add(v)`.
  public func insert(_ v: Value) { insert(v, hash: Self.hash(v)) }

  func insert(_ v: Value, hash: Int64) {
    var free = 0
    var dummy: Int?
    var present = false
    probe(hash) { i in
      let slot = table[i]
      if slot.key == nil {
        // A dummy is remembered (the first one is reused); an unused slot ends the search.
        if slot.hash == Self.dummyHash {
          if dummy == nil { dummy = i }
          return false
        }
        free = i
        return true
      }
      if slot.hash == hash, let key = slot.key, PythonHash.sameKey(key, v) {
        present = true
        return true
      }
      return false
    }
    if present { return }
    if let dummy {
      table[dummy] = Slot(key: v, hash: hash)
      used += 1
      return
    }
    table[free] = Slot(key: v, hash: hash)
    fill += 1
    used += 1
    if fill * 5 >= mask * 3 { resize(used > 50_000 ? used * 2 : used * 4) }
  }

  /// Rebuilds the table with the smallest size above `minimumUsed`, keys
  /// reinserted in old-table order (dummies dropped).
  private func resize(_ minimumUsed: Int) {
    var size = Self.minimumSize
    while size <= minimumUsed { size <<= 1 }
    let old = table
    table = Array(repeating: Slot(key: nil, hash: 0), count: size)
    fill = 0
    used = 0
    for slot in old { if let key = slot.key { insertClean(key, hash: slot.hash) } }
  }

  /// Puts a key known to be absent in the first free slot of its probe sequence.
  private func insertClean(_ v: Value, hash: Int64) {
    probe(hash) { i in
      guard table[i].key == nil else { return false }
      table[i] = Slot(key: v, hash: hash)
      return true
    }
    fill += 1
    used += 1
  }

  /// `s.update(other)` for another set (also `set(other)` and a constant
  /// display's frozenset): one resize up front, then the other's keys in its
  /// table order — copied slot for slot when this set is empty and the
  /// tables have the same size.
  public func merge(_ other: SetObject) {
    guard other !== self, other.used > 0 else { return }
    if (fill + other.used) * 5 >= mask * 3 { resize((used + other.used) * 2) }
    if fill == 0 && mask == other.mask && other.fill == other.used {
      table = other.table
      fill = other.fill
      used = other.used
    } else if fill == 0 {
      for slot in other.table { if let key = slot.key { insertClean(key, hash: slot.hash) } }
    } else {
      for slot in other.table { if let key = slot.key { insert(key, hash: slot.hash) } }
    }
  }

  /// `s.discard(v)`; whether `v` was there. Leaves a dummy; never shrinks.
  @discardableResult
  public func remove(_ v: Value) -> Bool {
    guard let i = find(v, hash: Self.hash(v)) else { return false }
    table[i] = Slot(key: nil, hash: Self.dummyHash)
    used -= 1
    return true
  }

  /// `s.clear()`: back to an empty table of 8 slots.
  public func removeAll() {
    table = Array(repeating: Slot(key: nil, hash: 0), count: Self.minimumSize)
    fill = 0
    used = 0
  }
}
