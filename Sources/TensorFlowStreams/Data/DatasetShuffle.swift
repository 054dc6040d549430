import RNGBits
import RNGStreams

/// The randomness of one `tf.data.Dataset.shuffle(buffer_size, seed,
/// reshuffle_each_iteration)` call (TensorFlow 2.21's shuffle dataset
/// kernel and its seed generator).
///
/// Every pass over the dataset (each `for x in ds`) makes a new iterator
/// with seeds `(s, s2)` from the dataset's seed generator: with
/// `reshuffle_each_iteration` (the default) the generator is a Philox
/// stream keyed by the op seeds that hands out two 32-bit words per pass,
/// one at a time; without, every pass gets the op seeds themselves. The
/// iterator's own Philox stream, keyed by `(s, s2)`, gives one 32-bit word
/// per element: the buffer holds up to `buffer_size` elements in a ring,
/// and each element out is the one at `word % (elements in the buffer)`
/// past the oldest, which then takes its slot.
///
/// ```swift
/// var shuffle = DatasetShuffle(bufferSize: 10, seeds: OpSeeds(seed: 87_654_321, seed2: 42),
///                              reshuffleEachIteration: true, name: "data.shuffle#1")
/// let pass = shuffle.nextPass()                 // seeds from the generator's words 0 and 1
/// DatasetShuffle.order(count: 10, bufferSize: 10, seed: pass.seed, seed2: pass.seed2)
/// // [5, 9, 6, 4, 7, 1, 2, 8, 3, 0], as tf.data.Dataset.range(10).shuffle(10, seed=42)
/// ```
///
/// Edge cases: op seeds `(0, 0)` (no global and no op seed) make the seed
/// generator draw its own seeds from the system's entropy, as TensorFlow
/// does, and its stream says so; a buffer of one gives the input order but
/// still draws one word per element.
public struct DatasetShuffle: Sendable {
  public let bufferSize: Int
  public let seeds: OpSeeds
  public let reshuffleEachIteration: Bool
  /// The seed generator's stream (reshuffling only); its counter unit is a Philox block.
  public let seedStream: StreamIdentity?
  /// The stream names' common part (`data.shuffle#N`).
  public let name: String
  /// How the op seeds came about: each pass's stream without reshuffling says so.
  private let fixedSeeding: StreamSeeding
  private var words: WordReader
  /// Blocks the seed generator has computed so far.
  private var blocksRead: UInt64 = 0
  /// Passes begun so far.
  public private(set) var passes = 0

  public init(bufferSize: Int, seeds: OpSeeds, reshuffleEachIteration: Bool, name: String) {
    var seed = UInt64(bitPattern: seeds.seed), seed2 = UInt64(bitPattern: seeds.seed2)
    var seeding: StreamSeeding = seeds.graphSeedIsDefault
      ? .frameworkDefault(from: "default graph seed \(seeds.seed), op seed \(seeds.seed2)")
      : .derived(rule: "tf.get_seed", from: seeds.description)
    if seeds.isNondeterministic {
      var system = SystemRandomNumberGenerator()
      seed = system.next()
      seed2 = system.next()
      seeding = .entropy
    }
    self.bufferSize = bufferSize
    self.seeds = OpSeeds(seed: Int64(bitPattern: seed), seed2: Int64(bitPattern: seed2))
    self.reshuffleEachIteration = reshuffleEachIteration
    self.name = name
    words = WordReader(counter: Self.counter(seed2), key: Self.key(seed))
    seedStream = reshuffleEachIteration
      ? StreamIdentity(framework: .tensorflow, name: "\(name)/seeds", algorithm: .philox4x32_10,
                       seedMaterial: "seed=\(seed) seed2=\(seed2)", seeding: seeding)
      : nil
    fixedSeeding = seeding
  }

  /// One pass's seeds, the draw that made them (reshuffling only) and the
  /// stream of its iterator.
  public struct Pass: Sendable {
    public var seed: UInt64
    public var seed2: UInt64
    public var seedDraw: DrawReport?
    public var stream: StreamIdentity
  }

  /// The seeds of the next pass over the dataset.
  public mutating func nextPass() -> Pass {
    passes += 1
    let passName = "\(name)/pass\(passes)"
    guard let seedStream else {
      let stream = StreamIdentity(
        framework: .tensorflow, name: passName, algorithm: .philox4x32_10,
        seedMaterial: "seed=\(seeds.seed) seed2=\(seeds.seed2)", seeding: fixedSeeding)
      return Pass(seed: UInt64(bitPattern: seeds.seed), seed2: UInt64(bitPattern: seeds.seed2), seedDraw: nil, stream: stream)
    }
    // Two words, one at a time: a block is computed when the first of its four words is read.
    let before = blocksRead
    if words.used == 4 { blocksRead += 1 }
    let seed = UInt64(words.next())
    if words.used == 4 { blocksRead += 1 }
    let seed2 = UInt64(words.next())
    let draw = DrawReport(
      stream: seedStream, counterBefore: before, count: blocksRead - before, operation: "dataset_seeds",
      distribution: "bits", parameters: [.init("words", "2")], shape: [2],
      values: .int64([Int64(seed), Int64(seed2)]))
    let stream = StreamIdentity(
      framework: .tensorflow, name: passName, algorithm: .philox4x32_10,
      seedMaterial: "seed=\(seed) seed2=\(seed2)",
      seeding: .derived(rule: "tf.data.RandomSeedGenerator", from: "\(seedStream.name) words \(2 * passes - 2) and \(2 * passes - 1)"))
    return Pass(seed: seed, seed2: seed2, seedDraw: draw, stream: stream)
  }

  /// The order in which a pass over `count` elements gives them out, and
  /// the Philox blocks its iterator computes (one word per element).
  public static func order(count: Int, bufferSize: Int, seed: UInt64, seed2: UInt64) -> [Int] {
    precondition(bufferSize > 0, "the buffer holds at least one element")
    var words = WordReader(counter: counter(seed2), key: key(seed))
    var ring = [Int](repeating: 0, count: min(bufferSize, max(count, 1)))
    let size = ring.count
    var start = 0, end = 0, next = 0
    var out: [Int] = []
    out.reserveCapacity(count)
    while true {
      while next < count && end - start < size {
        ring[end % size] = next
        next += 1
        end += 1
      }
      if end == start { return out }
      let offset = Int(words.next()) % (end - start)
      let slot = (start + offset) % size
      out.append(ring[slot])
      ring.swapAt(slot, start % size)
      start += 1
    }
  }

  /// Blocks a pass over `count` elements computes.
  public static func blocks(count: Int) -> UInt64 { UInt64((count + 3) / 4) }

  static func key(_ seed: UInt64) -> SIMD2<UInt32> {
    SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
  }

  static func counter(_ seed2: UInt64) -> SIMD4<UInt32> {
    SIMD4(0, 0, UInt32(truncatingIfNeeded: seed2), UInt32(truncatingIfNeeded: seed2 >> 32))
  }
}
