import PythonStreams
import PythonSubset
import RNGStreams

/// The state `random.setstate(state)` installs, read from a Python value
/// with CPython 3.11's checks and messages.
///
/// ```swift
/// // s = getstate(): (3, (624 words..., position), gauss_next)
/// let state = try PythonRandomState(s)
/// state.position   // 624 right after seeding
/// ```
///
/// Accepted, as in CPython: version 3 (`getstate()`'s), version 2 (Python
/// 2.x pickles; every entry taken modulo 2**32), a list in place of the
/// outer tuple, and words of 2**32 or more below 2**64 (truncated to 32 bits).
///
/// Edge cases and their messages (all CPython's):
/// - another version: "state with version 1 passed to Random.setstate() of version 3";
/// - not three items: "not enough values to unpack (expected 3, got 2)";
/// - inner list: "state vector must be a tuple"; not 625 entries: "state
///   vector is the wrong size"; a negative word: "can't convert negative
///   value to unsigned int"; a position outside 0…624: "invalid state".
/// - `gauss_next` must be a number or None here (CPython stores anything and
///   fails at the next `gauss()`).
struct PythonRandomState {
  var key: [UInt32]
  var position: Int
  var gaussNext: Double?

  init(_ value: Value) throws {
    let items: [Value]
    switch value {
    case .tuple(let t): items = t
    case .object(let o as ListObject): items = o.elements
    case .string(let s): items = s.map { .string(String($0)) }
    default: throw FrameworkError("'\(value.typeName)' object is not subscriptable", parameter: "state")
    }
    guard let first = items.first else {
      throw FrameworkError("\(value.typeName) index out of range", parameter: "state")
    }
    let version: Int
    if case .int(let i) = first, let small = i.int, small == 2 || small == 3 {
      version = small
    } else if case .float(let d) = first, d == 2 || d == 3 {
      version = Int(d)
    } else {
      let shown: String
      if case .string(let s) = first { shown = s } else { shown = first.repr }
      throw FrameworkError("state with version \(shown) passed to Random.setstate() of version 3", parameter: "state")
    }
    guard items.count == 3 else {
      throw FrameworkError(
        items.count > 3 ? "too many values to unpack (expected 3)" : "not enough values to unpack (expected 3, got \(items.count))",
        parameter: "state")
    }
    var entries: [Value]
    if version == 2 {
      guard let inner = Self.iterable(items[1]) else {
        throw FrameworkError("'\(items[1].typeName)' object is not iterable", parameter: "state")
      }
      entries = inner.map { entry in
        guard let i = BoundArguments.asInt(entry) else { return entry }
        return .int(Self.modulo32(i))
      }
    } else {
      guard case .tuple(let inner) = items[1] else { throw FrameworkError("state vector must be a tuple", parameter: "state") }
      entries = inner
    }
    guard entries.count == 625 else { throw FrameworkError("state vector is the wrong size", parameter: "state") }
    key = try entries.dropLast().map(Self.word)
    guard let index = BoundArguments.asInt(entries[624]) else {
      throw FrameworkError("an integer is required", parameter: "state")
    }
    guard let position = index.int, (0...624).contains(position) else {
      throw FrameworkError("invalid state", parameter: "state")
    }
    self.position = position
    switch items[2] {
    case .none: gaussNext = nil
    case let other:
      guard let d = BoundArguments.asDouble(other) else {
        throw FrameworkError(
          "setstate(): rngdiff keeps gauss_next as a float or None, got \(other.typeName)", parameter: "state")
      }
      gaussNext = d
    }
  }

  /// One state word as C's `PyLong_AsUnsignedLong` reads it, truncated to 32 bits.
  static func word(_ entry: Value) throws -> UInt32 {
    guard let i = BoundArguments.asInt(entry) else { throw FrameworkError("an integer is required", parameter: "state") }
    if i.isNegative { throw FrameworkError("can't convert negative value to unsigned int", parameter: "state") }
    guard let wide = i.uint64 else {
      throw FrameworkError("Python int too large to convert to C unsigned long", parameter: "state")
    }
    return UInt32(truncatingIfNeeded: wide)
  }

  /// `x % 2**32` for any int (Python's modulo: never negative).
  static func modulo32(_ x: PythonInt) -> PythonInt {
    let low = UInt64(x.words32.first ?? 0)
    guard x.isNegative, low != 0 else { return PythonInt(low) }
    return PythonInt((1 << 32) - low)
  }

  static func iterable(_ value: Value) -> [Value]? {
    switch value {
    case .tuple(let t): return t
    case .object(let o as ListObject): return o.elements
    default: return nil
    }
  }
}
