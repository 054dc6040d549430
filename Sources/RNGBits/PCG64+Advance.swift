/// Jumping ahead in a 128-bit linear congruential generator
/// (`state * multiplier + increment`), by square-and-multiply on the affine
/// map: the PCG64 family's `advance(delta)` and `jumped()`.
///
/// ```swift
/// var pcg = PCG64(seedSequence: SeedSequence(entropy: [0]))
/// var stepped = pcg
/// for _ in 0..<5 { _ = stepped.next64() }
/// pcg.advance(5)          // same state as `stepped`
/// ```
enum LCG128 {
  /// The state after `delta` steps (mod 2^128).
  static func advance(_ state: UInt128, by delta: UInt128, multiplier: UInt128, increment: UInt128) -> UInt128 {
    var accMultiplier: UInt128 = 1
    var accIncrement: UInt128 = 0
    var curMultiplier = multiplier
    var curIncrement = increment
    var remaining = delta
    while remaining > 0 {
      if remaining & 1 == 1 {
        accMultiplier = accMultiplier &* curMultiplier
        accIncrement = accIncrement &* curMultiplier &+ curIncrement
      }
      curIncrement = (curMultiplier &+ 1) &* curIncrement
      curMultiplier = curMultiplier &* curMultiplier
      remaining >>= 1
    }
    return accMultiplier &* state &+ accIncrement
  }

  /// NumPy's jump size for the PCG64 family: about 2^128 times the golden ratio.
  static let jumpStep: UInt128 = 0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835

  static func join(_ halves: (high: UInt64, low: UInt64)) -> UInt128 { UInt128(halves.high) << 64 | UInt128(halves.low) }
  static func split(_ value: UInt128) -> (high: UInt64, low: UInt64) {
    (UInt64(truncatingIfNeeded: value >> 64), UInt64(truncatingIfNeeded: value))
  }
}

extension PCG64 {
  /// NumPy's `advance(delta)`: the state `delta` steps on (mod 2^128); the
  /// kept 32-bit half is dropped, as NumPy resets it.
  public mutating func advance(_ delta: UInt128) {
    let next = LCG128.advance(
      LCG128.join(state), by: delta, multiplier: LCG128.join(Self.multiplier), increment: LCG128.join(increment))
    (stateHigh, stateLow) = LCG128.split(next)
    halfWord = HalfWordBuffer()
  }

  /// NumPy's `jumped(jumps)`: a copy advanced by `jumps` times the jump step
  /// (mod 2^128), with its draw counter at zero.
  public func jumped(_ jumps: UInt128 = 1) -> PCG64 {
    var copy = self
    copy.advance(LCG128.jumpStep &* jumps)
    copy.drawn = 0
    return copy
  }
}

extension PCG64DXSM {
  /// NumPy's `advance(delta)` with the cheap multiplier; the kept 32-bit half is dropped.
  public mutating func advance(_ delta: UInt128) {
    let next = LCG128.advance(
      LCG128.join(state), by: delta, multiplier: UInt128(Self.cheapMultiplier), increment: LCG128.join(increment))
    (stateHigh, stateLow) = LCG128.split(next)
    halfWord = HalfWordBuffer()
  }

  /// NumPy's `jumped(jumps)`: a copy advanced by `jumps` times the jump step.
  public func jumped(_ jumps: UInt128 = 1) -> PCG64DXSM {
    var copy = self
    copy.advance(LCG128.jumpStep &* jumps)
    copy.drawn = 0
    return copy
  }
}
