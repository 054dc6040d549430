extension PythonSeed {
  /// `random.seed(a, version=1)` for a str or bytes `a`: the int CPython's
  /// old string hash makes of it (the algorithm of Python 2's `hash(str)`,
  /// kept for reproducing old sequences), as the seed it then becomes.
  ///
  /// Starting from `ord(a[0]) << 7` (0 for an empty `a`), each code point
  /// `c` gives `x = (1000003 * x ^ c) mod 2**64`; finally `x ^= len(a)`.
  /// bytes are read as Latin-1, one code point per byte, so
  /// `seed(b'abc', version=1) == seed('abc', version=1)`.
  ///
  /// ```swift
  /// PythonSeed.version1(string: "")        // .int(0): seed(0)
  /// PythonSeed.version1(bytes: [0x61])     // same as version1(string: "a")
  /// ```
  ///
  /// Edge cases: non-ASCII text hashes its code points, not its UTF-8 bytes
  /// (`'é'` is one code point, 233); the result is any 64-bit value, seeded
  /// as an int (`init_by_array` of its two words).
  public static func version1(string: String) -> PythonSeed {
    version1(codePoints: string.unicodeScalars.map(\.value))
  }

  /// `random.seed(b, version=1)` for bytes `b` (Latin-1 code points).
  public static func version1(bytes: [UInt8]) -> PythonSeed {
    version1(codePoints: bytes.map(UInt32.init))
  }

  static func version1(codePoints: [UInt32]) -> PythonSeed {
    var x: UInt64 = codePoints.first.map { UInt64($0) << 7 } ?? 0
    for c in codePoints { x = (1_000_003 &* x) ^ UInt64(c) }
    x ^= UInt64(codePoints.count)
    if let small = Int64(exactly: x) { return .int(small) }
    return .bigInt(magnitude: words(of: x), negative: false)
  }
}
