import RNGTrace

/// Seed chains through keyed streams: a derivation that keys a stream an
/// earlier divergent derivation already keyed belongs to that derivation's
/// cause.
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
/// The numbers that flow from one link's result into the next link's inputs
/// are followed by ``DiffEngine/derivedValueCause(_:_:)``; this rule adds the
/// streams: a derivation keying a stream that is already known to be an
/// effect (a `drawn` stream whose draw diverged) joins that effect's cause.
extension DiffEngine {
  /// The cause of an earlier divergent derivation that keyed one of the
  /// streams `da`/`db` key, if any.
  func seedChainCause(_ da: DerivationEvent, _ db: DerivationEvent) -> Int? {
    for s in da.keyedStreams { if let d = A.divergedDerivations[s] { return d } }
    for s in db.keyedStreams { if let d = B.divergedDerivations[s] { return d } }
    return nil
  }
}
