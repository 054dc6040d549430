/// PCG64 (XSL-RR 128/64), the bit generator behind NumPy's
/// `np.random.default_rng()`.
///
/// A 128-bit linear congruential state with an odd increment; each 64-bit
/// output first steps the state, then folds its halves together
/// (`high ^ low`) and rotates the result right by the state's top six bits.
///
/// ```swift
/// var pcg = PCG64(seedSequence: SeedSequence(entropy: [12345]))
/// pcg.nextDouble53()   // 0.22733602246716966 (default_rng(12345).random())
/// pcg.wordsDrawn       // 1
/// ```
///
/// 32-bit draws split one 64-bit output: the low half is returned and the
/// high half is kept for the next 32-bit draw (NumPy's `has_uint32` cache).
/// 64-bit draws neither use nor clear that cache.
///
/// The stream's counter, ``wordsDrawn``, counts 64-bit outputs; a 32-bit draw
/// served from the cached high half adds nothing to it.
public struct PCG64: HalfWordBuffered, Sendable, Hashable {
  /// The 128-bit LCG multiplier 0x2360ED051FC65DA4_4385DF649FCCF645.
  public static let multiplier = (high: multiplierHigh, low: multiplierLow)
  /// The multiplier's halves as inlinable constants: hot loops in other
  /// modules fold them instead of reading a lazily initialised global.
  @inlinable static var multiplierHigh: UInt64 { 0x2360_ED05_1FC6_5DA4 }
  @inlinable static var multiplierLow: UInt64 { 0x4385_DF64_9FCC_F645 }

  @usableFromInline var stateHigh: UInt64
  @usableFromInline var stateLow: UInt64
  @usableFromInline var incrementHigh: UInt64
  @usableFromInline var incrementLow: UInt64
  /// The kept high half of the last 64-bit output (see ``HalfWordBuffered``).
  public var halfWord = HalfWordBuffer()
  @usableFromInline var drawn: UInt64 = 0

  /// The 128-bit state as (high, low) 64-bit halves.
  public var state: (high: UInt64, low: UInt64) { (stateHigh, stateLow) }
  /// The odd 128-bit increment as (high, low) halves.
  public var increment: (high: UInt64, low: UInt64) { (incrementHigh, incrementLow) }
  /// Number of 64-bit outputs drawn since the state was installed.
  public var wordsDrawn: UInt64 { drawn }

  /// Installs a raw state (NumPy's `bit_generator.state = {...}`).
  ///
  /// - Precondition: the increment is odd.
  public init(state: (high: UInt64, low: UInt64), increment: (high: UInt64, low: UInt64), cachedUInt32: UInt32? = nil) {
    precondition(increment.low & 1 == 1, "the PCG64 increment must be odd")
    stateHigh = state.high
    stateLow = state.low
    incrementHigh = increment.high
    incrementLow = increment.low
    halfWord = HalfWordBuffer(cachedUInt32)
  }

  /// The reference `pcg64_srandom(initstate, initseq)`: increment
  /// `(initseq << 1) | 1`; state 0, one step, add `initstate`, one step.
  public init(initialState: (high: UInt64, low: UInt64), sequence: (high: UInt64, low: UInt64)) {
    let incHigh = (sequence.high << 1) | (sequence.low >> 63)
    let incLow = (sequence.low << 1) | 1
    self.init(state: (0, 0), increment: (incHigh, incLow))
    step()
    let (low, carry) = stateLow.addingReportingOverflow(initialState.low)
    stateLow = low
    stateHigh = stateHigh &+ initialState.high &+ (carry ? 1 : 0)
    step()
  }

  /// NumPy's seeding: four 64-bit words from `seedSequence.generateState64(4)`
  /// are `initstate` (words 0, 1: high, low) and `initseq` (words 2, 3).
  public init(seedSequence: SeedSequence) {
    let s = seedSequence.generateState64(4)
    self.init(initialState: (s[0], s[1]), sequence: (s[2], s[3]))
  }

  /// state = state * multiplier + increment (mod 2^128).
  @inlinable @inline(__always)
  mutating func step() {
    let (productHigh, productLow) = stateLow.multipliedFullWidth(by: Self.multiplierLow)
    let high = productHigh &+ stateLow &* Self.multiplierHigh &+ stateHigh &* Self.multiplierLow
    let (low, carry) = productLow.addingReportingOverflow(incrementLow)
    stateLow = low
    stateHigh = high &+ incrementHigh &+ (carry ? 1 : 0)
  }

  /// The next 64-bit output.
  @inlinable
  public mutating func next64() -> UInt64 {
    step()
    drawn &+= 1
    let folded = stateHigh ^ stateLow
    let rotation = stateHigh >> 58
    return Self.rotateRight(folded, by: rotation)
  }

  @inlinable @inline(__always)
  static func rotateRight(_ value: UInt64, by amount: UInt64) -> UInt64 {
    let r = amount & 63
    return (value >> r) | (value << ((64 &- r) & 63))
  }

  /// Same state, increment, kept half-word and counter.
  public static func == (lhs: PCG64, rhs: PCG64) -> Bool {
    lhs.stateHigh == rhs.stateHigh && lhs.stateLow == rhs.stateLow
      && lhs.incrementHigh == rhs.incrementHigh && lhs.incrementLow == rhs.incrementLow
      && lhs.halfWord == rhs.halfWord && lhs.drawn == rhs.drawn
  }

  /// Hashes what ``==`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(stateHigh)
    hasher.combine(stateLow)
    hasher.combine(incrementHigh)
    hasher.combine(incrementLow)
    hasher.combine(halfWord)
    hasher.combine(drawn)
  }
}

