import JAXStreams
import RNGStreams
import Testing

/// `jax.random.wald`: what it reports, and that one element is computed
/// the way XLA compiles one element. Its values against JAX itself are in
/// fixtures/reference/jax/jax_wald.jsonl (GoldenSampleCases) and
/// fixtures/scripts/jax/wald_sampler.py.
@Suite struct JAXWaldTests {
  /// From wald_sampler.py (JAX 0.10.2, CPU): `wald(key(21), 2.0)` and the
  /// first element of `wald(key(21), 2.0, (6,))` share their normal and
  /// uniform but differ in the last bits.
  @Test func oneElementAndSeveralRoundDifferently() throws {
    let random = JAXRandom()
    let key = try random.key(21)
    let one = try random.wald(key, mean: 2, shape: []).floats ?? []
    let ofShapeOne = try random.wald(key, mean: 2, shape: [1, 1]).floats ?? []
    let several = try random.wald(key, mean: 2, shape: [6]).floats ?? []
    #expect(one == [Float(2.990462064743042)])
    #expect(ofShapeOne == one)
    #expect(several.first == Float(2.990462303161621))
  }

  @Test func reportsTheSplitTheNormalAndTheUniform() throws {
    let log = DrawLog()
    let random = JAXRandom(observer: log)
    let key = try random.key(4)
    let keys = try JAXRandom().split(key)
    let values = try random.wald(key, mean: 1.5, shape: [5])
    #expect(log.draws.map(\.stream.name) == [key, keys[0], keys[1]].map(\.description))
    #expect(log.draws.map(\.count) == [2, 5, 5])
    #expect(log.draws.map(\.distribution) == ["keys", "normal", "wald"])
    #expect(log.draws[2].values == values)
  }
}
