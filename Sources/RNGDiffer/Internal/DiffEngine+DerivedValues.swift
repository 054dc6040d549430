import RNGTrace

/// Seeds that flow from one derivation into the next. A Keras kernel's
/// seed goes through several rules (`keras.make_default_seed` gives
/// `926756583`, `keras.draw_seed` turns it into `[926756583, 0]`, the cast
/// and `tf.stateless.GenerateKey` key a stream with it), and producers
/// record the later steps without a consumer (`<top>`). When the first step
/// diverged, every later step fed its number is an effect of the same
/// cause, not a cause of its own.
///
/// ```text
/// a: derivation keras.make_default_seed → "926756583"   (consumer s_hidden: diverged, cause #0)
/// a: derivation keras.draw_seed inputs seed="926756583"  (consumer <top>)   → effect of #0
/// ```
///
/// The numbers are the digit runs of at least ``minimumDigits`` digits in a
/// result (`[926756583, 0]` gives `926756583`): seeds, not the small
/// counters and flags that many unrelated derivations share. A run of
/// digits that two unrelated derivations share by chance is the only way
/// to fold wrongly, and for numbers this long it is rare.
extension DiffEngine {
  /// The shortest digit run that counts as a seed number.
  static let minimumDigits = 6
  /// At most this many numbers are remembered per side (memory stays bounded).
  static let divergedValueLimit = 100_000

  /// The digit runs of at least ``minimumDigits`` digits in `text`.
  ///
  /// ```swift
  /// DiffEngine.seedNumbers("[926756583, 0] (state becomes [926756583, 1])")  // ["926756583", "926756583"]
  /// DiffEngine.seedNumbers("seed=3")                                           // []
  /// ```
  static func seedNumbers(_ text: String) -> [Substring] {
    var out: [Substring] = []
    var start: String.Index? = nil
    var digits = 0
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      if c.isASCII && c.isNumber {
        if start == nil { start = i }
        digits += 1
      } else {
        if let s = start, digits >= minimumDigits { out.append(text[s..<i]) }
        start = nil
        digits = 0
      }
      i = text.index(after: i)
    }
    if let s = start, digits >= minimumDigits { out.append(text[s...]) }
    return out
  }

  /// Remembers the seed numbers of a divergent derivation's result on `side`.
  func noteDivergedResult(_ d: DerivationEvent, side: Side, cause: Int) {
    guard cause >= 0 else { return }
    for n in Self.seedNumbers(d.result) where side.divergedValues.count < Self.divergedValueLimit {
      if side.divergedValues[n] == nil { side.divergedValues[n] = cause }
    }
  }

  /// The earliest cause whose divergent results fed an input of `d` on `side`, if any.
  func derivedValueCause(_ d: DerivationEvent, _ side: Side) -> Int? {
    guard !side.divergedValues.isEmpty else { return nil }
    var found = -1
    for input in d.inputs {
      if let c = seedNumbersCause(input.value, side) { found = earliestCause(found, c) }
    }
    return found >= 0 ? found : nil
  }

  /// The earliest cause whose divergent results gave a seed number in
  /// `text` (a derivation's input, a derived stream's `from`) on `side`.
  func seedNumbersCause(_ text: String, _ side: Side) -> Int? {
    guard !side.divergedValues.isEmpty else { return nil }
    var found = -1
    for n in Self.seedNumbers(text) {
      if let c = side.divergedValues[n] { found = earliestCause(found, c) }
    }
    return found >= 0 ? found : nil
  }
}
