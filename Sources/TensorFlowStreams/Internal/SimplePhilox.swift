// Internal: TensorFlow's SimplePhilox, the word-at-a-time generator of the candidate samplers.

/// Random words, floats and exact bounded integers from one Philox
/// position, read one 32-bit word at a time (a ``WordReader``), as
/// TensorFlow's `random::SimplePhilox` does.
///
/// ```swift
/// var rnd = SimplePhilox(counter: counter, key: key)
/// rnd.uniform64(10)   // in [0, 10), by rejection: never biased towards 0
/// ```
///
/// Edge case: nothing bounds how far it reads; a caller that reserved fewer
/// blocks than it reads runs on into the next reservation, as TensorFlow does.
struct SimplePhilox {
  var words: WordReader

  init(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) {
    words = WordReader(counter: counter, key: key)
  }

  /// One word.
  mutating func rand32() -> UInt32 { words.next() }

  /// Two words, the first the low half.
  mutating func rand64() -> UInt64 {
    let low = UInt64(words.next())
    return low | UInt64(words.next()) << 32
  }

  /// A float in [0, 1) from one word.
  mutating func randFloat() -> Float { uint32ToFloat(words.next()) }

  /// A double in [0, 1) from two words.
  mutating func randDouble() -> Double {
    let high = words.next()
    return uint64ToDouble(high, words.next())
  }

  /// An integer in [0, n): the masked word for a power of two, otherwise
  /// the first word at or above `(2^32 − 1) mod n + 1`, modulo `n`.
  /// `n == 0` reads a word and returns 0.
  mutating func uniform(_ n: UInt32) -> UInt32 {
    if n == 0 { _ = words.next(); return 0 }
    if n & (n &- 1) == 0 { return words.next() & (n &- 1) }
    let floor = UInt32.max % n + 1
    var word: UInt32
    repeat { word = words.next() } while word < floor
    return word % n
  }

  /// ``uniform(_:)`` over 64-bit values, each from ``rand64()``.
  mutating func uniform64(_ n: UInt64) -> UInt64 {
    if n == 0 { _ = rand64(); return 0 }
    if n & (n &- 1) == 0 { return rand64() & (n &- 1) }
    let floor = UInt64.max % n + 1
    var value: UInt64
    repeat { value = rand64() } while value < floor
    return value % n
  }
}
