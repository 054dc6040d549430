import RNGDigest
import RNGStreams

/// A value passed to `random.seed(a)` (CPython 3.11, `version=2`), and the
/// `init_by_array` key it becomes.
///
/// ```swift
/// try PythonSeed.int(-42).keyWords()         // [42]: the sign is dropped
/// try PythonSeed.float(1.0).keyWords()       // [1]: hash(1.0) == 1
/// try PythonSeed.string("hello").keyWords()  // words of int.from_bytes(b + sha512(b))
/// ```
///
/// Rules:
/// - int (and bool): the absolute value, split into 32-bit words least
///   significant first (`0` gives `[0]`).
/// - float: `hash(a)` read as an unsigned 64-bit integer, so `seed(1.0) == seed(1)`
///   and `seed(-1.0)` uses `2**64 - 2` (`hash(-1.0) == -2`).
/// - str / bytes / bytearray: `int.from_bytes(b + sha512(b).digest(), 'big')`
///   with `b` the UTF-8 bytes, then as an int.
///
/// Edge cases:
/// - `float('nan')` hashes by object identity since Python 3.10, so its
///   stream is not reproducible: ``keyWords()`` throws.
/// - Other types (`np.int64`, tuples, `None`) are the caller's concern:
///   CPython 3.11 raises `TypeError` for them, and `None` seeds from the OS.
public enum PythonSeed: Sendable, Hashable {
  /// An int that fits in 64 bits.
  case int(Int64)
  /// An int of any size: its magnitude's 32-bit words (least significant first) and sign.
  case bigInt(magnitude: [UInt32], negative: Bool)
  /// `True` or `False` (ints 1 and 0).
  case bool(Bool)
  /// A float.
  case float(Double)
  /// A str (seeded through its UTF-8 bytes).
  case string(String)
  /// bytes or bytearray.
  case bytes([UInt8])

  /// The `init_by_array` key: the seed's magnitude in 32-bit words, least
  /// significant first, without high zero words (`[0]` for zero).
  ///
  /// - Throws: ``FrameworkError`` for a NaN float.
  public func keyWords() throws -> [UInt32] {
    switch self {
    case .int(let value):
      return Self.trimmed(Self.words(of: value.magnitude))
    case .bigInt(let magnitude, _):
      return Self.trimmed(magnitude)
    case .bool(let value):
      return [value ? 1 : 0]
    case .float(let value):
      guard let hash = Self.hash(value) else {
        throw FrameworkError(
          "random.seed(nan) is not reproducible: Python hashes NaN by object identity; seed with an int, float, str or bytes",
          parameter: "a")
      }
      return Self.trimmed(Self.words(of: UInt64(bitPattern: hash)))
    case .string(let text):
      return Self.bytesKey(Array(text.utf8))
    case .bytes(let bytes):
      return Self.bytesKey(bytes)
    }
  }

  /// The seed as Python would print it in `random.seed(...)`.
  public var pythonLiteral: String {
    switch self {
    case .int(let value): return "\(value)"
    case .bigInt(let magnitude, let negative):
      return (negative ? "-0x" : "0x") + magnitude.reversed().map { word in
        let hex = String(word, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
      }.joined()
    case .bool(let value): return value ? "True" : "False"
    case .float(let value): return value.description
    case .string(let text): return "'\(text)'"
    case .bytes(let bytes): return "bytes.fromhex('\(hexString(bytes))')"
    }
  }

  static func words(of magnitude: UInt64) -> [UInt32] {
    [UInt32(truncatingIfNeeded: magnitude), UInt32(truncatingIfNeeded: magnitude >> 32)]
  }

  static func trimmed(_ words: [UInt32]) -> [UInt32] {
    var key = words
    while key.count > 1, key.last == 0 { key.removeLast() }
    return key.isEmpty ? [0] : key
  }

  /// `int.from_bytes(b + sha512(b).digest(), 'big')` as 32-bit words,
  /// least significant first.
  static func bytesKey(_ bytes: [UInt8]) -> [UInt32] {
    let all = bytes + SHA512.hash(bytes)
    var words = [UInt32]()
    words.reserveCapacity(all.count / 4 + 1)
    var end = all.count
    while end > 0 {
      let start = max(0, end - 4)
      var word: UInt32 = 0
      for byte in all[start..<end] { word = (word << 8) | UInt32(byte) }
      words.append(word)
      end = start
    }
    return trimmed(words)
  }

  /// CPython's `hash(float)`: the value modulo the Mersenne prime 2^61 - 1,
  /// with the sign; `-1` becomes `-2`; ±inf hash to ±314159. Nil for NaN.
  public static func hash(_ value: Double) -> Int64? {
    if value.isNaN { return nil }
    if value.isInfinite { return value > 0 ? 314_159 : -314_159 }
    if value == 0 { return 0 }
    let modulus: UInt64 = (1 << 61) - 1
    let magnitude = value.magnitude
    // magnitude = significand * 2^exponent with an integer significand < 2^53.
    let significand: UInt64
    let exponent: Int
    if magnitude.isNormal {
      significand = magnitude.significandBitPattern | (1 << 52)
      exponent = Int(magnitude.exponent) - 52
    } else {
      significand = magnitude.significandBitPattern
      exponent = -1074
    }
    // 2^61 ≡ 1 (mod 2^61 - 1): multiplying by 2^e is a 61-bit rotation by e mod 61.
    let shift = UInt64(((exponent % 61) + 61) % 61)
    var reduced = significand % modulus
    if shift > 0 {
      reduced = ((reduced << shift) & modulus) | (reduced >> (61 - shift))
    }
    if reduced == modulus { reduced = 0 }
    var hash = Int64(reduced)
    if value < 0 { hash = -hash }
    return hash == -1 ? -2 : hash
  }
}
