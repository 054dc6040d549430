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
    /// `_SEED_GENERATOR.generator`, a stream of its own (`seed-generator`,
    /// framework tf-keras) that reports to ``observer``.
    public private(set) var seedGenerator: PythonRandom?
    /// The stream identity of ``seedGenerator``'s draws.
    public var seedGeneratorStream: StreamIdentity? { seedGenerator?.identity }
    /// Receives tf-keras's seed derivations and the seed generator's draws,
    /// and is handed to the stateless ops initializers run. Draws from the
    /// global Python `random` are reported by that generator's own
    /// observer, under its own identity (stream `global`, framework python).
    public var observer: (any DrawObserver)? {
      didSet { seedGenerator?.observer = observer }
    }

    public init(observer: (any DrawObserver)? = nil) {
      self.observer = observer
    }

    /// Sets the private generator to `random.Random(seed)`.
    mutating func setSeedGenerator(_ seed: Int64) {
      var generator = PythonRandom(seed: seed, name: "seed-generator")
      generator.identity.framework = .tfKeras
      generator.identity.seeding = .explicit(call: "tf_keras.utils.set_random_seed(\(seed))")
      generator.observer = observer
      seedGenerator = generator
      observer?.observe(seeded: generator.identity, start: 0)
    }

    /// `RandomGenerator._create_seed(None)`: `randint(1, 10**9)` from the
    /// private generator when set, else from the global `random` (which
    /// reports the draw to its own observer). Reports the derivation.
    mutating func drawSeed(python: inout PythonRandom, for consumer: String) -> Int64 {
      let seed: Int64
      let stream: StreamIdentity
      if seedGenerator != nil {
        seed = seedGenerator!.randint(1, 1_000_000_000)
        stream = seedGenerator!.identity
      } else {
        seed = python.randint(1, 1_000_000_000)
        stream = python.identity
      }
      observer?.observe(drawnSeed: seed)
      observer?.observe(
        SeedDerivation(
          rule: "tf_keras.RandomGenerator._create_seed",
          inputs: [.init("consumer", consumer), .init("source", stream.name)], result: String(seed)))
      return seed
    }
  }
}
