/// Where "operating-system entropy" comes from when a stream is never
/// seeded: the system generator, or, for a reproducible run
/// (`rngdiff run --entropy-seed N`), a deterministic source bound for the
/// duration of the run.
///
/// ```swift
/// let words = Entropy.words(624)                       // fresh every run
/// Entropy.$source.withValue(EntropySource(seed: 7)) {
///   Entropy.words(624)                                 // the same every run
/// }
/// ```
///
/// The deterministic source is SplitMix64: its words stand in for
/// `os.urandom`, they are not what any real process would draw.
public enum Entropy {
  /// The deterministic source of the run in progress, if any.
  @TaskLocal public static var source: EntropySource?

  /// `count` 32-bit words of entropy.
  public static func words(_ count: Int) -> [UInt32] {
    if let source { return (0..<count).map { _ in source.nextWord() } }
    var system = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt32.random(in: .min ... .max, using: &system) }
  }
}

/// A deterministic stand-in for operating-system entropy (SplitMix64).
public final class EntropySource: @unchecked Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// The next 32-bit word.
  public func nextWord() -> UInt32 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return UInt32(truncatingIfNeeded: (z ^ (z >> 31)) >> 32)
  }
}
