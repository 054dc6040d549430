extension MT19937 {
  /// NumPy's `MT19937.jumped(jumps)`: the state moved ahead by 2^128 words
  /// `jumps` times, with NumPy's own arithmetic, so that the state words
  /// and position (not only the outputs) are NumPy's.
  ///
  /// ```swift
  /// let mt = MT19937(seed: 1)
  /// mt.jumped(1).position   // NumPy: np.random.MT19937(...) .jumped().state['state']['pos']
  /// ```
  ///
  /// Each jump evaluates the jump polynomial `p(x) = x^(2^128) mod φ(x)` (φ
  /// the characteristic polynomial of MT19937, degree 19937) at the one-word
  /// step `T` with Horner's rule, `p(T)·s`, where the step rewrites word
  /// `pos` in place and moves `pos` on (wrapping at 624), and adding two
  /// states XORs their words aligned by their positions. A position of 624
  /// ("twist first") is read as 0 before each jump. rngdiff computes the
  /// polynomial once per process (Berlekamp–Massey on 2 × 19937 output bits
  /// for φ, then 128 squarings modulo φ) rather than storing NumPy's table.
  ///
  /// Edge cases: `jumped(0)` is the same state, position 624 included; the
  /// count of words drawn starts again at 0.
  ///
  /// - Precondition: `jumps >= 0`.
  public func jumped(_ jumps: Int) -> MT19937 {
    precondition(jumps >= 0, "jumps must not be negative")
    var key = words
    var position = index
    for _ in 0..<jumps {
      if position >= Self.stateSize { position = 0 }
      (key, position) = Self.horner(Self.jumpPolynomial, key, position)
    }
    return MT19937(state: key, position: position)
  }

  /// `x^(2^128) mod φ(x)`, bit `k` of the words the coefficient of `x^k`.
  static let jumpPolynomial: [UInt64] = {
    let phi = characteristicPolynomial()
    var p = GF2Polynomial.x
    let reducer = GF2Polynomial.Reducer(modulus: phi, degree: mersenneExponent)
    for _ in 0..<128 { p = reducer.reduce(GF2Polynomial.square(p)) }
    return p
  }()

  /// The degree of MT19937's characteristic polynomial.
  static let mersenneExponent = 19937

  /// One word of the recurrence in place: word `position` becomes its next
  /// value; returns the next position (NumPy's `gen_next`).
  @inline(__always)
  static func step(_ key: inout [UInt32], _ position: Int) -> Int {
    let n = stateSize
    let m = shift
    let next = position == n - 1 ? 0 : position + 1
    let y = (key[position] & upperMask) | (key[next] & lowerMask)
    let partner = position < n - m ? position + m : position + m - n
    key[position] = key[partner] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : matrixA)
    return next
  }

  /// `p(T)·s` by Horner's rule, as NumPy's `horner1` computes it.
  static func horner(_ p: [UInt64], _ key: [UInt32], _ position: Int) -> ([UInt32], Int) {
    func coefficient(_ i: Int) -> Bool { (p[i >> 6] >> UInt64(i & 63)) & 1 == 1 }
    var i = mersenneExponent - 1
    while i > 0 && !coefficient(i) { i -= 1 }
    if i == 0 { return coefficient(0) ? (key, position) : ([UInt32](repeating: 0, count: stateSize), 0) }
    var sum = key
    var at = step(&sum, position)
    i -= 1
    while i > 0 {
      if coefficient(i) { add(&sum, at, key, position) }
      at = step(&sum, at)
      i -= 1
    }
    if coefficient(0) { add(&sum, at, key, position) }
    return (sum, at)
  }

  /// XORs state `(other, otherPosition)` into `(key, position)`, word
  /// `position + j` with word `otherPosition + j` (mod 624).
  static func add(_ key: inout [UInt32], _ position: Int, _ other: [UInt32], _ otherPosition: Int) {
    let n = stateSize
    key.withUnsafeMutableBufferPointer { target in
      other.withUnsafeBufferPointer { source in
        var a = position
        var b = otherPosition
        for _ in 0..<n {
          target[a] ^= source[b]
          a = a == n - 1 ? 0 : a + 1
          b = b == n - 1 ? 0 : b + 1
        }
      }
    }
  }

  /// φ(x) from the low bits of 2 × 19937 successive words (Berlekamp–Massey).
  static func characteristicPolynomial() -> [UInt64] {
    let degree = mersenneExponent
    let count = 2 * degree
    var key = MT19937(seed: 1).words
    var position = 0
    var bits = [Bool](repeating: false, count: count)
    for t in 0..<count {
      let written = position
      position = step(&key, position)
      bits[t] = key[written] & 1 == 1
    }
    let connection = GF2Polynomial.berlekampMassey(bits)
    precondition(connection.length == degree, "MT19937's output bits have linear complexity 19937")
    // φ(x) = x^L · C(1/x): coefficient k of φ is coefficient L − k of C.
    var phi = [UInt64](repeating: 0, count: degree / 64 + 1)
    for k in 0...degree where GF2Polynomial.bit(connection.polynomial, degree - k) {
      phi[k >> 6] |= 1 << UInt64(k & 63)
    }
    return phi
  }
}

/// Polynomials over GF(2) as little-endian bit vectors (bit `k` of the
/// words is the coefficient of `x^k`), for MT19937's jump. Internal.
enum GF2Polynomial {
  /// The polynomial `x`.
  static let x: [UInt64] = [2]

  @inline(__always)
  static func bit(_ p: [UInt64], _ k: Int) -> Bool {
    k >> 6 < p.count && (p[k >> 6] >> UInt64(k & 63)) & 1 == 1
  }

  /// `p²`: each coefficient moves from `k` to `2k`.
  static func square(_ p: [UInt64]) -> [UInt64] {
    var out = [UInt64](repeating: 0, count: 2 * p.count)
    for (w, word) in p.enumerated() {
      out[2 * w] = spread(UInt32(truncatingIfNeeded: word))
      out[2 * w + 1] = spread(UInt32(truncatingIfNeeded: word >> 32))
    }
    return out
  }

  /// The 32 bits of `v` at the even bit positions of a 64-bit word.
  @inline(__always)
  static func spread(_ v: UInt32) -> UInt64 {
    var x = UInt64(v)
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
    x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
    x = (x | x << 2) & 0x3333_3333_3333_3333
    x = (x | x << 1) & 0x5555_5555_5555_5555
    return x
  }

  /// Reduction modulo a monic polynomial of degree `degree`, eight
  /// coefficients at a time: entry `t` of the table is the multiple of the
  /// modulus whose coefficients `degree ..< degree + 8` are the bits of `t`.
  struct Reducer {
    let degree: Int
    let words: Int
    let table: [[UInt64]]

    init(modulus: [UInt64], degree: Int) {
      self.degree = degree
      words = (degree + 8) / 64 + 1
      var table: [[UInt64]] = []
      for t in 0..<256 {
        var multiple = [UInt64](repeating: 0, count: words)
        for k in stride(from: 7, through: 0, by: -1)
        where GF2Polynomial.bit(multiple, degree + k) != ((t >> k) & 1 == 1) {
          Reducer.xorShifted(&multiple, modulus, by: k)
        }
        table.append(multiple)
      }
      self.table = table
    }

    /// `p mod modulus` for `p` of degree below `2 · degree`.
    func reduce(_ p: [UInt64]) -> [UInt64] {
      var value = p
      let top = 2 * degree - 1  // coefficients degree ... top may be set
      var start = degree + ((top - degree) / 8) * 8
      while start >= degree {
        var t = 0
        for k in 0..<8 where GF2Polynomial.bit(value, start + k) { t |= 1 << k }
        if t != 0 { Reducer.xorShifted(&value, table[t], by: start - degree) }
        start -= 8
      }
      return Array(value.prefix(degree / 64 + 1)).enumerated().map { w, word in
        // Clear anything at or above `degree` in the last word.
        w == degree / 64 ? word & ((1 << UInt64(degree & 63)) - 1) : word
      }
    }

    /// `target ^= source · x^shift`, ignoring bits beyond `target`'s words.
    static func xorShifted(_ target: inout [UInt64], _ source: [UInt64], by shift: Int) {
      let q = shift >> 6
      let r = UInt64(shift & 63)
      let n = target.count
      target.withUnsafeMutableBufferPointer { out in
        source.withUnsafeBufferPointer { src in
          for w in 0..<src.count where w + q < n {
            let word = src[w]
            if word == 0 { continue }
            out[w + q] ^= word << r
            if r != 0 && w + q + 1 < n { out[w + q + 1] ^= word >> (64 - r) }
          }
        }
      }
    }
  }

  /// The shortest linear recurrence of `bits`: its connection polynomial
  /// `C(x) = 1 + c₁x + … + c_L x^L` and length `L`.
  static func berlekampMassey(_ bits: [Bool]) -> (polynomial: [UInt64], length: Int) {
    let n = bits.count
    let words = n / 64 + 2
    // The sequence reversed: bit k of `reversed` is s[n − 1 − k], so that
    // Σ c_j s[i − j] is the parity of C AND (reversed >> (n − 1 − i)).
    var reversed = [UInt64](repeating: 0, count: words + 1)
    for (i, b) in bits.enumerated() where b {
      let k = n - 1 - i
      reversed[k >> 6] |= 1 << UInt64(k & 63)
    }
    var c = [UInt64](repeating: 0, count: words)
    var b = [UInt64](repeating: 0, count: words)
    c[0] = 1
    b[0] = 1
    var length = 0
    var gap = 1
    for i in 0..<n {
      let offset = n - 1 - i
      let q = offset >> 6
      let r = UInt64(offset & 63)
      var parity: UInt64 = 0
      reversed.withUnsafeBufferPointer { s in
        c.withUnsafeBufferPointer { cw in
          for w in 0...(length >> 6) {
            let low = s[w + q] >> r
            let high = r == 0 ? 0 : s[w + q + 1] << (64 - r)
            parity ^= cw[w] & (low | high)
          }
        }
      }
      if parity.nonzeroBitCount & 1 == 0 {
        gap += 1
      } else if 2 * length <= i {
        let previous = c
        Reducer.xorShifted(&c, b, by: gap)
        length = i + 1 - length
        b = previous
        gap = 1
      } else {
        Reducer.xorShifted(&c, b, by: gap)
        gap += 1
      }
    }
    return (c, length)
  }
}
