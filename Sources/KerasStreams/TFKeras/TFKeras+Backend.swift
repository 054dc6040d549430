import PythonStreams
import RNGStreams

extension TFKeras {
  /// tf-keras's process-wide random state: the private seed generator
  /// (`tf_keras.backend._SEED_GENERATOR.generator`) and where draws are
  /// reported.
  ///
  /// The generator is `nil` until `tf_keras.utils.set_random_seed(s)`
  /// makes it `random.Random(s)`; while it is `nil`, unseeded initializers
  /// take their seed from the global Python `random` instead.
  ///
  /// ```swift
  /// var backend = TFKeras.Backend()
  /// backend.seedGenerator == nil        // true: seeds come from `random`
  /// ```
  public struct Backend {
    /// `_SEED_GENERATOR.generator`.
    public var seedGenerator: PythonRandom?
    /// The stream identity of ``seedGenerator``'s draws.
    public private(set) var seedGeneratorStream: StreamIdentity?
    /// The stream identity the caller uses for the global Python `random`,
    /// so that draws tf-keras takes from it line up with the caller's own.
    public var pythonRandomStream: StreamIdentity
    /// Receives tf-keras's seed draws and derivations, and is handed to the
    /// stateless ops initializers run.
    public var observer: (any DrawObserver)?

    public init(
      pythonRandomStream: StreamIdentity = StreamIdentity(
        framework: .python, name: "global", algorithm: .mt19937, seedMaterial: "random",
        seeding: .explicit(call: "random.seed")),
      observer: (any DrawObserver)? = nil
    ) {
      self.pythonRandomStream = pythonRandomStream
      self.observer = observer
    }

    /// Sets the private generator to `random.Random(seed)`.
    mutating func setSeedGenerator(_ seed: Int64) {
      seedGenerator = PythonRandom(seed: seed)
      seedGeneratorStream = StreamIdentity(
        framework: .tfKeras, name: "seed-generator", algorithm: .mt19937,
        seedMaterial: "init_by_array(\(PythonRandom.words(of: seed.magnitude)))",
        seeding: .explicit(call: "tf_keras.utils.set_random_seed(\(seed))"))
    }

    /// `RandomGenerator._create_seed(None)`: `randint(1, 10**9)` from the
    /// private generator when set, else from the global `random`. Reports
    /// the draw and the derivation.
    mutating func drawSeed(python: inout PythonRandom, for consumer: String) -> Int64 {
      let seed: Int64
      let stream: StreamIdentity
      let before: UInt64
      let after: UInt64
      if seedGenerator != nil, let identity = seedGeneratorStream {
        before = seedGenerator!.mt.wordsDrawn
        seed = seedGenerator!.randint(1, 1_000_000_000)
        after = seedGenerator!.mt.wordsDrawn
        stream = identity
      } else {
        before = python.mt.wordsDrawn
        seed = python.randint(1, 1_000_000_000)
        after = python.mt.wordsDrawn
        stream = pythonRandomStream
      }
      if let observer {
        observer.observe(
          DrawReport(
            stream: stream, counterBefore: before, count: after - before, operation: "randint",
            distribution: "integers", parameters: [.init("a", "1"), .init("b", "1000000000")], shape: [],
            values: .int64([seed])))
        observer.observe(
          SeedDerivation(
            rule: "tf_keras.RandomGenerator._create_seed",
            inputs: [.init("consumer", consumer), .init("source", stream.name)], result: String(seed)))
      }
      return seed
    }
  }
}
