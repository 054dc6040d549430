import PythonSubset

extension PythonHash {
  /// `hash(n)` for an int: |n| mod (2⁶¹ − 1) with n's sign.
  ///
  /// ```swift
  /// PythonHash.hash(PythonInt(7))                    // 7
  /// PythonHash.hash(PythonInt((1 << 61) - 1))        // 0
  /// ```
  package static func hash(_ n: PythonInt) -> Int64 {
    var acc: UInt64 = 0
    for word in n.words32.reversed() {
      // acc · 2³² mod M is a 32-bit rotation within 61 bits.
      acc = ((acc << 32) & modulus) | (acc >> (bits - 32))
      acc += UInt64(word)
      if acc >= modulus { acc -= modulus }
    }
    let signed = Int64(acc)
    return final(n.isNegative ? -signed : signed)
  }

  /// `hash(x)` for a float: equal to the int's hash for an integral value;
  /// otherwise the rational value mod (2⁶¹ − 1). ±inf hash to ±314159; NaN
  /// (identity-hashed in CPython) to 0.
  package static func hash(_ x: Double) -> Int64 {
    guard x.isFinite else { return x.isNaN ? 0 : (x > 0 ? infinity : -infinity) }
    guard x != 0 else { return 0 }
    // x = m · 2^e with 0.5 <= |m| < 1; take m 28 bits at a time.
    var m = abs(x.significand) / 2
    var e = Int(x.exponent) + 1
    var acc: UInt64 = 0
    while m != 0 {
      acc = ((acc << 28) & modulus) | (acc >> (bits - 28))
      m *= 268_435_456
      e -= 28
      let top = UInt64(m)
      m -= Double(top)
      acc += top
      if acc >= modulus { acc -= modulus }
    }
    // Multiply by 2^e mod M: a rotation by e mod 61.
    let b = Int(bits)
    let shift = UInt64(e >= 0 ? e % b : b - 1 - ((-1 - e) % b))
    acc = ((acc << shift) & modulus) | (acc >> (bits - shift))
    let signed = Int64(acc)
    return final(x < 0 ? -signed : signed)
  }

  /// `hash(t)` for a tuple of item hashes (xxHash-style mixing, as CPython 3.8+).
  package static func hash(tuple items: [Int64]) -> Int64 {
    let prime1: UInt64 = 11_400_714_785_074_694_791
    let prime2: UInt64 = 14_029_467_366_897_019_727
    let prime5: UInt64 = 2_870_177_450_012_600_261
    var acc = prime5
    for item in items {
      acc = acc &+ UInt64(bitPattern: item) &* prime2
      acc = (acc << 31) | (acc >> 33)
      acc = acc &* prime1
    }
    acc = acc &+ (UInt64(items.count) ^ (prime5 ^ 3_527_539))
    return acc == UInt64.max ? 1_546_275_796 : Int64(bitPattern: acc)
  }
}
