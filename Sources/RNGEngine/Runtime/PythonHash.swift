import PythonSubset

/// CPython 3.11's `hash()` for the values whose hash decides a set's
/// iteration order: `str` and `bytes` (SipHash-1-3 keyed with the
/// process's ``PythonHashSecret``), `int`, `bool`, `float` and `tuple`.
///
/// ```swift
/// PythonHash.hash(PythonInt(-1))          // -2 (CPython never returns -1)
/// PythonHash.hash(PythonInt(1) << 61)     // 1 (ints reduce modulo 2⁶¹ − 1)
/// PythonHash.$secret.withValue(PythonHashSecret(hashSeed: 0)) {
///   PythonHash.hash("a")                  // the hash `PYTHONHASHSEED=0 python` prints
/// }
/// ```
///
/// Edge cases: the empty string hashes to 0 under every key; NaN and
/// objects without a value hash hash by identity in CPython, which no run
/// can reproduce, so ``hash(_:)-swift.type.method`` gives them a stand-in.
package enum PythonHash {
  /// The key of the run in progress (zero outside a script run).
  @TaskLocal package static var secret: PythonHashSecret = .zero

  /// 2⁶¹ − 1, the modulus of numeric hashes.
  static let modulus: UInt64 = (1 << 61) - 1
  static let bits: UInt64 = 61
  /// `hash(float('inf'))`.
  static let infinity: Int64 = 314_159

  /// CPython never returns -1 from a hash (it means "error" in C).
  static func final(_ h: Int64) -> Int64 { h == -1 ? -2 : h }

  // MARK: Strings and bytes

  /// `hash(s)`: SipHash-1-3 over the string's code points stored as CPython
  /// stores them (1 byte each when all are below 256, else 2, else 4 bytes,
  /// little-endian).
  package static func hash(_ s: String) -> Int64 {
    let scalars = s.unicodeScalars.map(\.value)
    let width = scalars.reduce(1) { w, c in c > 0xFFFF ? 4 : (c > 0xFF ? max(w, 2) : w) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * width)
    for c in scalars {
      for i in 0..<width { bytes.append(UInt8(truncatingIfNeeded: c >> (8 * UInt32(i)))) }
    }
    return hash(bytes: bytes)
  }

  /// `hash(b)` for `bytes`.
  package static func hash(bytes: [UInt8]) -> Int64 {
    guard !bytes.isEmpty else { return 0 }
    return final(Int64(bitPattern: SipHash13.hash(bytes, k0: secret.k0, k1: secret.k1)))
  }
}
