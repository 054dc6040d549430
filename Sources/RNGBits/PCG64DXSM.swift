/// PCG64DXSM, NumPy's `np.random.PCG64DXSM`: the PCG64 state with a
/// "cheap multiplier" step and the DXSM output function.
///
/// The 128-bit state advances as `state * 0xda942042e4dd58b5 + increment`
/// (a 64-bit multiplier). The output is computed from the state *before* the
/// step: `hi ^= hi >> 32; hi *= 0xda942042e4dd58b5; hi ^= hi >> 48;
/// hi *= (lo | 1)`.
///
/// ```swift
/// var dxsm = PCG64DXSM(seedSequence: SeedSequence(entropy: [0]))  // np.random.PCG64DXSM(0)
/// dxsm.next64()    // 0xd97e4a147f788a70
/// ```
///
/// Seeding is PCG64's, step for step (four words of `generate_state(4,
/// uint64)`: initial state, then sequence, stepped with the full multiplier),
/// so `PCG64(s)` and `PCG64DXSM(s)` start from the same state and increment;
/// they part with the first draw.
///
/// Edge cases: 32-bit draws split one 64-bit output, low half first (the
/// kept high half survives 64-bit draws), as for ``PCG64``; ``wordsDrawn``
/// counts 64-bit outputs.
public struct PCG64DXSM: HalfWordBuffered, Sendable, Hashable {
  /// The 64-bit multiplier of the step and the output function.
  @inlinable static var cheapMultiplier: UInt64 { 0xDA94_2042_E4DD_58B5 }

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
    precondition(increment.low & 1 == 1, "the PCG64DXSM increment must be odd")
    stateHigh = state.high
    stateLow = state.low
    incrementHigh = increment.high
    incrementLow = increment.low
    halfWord = HalfWordBuffer(cachedUInt32)
  }

  /// NumPy's seeding, shared with ``PCG64`` (`pcg64_set_seed`): increment
  /// `(initseq << 1) | 1`; state 0, one step, add `initstate`, one step,
  /// where the two seeding steps use PCG64's full 128-bit multiplier, not
  /// the cheap one the draws use.
  public init(initialState: (high: UInt64, low: UInt64), sequence: (high: UInt64, low: UInt64)) {
    let seeded = PCG64(initialState: initialState, sequence: sequence)
    self.init(state: seeded.state, increment: seeded.increment)
  }

  /// `np.random.PCG64DXSM(seed_seq)`: words 0, 1 of `generate_state(4, uint64)`
  /// are the initial state (high, low), words 2, 3 the sequence.
  public init(seedSequence: SeedSequence) {
    let s = seedSequence.generateState64(4)
    self.init(initialState: (s[0], s[1]), sequence: (s[2], s[3]))
  }

  /// state = state * cheapMultiplier + increment (mod 2^128).
  @inlinable @inline(__always)
  mutating func step() {
    let (productHigh, productLow) = stateLow.multipliedFullWidth(by: Self.cheapMultiplier)
    let high = productHigh &+ stateHigh &* Self.cheapMultiplier
    let (low, carry) = productLow.addingReportingOverflow(incrementLow)
    stateLow = low
    stateHigh = high &+ incrementHigh &+ (carry ? 1 : 0)
  }

  /// The next 64-bit output (DXSM of the current state, then one step).
  @inlinable
  public mutating func next64() -> UInt64 {
    var high = stateHigh
    high ^= high >> 32
    high = high &* Self.cheapMultiplier
    high ^= high >> 48
    high = high &* (stateLow | 1)
    step()
    drawn &+= 1
    return high
  }

  /// Same state, increment, kept half-word and counter.
  public static func == (lhs: PCG64DXSM, rhs: PCG64DXSM) -> Bool {
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
