import RNGBits
import RNGStreams

/// A `tf.random.Generator` with the Philox algorithm: a three-word state
/// `[counter_lo, counter_hi, key]` (int64 each) that every sampling call
/// reads and then advances.
///
/// A call that produces `n` elements reads Philox blocks from the state's
/// 128-bit counter under its 64-bit key (the same fill as the stateless ops
/// from a key and counter), then adds `n × 256` to the counter
/// (`RngReadAndSkip`), whatever the distribution used.
///
/// ```swift
/// let state = TensorFlowGenerator.state(fromSeedWords: [1234], negative: false)   // from_seed(1234)
/// var g = try TensorFlowGenerator(state: state, name: "generator#1", seeding: .explicit(call: "from_seed(1234)"))
/// g.state                           // [1234, 0, 0]
/// try g.uniform([3])                // [0.3581475, 0.11322761, 0.56670904]
/// g.state                           // [2002, 0, 0]
/// ```
///
/// Edge cases:
/// - The counter is 128 bits: `[-1, -1, k]` plus 512 wraps to `[511, 0, k]`.
/// - A call of zero elements reads and advances nothing.
/// - Draw reports count blocks from the state the stream started at (its
///   creation or last reset), so successive reports are contiguous.
public struct TensorFlowGenerator: Sendable, Hashable {
  /// `alg=`: Philox (id 1) or auto-select (id 3), which is Philox on CPU.
  /// ThreeFry (id 2) is refused: TensorFlow's CPU kernels do not run it.
  public enum Algorithm: Int, Sendable, Hashable {
    case philox = 1
    case autoSelect = 3
  }

  /// The state as TensorFlow shows it (`g.state.numpy()`).
  public private(set) var state: [Int64]
  public let algorithm: Algorithm
  /// The stream the generator draws from; ``reset(state:seeding:)`` starts a new one.
  public private(set) var stream: StreamIdentity
  /// Blocks advanced since the stream started.
  public private(set) var blocksSinceStart: UInt64 = 0
  /// Resets so far; names the streams that follow them.
  var resets = 0
  /// The name of the first stream (`generator#1`).
  public let baseName: String

  /// A generator with an explicit state, `tf.random.Generator.from_state(state, alg)`.
  ///
  /// - Throws: ``FrameworkError`` unless `state` has exactly three elements.
  public init(state: [Int64], algorithm: Algorithm = .philox, name: String, seeding: StreamSeeding) throws {
    guard state.count == 3 else {
      throw FrameworkError(
        "Shapes (\(state.count),) and (3,) are incompatible: a Philox generator state has 3 int64 elements [counter_lo, counter_hi, key].",
        parameter: "state")
    }
    self.init(validState: (state[0], state[1], state[2]), algorithm: algorithm, name: name, seeding: seeding)
  }

  /// A generator with a state that has three words by construction.
  init(validState state: (Int64, Int64, Int64), algorithm: Algorithm, name: String, seeding: StreamSeeding) {
    self.state = [state.0, state.1, state.2]
    self.algorithm = algorithm
    baseName = name
    stream = Self.stream(name: name, state: self.state, seeding: seeding)
  }

  /// `tf.random.Generator.from_seed(seed)` for a seed vector (already
  /// converted to int64; ``state(fromSeedWords:negative:)`` converts a Python int).
  public init(seedVector seed: [Int64], algorithm: Algorithm = .philox, name: String, seeding: StreamSeeding) {
    // state(fromSeedVector:) always has three words.
    let state = Self.state(fromSeedVector: seed)
    self.init(validState: (state[0], state[1], state[2]), algorithm: algorithm, name: name, seeding: seeding)
  }

  /// `tf.random.Generator.from_non_deterministic_state()`: a state of three
  /// words from the system's entropy; its stream says so.
  public init(entropyAlgorithm algorithm: Algorithm = .philox, name: String) {
    var system = SystemRandomNumberGenerator()
    let words = (Int64(bitPattern: system.next()), Int64(bitPattern: system.next()), Int64(bitPattern: system.next()))
    self.init(validState: words, algorithm: algorithm, name: name, seeding: .entropy)
  }

  /// `create_rng_state(seed, alg)` for a seed vector: its first three
  /// elements, padded with zeros on the left (`[1, 2]` → `[0, 1, 2]`).
  public static func state(fromSeedVector seed: [Int64]) -> [Int64] {
    let head = Array(seed.prefix(3))
    return [Int64](repeating: 0, count: 3 - head.count) + head
  }

  /// `create_rng_state(seed, alg)` for a Python int, given as its 64-bit
  /// two's-complement words, least significant first (a negative int's
  /// missing words are all ones): the first three words.
  ///
  /// ```swift
  /// TensorFlowGenerator.state(fromSeedWords: [5, 64], negative: false)   // 2**70 + 5 → [5, 64, 0]
  /// TensorFlowGenerator.state(fromSeedWords: [UInt64.max], negative: true)   // -1 → [-1, -1, -1]
  /// ```
  public static func state(fromSeedWords words: [UInt64], negative: Bool) -> [Int64] {
    (0..<3).map { i in Int64(bitPattern: i < words.count ? words[i] : (negative ? UInt64.max : 0)) }
  }

  static func stream(name: String, state: [Int64], seeding: StreamSeeding) -> StreamIdentity {
    StreamIdentity(
      framework: .tensorflow, name: name, algorithm: .philox4x32_10,
      seedMaterial: "state=[\(state.map(String.init).joined(separator: ", "))]", seeding: seeding)
  }

  /// The Philox key: the state's last word.
  var key: SIMD2<UInt32> {
    let k = UInt64(bitPattern: state[2])
    return SIMD2(UInt32(truncatingIfNeeded: k), UInt32(truncatingIfNeeded: k >> 32))
  }

  /// The Philox counter: the state's first two words, low word first.
  var counter: SIMD4<UInt32> {
    let lo = UInt64(bitPattern: state[0])
    let hi = UInt64(bitPattern: state[1])
    return SIMD4(
      UInt32(truncatingIfNeeded: lo), UInt32(truncatingIfNeeded: lo >> 32),
      UInt32(truncatingIfNeeded: hi), UInt32(truncatingIfNeeded: hi >> 32))
  }

  /// `RngReadAndSkip(delta: elements)`: the fill at the current state, and
  /// the state's counter advanced by `elements × 256` blocks (128-bit add).
  mutating func readAndSkip(elements: Int) -> (fill: PhiloxFill, counterBefore: UInt64, blocks: UInt64) {
    let fill = PhiloxFill(counter: counter, key: key)
    let (high, low) = UInt64(elements).multipliedFullWidth(by: 256)
    let (newLow, carry) = UInt64(bitPattern: state[0]).addingReportingOverflow(low)
    let newHigh = UInt64(bitPattern: state[1]) &+ high &+ (carry ? 1 : 0)
    state[0] = Int64(bitPattern: newLow)
    state[1] = Int64(bitPattern: newHigh)
    let before = blocksSinceStart
    blocksSinceStart &+= low
    return (fill, before, low)
  }

  /// `skip(delta)`: advances the counter as a call of `delta` elements
  /// would and returns the state before.
  public mutating func skip(_ delta: Int) -> [Int64] {
    let before = state
    _ = readAndSkip(elements: delta)
    return before
  }

  /// `reset(state)` / `reset_from_seed(seed)`: a new state, and a new
  /// stream (`generator#1/reset1`) so that the trace does not read it as a
  /// rewind of the old one.
  ///
  /// - Throws: ``FrameworkError`` unless `state` has three elements.
  public mutating func reset(state newState: [Int64], seeding: StreamSeeding) throws {
    guard newState.count == 3 else {
      throw FrameworkError(
        "Shapes (\(newState.count),) and (3,) are incompatible: a Philox generator state has 3 int64 elements.",
        parameter: "state")
    }
    resets += 1
    state = newState
    blocksSinceStart = 0
    stream = Self.stream(name: "\(baseName)/reset\(resets)", state: newState, seeding: seeding)
  }
}
