import NumPyStreams
import PythonSubset
import RNGBits
import RNGStreams

/// `np.random.MT19937(seed)`, `PCG64`, `PCG64DXSM`, `Philox`, `SFC64`: a bit
/// generator seeded through `SeedSequence`, to be wrapped by `RandomState(...)`
/// or `Generator(...)`.
///
/// ```python
/// np.random.RandomState(np.random.MT19937(5)).random(3)
/// bg = np.random.Philox(7); bg.advance(10); np.random.Generator(bg).poisson(3.0, 4)
/// np.random.SFC64(1).spawn(2); np.random.PCG64(1).jumped().random_raw(2)
/// ```
///
/// rngdiff wraps every one of them in `Generator` and in `RandomState`.
/// As in NumPy, a wrapper and its bit generator share one state: after
/// `Generator(bg)` or `RandomState(bg)`, `bg.state`, `bg.random_raw()` and
/// `bg.advance(...)` see and move the wrapper's stream
/// (``NumPyBitGeneratorOwner``). A second wrapper of the same object is
/// refused (NumPy would interleave the two).
///
/// Edge cases: `random_raw`, `advance` and `jumped` are not reported as
/// draws; `MT19937.jumped` takes at most 1000 jumps (each is a
/// 19937-term polynomial evaluation); `state` can be read and assigned
/// (NumPyBitGeneratorObject+StateAssignment.swift).
final class NumPyBitGeneratorObject: PythonObject {
  enum Kind: String, CaseIterable {
    case mt19937 = "MT19937"
    case pcg64 = "PCG64"
    case pcg64dxsm = "PCG64DXSM"
    case philox = "Philox"
    case sfc64 = "SFC64"
  }

  let kind: Kind
  let seedSequenceObject: NumPySeedSequenceObject
  let seedText: String
  var wrapped = false
  /// How many times a script assigned `state` (names the restored streams).
  var assignments = 0
  /// The state while no wrapper holds it.
  private var ownBits: NumPyAnyBitGenerator
  /// The Generator or RandomState sharing this state, once wrapped.
  weak var owner: (any NumPyBitGeneratorOwner)?

  var seedSequence: SeedSequence { seedSequenceObject.sequence }

  init(kind: Kind, seedSequenceObject: NumPySeedSequenceObject, seedText: String, bits: NumPyAnyBitGenerator? = nil) {
    self.kind = kind
    self.seedSequenceObject = seedSequenceObject
    self.seedText = seedText
    ownBits = bits ?? Self.fresh(kind, seedSequenceObject.sequence)
  }

  /// The live state: the wrapper's, or this object's own.
  var bits: NumPyAnyBitGenerator {
    get { owner?.sharedBits ?? ownBits }
    set {
      if let owner { owner.sharedBits = newValue } else { ownBits = newValue }
    }
  }

  var typeName: String { "numpy.random.\(kind.rawValue)" }
  var repr: String { "\(kind.rawValue)(\(seedText))" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "state": return .object(Self.stateDict(bits))
    case "seed_seq": return .object(seedSequenceObject)
    case "jumped" where kind == .sfc64, "advance" where kind == .sfc64 || kind == .mt19937: return nil
    default: return Self.methods.bound(name, to: self)
    }
  }

  var attributeNames: [String] {
    let unsupported: Set<String> =
      kind == .sfc64 ? ["jumped", "advance"] : kind == .mt19937 ? ["advance"] : []
    return (["state", "seed_seq"] + Self.methods.names.filter { !unsupported.contains($0) }).sorted()
  }

  /// A fresh bit generator of this kind from the seed sequence.
  static func fresh(_ kind: Kind, _ sequence: SeedSequence) -> NumPyAnyBitGenerator {
    switch kind {
    case .mt19937: return .mt19937(MT19937(seedSequence: sequence))
    case .pcg64: return .pcg64(PCG64(seedSequence: sequence))
    case .pcg64dxsm: return .pcg64dxsm(PCG64DXSM(seedSequence: sequence))
    case .philox: return .philox(Philox4x64(seedSequence: sequence))
    case .sfc64: return .sfc64(SFC64(seedSequence: sequence))
    }
  }

  /// The constructor `MT19937(seed=None)`, `PCG64(seed=None)`, …; `seed` is
  /// an int, a sequence of ints or a `SeedSequence` (shared, so its
  /// `spawn` count is the bit generator's).
  static func constructor(_ kind: Kind) -> Value {
    .object(BuiltinFunction(signature: Signature("\(kind.rawValue)(seed=None)")) { args in
      let value = args.value("seed") ?? .none
      if value.isNone {
        throw args.error("seed", "rngdiff needs an explicit seed for \(kind.rawValue)(...); None would seed from operating-system entropy")
      }
      if case .object(let o) = value, let given = o as? NumPySeedSequenceObject {
        return .object(NumPyBitGeneratorObject(kind: kind, seedSequenceObject: given, seedText: given.repr))
      }
      let sequence = try args.framework { try NumPySeeds.seedSequence(value) }
      let seed = NumPySeedSequenceObject(entropyValue: value, spawnKey: [], sequence: sequence)
      return .object(NumPyBitGeneratorObject(kind: kind, seedSequenceObject: seed, seedText: value.repr))
    })
  }

  /// Marks the object as wrapped; throws when it already was.
  func claim(by wrapper: String, _ args: BoundArguments, _ name: String) throws {
    if wrapped {
      throw args.error(
        name,
        "this \(kind.rawValue) object is already used by another RandomState or Generator; NumPy would share its state between them, which rngdiff does not emulate: create a new \(kind.rawValue)(...) for \(wrapper)")
    }
    wrapped = true
  }

  static let methods: PythonClassMethods<NumPyBitGeneratorObject> = {
    var m = PythonClassMethods<NumPyBitGeneratorObject>()
    m.define("random_raw(size=None, output=True)") { b, args in
      let size = try NumPyArguments.size(args)
      let n = try NumPyArguments.count(size ?? [], at: args.callRange)
      var bits = b.bits
      let words: [UInt64] = (0..<n).map { _ in bits.rawWord() }
      b.bits = bits
      guard (args.value("output") ?? .bool(true)).isTruthy else { return .none }
      // NumPy returns a Python int for size=None.
      guard let size else { return .int(PythonInt(words[0])) }
      return NumPyResult.array(Tensor(dtype: .uint64, shape: size, storage: .unsigned(words)))
    }
    m.define("jumped(jumps=1)") { b, args in
      guard let jumps = BoundArguments.asInt(args.value("jumps") ?? .int(PythonInt(1))), !jumps.isNegative else {
        throw args.error("jumps", "jumps must be a non-negative integer")
      }
      if b.kind == .mt19937, jumps > PythonInt(1000) {
        throw args.error("jumps", "rngdiff emulates MT19937.jumped for at most 1000 jumps (each one evaluates a 19937-term polynomial), got \(jumps)")
      }
      guard let jumped = b.bits.jumped(NumPyBitGeneratorObject.uint128(jumps)) else {
        throw args.error("jumps", "\(b.kind.rawValue) has no jumped()")
      }
      return .object(NumPyBitGeneratorObject(kind: b.kind, seedSequenceObject: b.seedSequenceObject, seedText: b.seedText, bits: jumped))
    }
    m.define("advance(delta)") { b, args in
      guard let delta = BoundArguments.asInt(args.value("delta") ?? .none) else {
        throw args.error("delta", "delta must be an integer")
      }
      var bits = b.bits
      bits.advance(words: NumPyBitGeneratorObject.words64(delta, count: 4))
      b.bits = bits
      return .object(b)
    }
    m.define("spawn(n_children)") { b, args in
      guard let n = BoundArguments.asInt(args.value("n_children") ?? .none)?.int64, n >= 0 else {
        throw args.error("n_children", "n_children must be a non-negative integer")
      }
      let count = try NumPyArguments.count([Int(n)], at: args.range("n_children"))
      let children = b.seedSequenceObject.spawn(count).map { child in
        Value.object(NumPyBitGeneratorObject(kind: b.kind, seedSequenceObject: child, seedText: child.repr))
      }
      return .object(ListObject(children))
    }
    return m
  }()

  /// The low `count` 64-bit words of `value` mod 2^(64·count), two's
  /// complement for negative values (NumPy's `wrap_int`).
  static func words64(_ value: PythonInt, count: Int) -> [UInt64] {
    var words32 = value.words32 + [UInt32](repeating: 0, count: max(0, 2 * count - value.words32.count))
    words32 = Array(words32.prefix(2 * count))
    var words = (0..<count).map { UInt64(words32[2 * $0]) | UInt64(words32[2 * $0 + 1]) << 32 }
    if value.isNegative {
      var carry = true
      for i in words.indices {
        words[i] = ~words[i]
        if carry { (words[i], carry) = words[i].addingReportingOverflow(1) }
      }
    }
    return words
  }

  static func uint128(_ value: PythonInt) -> UInt128 {
    let w = words64(value, count: 2)
    return UInt128(w[1]) << 64 | UInt128(w[0])
  }

  /// `bit_generator.state` of `bits`, as NumPy prints it.
  static func stateDict(_ bits: NumPyAnyBitGenerator) -> DictObject {
    func int(_ v: UInt64) -> Value { .int(PythonInt(v)) }
    func wide(_ high: UInt64, _ low: UInt64) -> Value {
      .int(PythonInt(negative: false, magnitude: Self.trimmed([UInt32(truncatingIfNeeded: low), UInt32(truncatingIfNeeded: low >> 32), UInt32(truncatingIfNeeded: high), UInt32(truncatingIfNeeded: high >> 32)])))
    }
    func words(_ v: [UInt64]) -> Value { NumPyResult.array(Tensor(dtype: .uint64, shape: [v.count], storage: .unsigned(v))) }
    func half(_ cached: UInt32?, _ kept: UInt32) -> [(key: Value, value: Value)] {
      [(.string("has_uint32"), int(cached == nil ? 0 : 1)), (.string("uinteger"), int(UInt64(kept)))]
    }
    var entries: [(key: Value, value: Value)] = [(.string("bit_generator"), .string(bits.numpyName))]
    switch bits {
    case .mt19937(let g):
      let key = NumPyResult.array(Tensor(shape: [g.state.count], int64: g.state.map(Int64.init), dtype: .uint32))
      entries.append((.string("state"), .object(DictObject([(.string("key"), key), (.string("pos"), .int(PythonInt(g.position)))]))))
    case .pcg64(let g):
      entries.append((.string("state"), .object(DictObject([(.string("state"), wide(g.state.high, g.state.low)), (.string("inc"), wide(g.increment.high, g.increment.low))]))))
      entries += half(g.cachedUInt32, g.keptHalfWord)
    case .pcg64dxsm(let g):
      entries.append((.string("state"), .object(DictObject([(.string("state"), wide(g.state.high, g.state.low)), (.string("inc"), wide(g.increment.high, g.increment.low))]))))
      entries += half(g.cachedUInt32, g.keptHalfWord)
    case .philox(let g):
      let counter = [g.counter[0], g.counter[1], g.counter[2], g.counter[3]]
      entries.append((.string("state"), .object(DictObject([(.string("counter"), words(counter)), (.string("key"), words([g.key[0], g.key[1]]))]))))
      entries.append((.string("buffer"), words([g.buffer[0], g.buffer[1], g.buffer[2], g.buffer[3]])))
      entries.append((.string("buffer_pos"), .int(PythonInt(g.bufferPosition))))
      entries += half(g.cachedUInt32, g.keptHalfWord)
    case .sfc64(let g):
      entries.append((.string("state"), .object(DictObject([(.string("state"), words([g.words.a, g.words.b, g.words.c, g.counter]))]))))
      entries += half(g.cachedUInt32, g.keptHalfWord)
    }
    return DictObject(entries)
  }

  private static func trimmed(_ words: [UInt32]) -> [UInt32] {
    var w = words
    while let last = w.last, last == 0 { w.removeLast() }
    return w
  }
}

extension NumPyAnyBitGenerator {
  /// `random_raw()`: one 32-bit word for MT19937, one 64-bit output for the others.
  mutating func rawWord() -> UInt64 {
    if case .mt19937(var g) = self {
      let word = UInt64(g.next())
      self = .mt19937(g)
      return word
    }
    return nextUInt64()
  }

  /// `jumped(jumps)`, or nil for SFC64 (which has none); MT19937 takes
  /// jumps that fit in an `Int` (the caller bounds them).
  func jumped(_ jumps: UInt128) -> NumPyAnyBitGenerator? {
    switch self {
    case .sfc64: return nil
    case .mt19937(let g): return jumps <= UInt128(Int.max) ? .mt19937(g.jumped(Int(jumps))) : nil
    case .pcg64(let g): return .pcg64(g.jumped(jumps))
    case .pcg64dxsm(let g): return .pcg64dxsm(g.jumped(jumps))
    case .philox(let g): return .philox(g.jumped(jumps))
    }
  }

  /// `advance(delta)` with `delta` as little-endian 64-bit words (mod 2^128
  /// for the PCG64 family, 2^256 for Philox); nothing for the others.
  mutating func advance(words: [UInt64]) {
    switch self {
    case .pcg64(var g):
      g.advance(UInt128(words[1]) << 64 | UInt128(words[0]))
      self = .pcg64(g)
    case .pcg64dxsm(var g):
      g.advance(UInt128(words[1]) << 64 | UInt128(words[0]))
      self = .pcg64dxsm(g)
    case .philox(var g):
      g.advance((words[0], words[1], words[2], words[3]))
      self = .philox(g)
    case .mt19937, .sfc64: break
    }
  }
}
