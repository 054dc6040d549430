import PythonSubset
import NumPyStreams
import RNGBits
import RNGStreams

/// `bit_generator.state = {...}`: installs a state dict as NumPy's setters
/// read it — usually one saved earlier from `.state` (a checkpoint) or taken
/// from another generator of the same kind.
///
/// ```python
/// rng = np.random.default_rng(1); saved = rng.bit_generator.state
/// rng.random(3); rng.bit_generator.state = saved; rng.random(3)   # the same three values
/// ```
///
/// The stream of the wrapper (`Generator` or `RandomState`) gets a new
/// identity (`<name>/state1`, `/state2`, …, seeded by the assignment) so
/// traces read it as a restore, not a rewind.
///
/// Edge cases: the dict must name this generator's class
/// (`'bit_generator': 'PCG64'`); MT19937 also takes NumPy's legacy tuple
/// `('MT19937', key, pos)`; a `RandomState`'s cached Gaussian survives the
/// assignment, as in NumPy (it is the `RandomState`'s, not the bit generator's).
extension NumPyBitGeneratorObject: AttributeSettable {
  func setAttribute(_ name: String, _ value: Value, at range: SourceRange) throws {
    guard name == "state" else {
      throw EvaluationError("attribute '\(name)' of '\(kind.rawValue)' objects is not writable", at: range, type: "AttributeError")
    }
    let parsed = try NumPyBitGeneratorState(value, kind: kind, at: range)
    bits = parsed.bits
    if let owner {
      assignments += 1
      let old = owner.sharedIdentity
      owner.sharedIdentity = StreamIdentity(
        framework: old.framework, name: "\(old.name)/state\(assignments)", algorithm: old.algorithm,
        seedMaterial: parsed.material, seeding: .explicit(call: "bit_generator.state = {...}"))
      owner.reportSharedSeeding()
    }
  }
}

/// A state dict (or MT19937 legacy tuple) read into a bit generator.
struct NumPyBitGeneratorState {
  let bits: NumPyAnyBitGenerator
  /// What the trace shows as the stream's seed material.
  let material: String

  init(_ value: Value, kind: NumPyBitGeneratorObject.Kind, at range: SourceRange) throws {
    var value = value
    if kind == .mt19937, case .tuple(let items) = value {
      guard items.count == 3 || items.count == 5, case .string("MT19937")? = items.first else {
        throw EvaluationError("state is not a legacy MT19937 state", at: range, type: "ValueError")
      }
      value = .object(DictObject([
        (.string("bit_generator"), .string("MT19937")),
        (.string("state"), .object(DictObject([(.string("key"), items[1]), (.string("pos"), items[2])]))),
      ]))
    }
    guard case .object(let o) = value, let dict = o as? DictObject else {
      throw EvaluationError("state must be a dict", at: range, type: "TypeError")
    }
    guard case .string(kind.rawValue)? = dict[.string("bit_generator")] else {
      throw EvaluationError(Self.wrongKindMessage(kind), at: range, type: "ValueError")
    }
    let reader = Reader(range: range)
    let inner = try reader.dict(dict[.string("state")], "state")
    switch kind {
    case .mt19937:
      let key = try reader.words(inner[.string("key")], "state['key']", count: 624, bits: 32).map { UInt32($0) }
      let pos = try reader.uint(inner[.string("pos")], "state['pos']")
      guard pos <= 624 else { throw reader.fail("state['pos'] must be in 0...624, got \(pos)") }
      bits = .mt19937(MT19937(state: key, position: Int(pos)))
      material = "state(pos=\(pos))"
    case .pcg64, .pcg64dxsm:
      let state = try reader.uint128(inner[.string("state")], "state['state']")
      let inc = try reader.uint128(inner[.string("inc")], "state['inc']")
      let half = try reader.halfWord(dict)
      let s = (high: UInt64(state >> 64), low: UInt64(truncatingIfNeeded: state))
      let i = (high: UInt64(inc >> 64), low: UInt64(truncatingIfNeeded: inc))
      if kind == .pcg64 {
        var g = PCG64(state: s, increment: i)
        g.halfWord = half
        bits = .pcg64(g)
      } else {
        var g = PCG64DXSM(state: s, increment: i)
        g.halfWord = half
        bits = .pcg64dxsm(g)
      }
      material = "state(state=0x\(String(state, radix: 16)), inc=0x\(String(inc, radix: 16)))"
    case .philox:
      let counter = try reader.words(inner[.string("counter")], "state['counter']", count: 4, bits: 64)
      let key = try reader.words(inner[.string("key")], "state['key']", count: 2, bits: 64)
      let buffer = try reader.words(dict[.string("buffer")], "buffer", count: 4, bits: 64)
      let position = try reader.uint(dict[.string("buffer_pos")], "buffer_pos")
      guard position <= UInt64(Philox4x64.blockSize) else { throw reader.fail("buffer_pos must be in 0...4, got \(position)") }
      var g = Philox4x64(
        counter: SIMD4(counter[0], counter[1], counter[2], counter[3]), key: SIMD2(key[0], key[1]),
        buffer: SIMD4(buffer[0], buffer[1], buffer[2], buffer[3]), bufferPosition: Int(position))
      g.halfWord = try reader.halfWord(dict)
      bits = .philox(g)
      material = "state(counter=[\(counter.map(String.init).joined(separator: ", "))], key=[\(key.map(String.init).joined(separator: ", "))])"
    case .sfc64:
      let words = try reader.words(inner[.string("state")], "state['state']", count: 4, bits: 64)
      var g = SFC64(a: words[0], b: words[1], c: words[2], counter: words[3])
      g.halfWord = try reader.halfWord(dict)
      bits = .sfc64(g)
      material = "state([\(words.map(String.init).joined(separator: ", "))])"
    }
  }

  /// NumPy 2.4.6's words when a state dict names another class: each class's
  /// setter has its own (SFC64's is an f-string NumPy forgot to mark, printed verbatim).
  static func wrongKindMessage(_ kind: NumPyBitGeneratorObject.Kind) -> String {
    switch kind {
    case .mt19937, .philox: return "state must be for a \(kind.rawValue) PRNG"
    case .pcg64, .pcg64dxsm: return "state must be for a \(kind.rawValue) RNG"
    case .sfc64: return "state must be for a {self.__class__.__name__} RNG"
    }
  }

  /// Typed reads of the dict's fields, each failing with one sentence.
  private struct Reader {
    let range: SourceRange

    func fail(_ message: String) -> EvaluationError { EvaluationError(message, at: range, type: "ValueError") }

    func dict(_ value: Value?, _ name: String) throws -> DictObject {
      guard case .object(let o)? = value, let d = o as? DictObject else { throw fail("\(name) must be a dict") }
      return d
    }

    func uint128(_ value: Value?, _ name: String) throws -> UInt128 {
      guard let value, let i = BoundArguments.asInt(value), !i.isNegative, i.words32.count <= 4 else {
        throw fail("\(name) must be an int in [0, 2**128)")
      }
      var result: UInt128 = 0
      for (k, word) in i.words32.enumerated() { result |= UInt128(word) << (32 * UInt128(k)) }
      return result
    }

    func uint(_ value: Value?, _ name: String) throws -> UInt64 {
      let wide = try uint128(value, name)
      guard wide <= UInt128(UInt64.max) else { throw fail("\(name) must be an int in [0, 2**64)") }
      return UInt64(wide)
    }

    /// `count` ints of at most `bits` bits, from a list, tuple or array.
    func words(_ value: Value?, _ name: String, count: Int, bits: Int) throws -> [UInt64] {
      let items: [Value]
      switch value {
      case .tuple(let t)?: items = t
      case .object(let o)? where o is ListObject: items = (o as? ListObject)?.elements ?? []
      case .object(let o)? where o is ArrayObject:
        let tensor = (o as? ArrayObject)?.tensor
        switch tensor?.storage {
        case .unsigned(let v)?: items = v.map { .int(PythonInt($0)) }
        case .int(let v)?: items = v.map { .int(PythonInt($0)) }
        default: items = []
        }
      default: throw fail("\(name) must hold \(count) ints")
      }
      guard items.count == count else { throw fail("\(name) must hold \(count) ints, got \(items.count)") }
      let limit: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
      return try items.map { item in
        let v = try uint(item, name)
        guard v <= limit else { throw fail("\(name) must hold ints in [0, 2**\(bits)), got \(v)") }
        return v
      }
    }

    /// `has_uint32` and `uinteger`: the buffered half of the last 64-bit word.
    func halfWord(_ dict: DictObject) throws -> HalfWordBuffer {
      let waiting = try uint(dict[.string("has_uint32")], "has_uint32")
      let kept = try uint(dict[.string("uinteger")], "uinteger")
      guard kept <= UInt64(UInt32.max) else { throw fail("uinteger must be an int in [0, 2**32), got \(kept)") }
      return HalfWordBuffer(value: UInt32(kept), isWaiting: waiting != 0)
    }
  }
}
