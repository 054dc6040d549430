import RNGTrace

/// Seed chains: a value drawn or derived in one place that later
/// derivations take as input.
///
/// Keras gives a layer with no seed `random.randint(1, 10**9)` from Python's
/// `random`; that value goes through the layer's `SeedGenerator`
/// (`keras.seed_generator.next`), TensorFlow's seed cast and `GenerateKey`
/// before a stream is keyed by it. When the draw changes, every link of that
/// chain changes too, but all of them are effects of the draw's cause, not
/// `op-seed-derivation` causes of their own.
///
/// ```text
/// a: draw python.global randint → 850017089; keras.make_default_seed → 850017089
///    keras.seed_generator.next [850017089, 0]; tf.stateless.GenerateKey [850017089, 0] → stream
/// b: … → 123456789 …   (one cause: the draw; the derivations and the stream are its effects)
/// ```
///
/// A derivation joins an earlier cause when it keys a stream already known to
/// be an effect (a `drawn` stream whose draw diverged), or when one of its
/// inputs carries a number that only this run's divergent derivations
/// produced. Only numbers of 1000 or more that differ between the two runs'
/// results are remembered, so an input shared by both runs (a global seed
/// 1234, a small op counter) never links unrelated derivations.
extension DiffEngine {
  /// The cause of an earlier link in the chain `da`/`db` belong to, if any.
  func seedChainCause(_ da: DerivationEvent, _ db: DerivationEvent) -> Int? {
    for s in da.keyedStreams { if let d = A.divergedDerivations[s] { return d } }
    for s in db.keyedStreams { if let d = B.divergedDerivations[s] { return d } }
    guard !A.seedValueCauses.isEmpty || !B.seedValueCauses.isEmpty else { return nil }
    for input in da.inputs {
      for n in Self.seedNumbers(input.value) { if let d = A.seedValueCauses[n] { return d } }
    }
    for input in db.inputs {
      for n in Self.seedNumbers(input.value) { if let d = B.seedValueCauses[n] { return d } }
    }
    return nil
  }

  /// Remembers the numbers only one run's result has, under `cause`.
  func noteSeedValues(_ da: DerivationEvent, _ db: DerivationEvent, cause: Int) {
    let na = Self.seedNumbers(da.result), nb = Self.seedNumbers(db.result)
    guard na != nb else { return }
    for n in na where !nb.contains(n) && A.seedValueCauses.count < Self.drawCauseLimit { A.seedValueCauses[n] = cause }
    for n in nb where !na.contains(n) && B.seedValueCauses.count < Self.drawCauseLimit { B.seedValueCauses[n] = cause }
  }

  /// The whole numbers of 1000 or more (at most 18 digits) in `text`, in
  /// order: runs of digits that are whole words (not part of a hex literal,
  /// a name or a decimal fraction).
  ///
  /// ```swift
  /// seedNumbers("[850017089, 0] (state becomes [850017089, 1])")   // [850017089, 850017089]
  /// seedNumbers("key=(0xf94658da,0x28825247) 1.2345")              // []
  /// ```
  static func seedNumbers(_ text: String) -> [Int64] {
    var numbers: [Int64] = []
    var value: Int64 = 0, digits = 0, wordOnly = true
    func isWordByte(_ b: UInt8) -> Bool {
      (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F || b == 0x2E
    }
    for byte in text.utf8 {
      if isWordByte(byte) {
        if byte >= 0x30 && byte <= 0x39 {
          if digits < 18 { value = value * 10 + Int64(byte - 0x30) }
          digits += 1
        } else {
          wordOnly = false
        }
        continue
      }
      if wordOnly, digits > 0, digits <= 18, value >= 1000 { numbers.append(value) }
      value = 0
      digits = 0
      wordOnly = true
    }
    if wordOnly, digits > 0, digits <= 18, value >= 1000 { numbers.append(value) }
    return numbers
  }
}
