import JAXStreams
import RNGStreams
import Testing

/// What a JAX emulation tells its observer: one report per sampling call,
/// counted in Threefry blocks, and one derivation per key it makes.
@Suite struct JAXObservationTests {
  @Test(arguments: [true, false])
  func eachCallReportsTheBlocksItHashes(partitionable: Bool) throws {
    let log = DrawLog()
    let random = JAXRandom(config: JAXConfig(threefryPartitionable: partitionable), observer: log)
    let key = try random.key(7)
    let keys = try random.split(key, num: 3)
    let u = try random.uniform(keys[0], shape: [5])
    let z = try random.normal(keys[1], shape: [4, 3])
    let b = try random.bits(keys[2], shape: [7], dtype: .uint8)
    let r = try random.randint(key, shape: [10], minval: 0, maxval: 9)
    let p = try random.permutation(keys[0], 10)
    let folded = try random.foldIn(keys[1], 12)

    let draws = log.draws
    #expect(draws.map(\.operation) == ["split", "uniform", "normal", "bits", "randint", "permutation", "fold_in"])
    #expect(draws.map(\.stream.name) == [key, keys[0], keys[1], keys[2], key, keys[0], keys[1]].map(\.description))
    #expect(draws.allSatisfy { $0.stream.framework == .jax && $0.stream.counterUnit == .threefryBlock })
    // Blocks: one per element when partitionable; one per two 32-bit words otherwise.
    let blocks: [UInt64] = partitionable ? [3, 5, 12, 7, 2 + 10 + 10, 2 + 10, 1] : [3, 3, 6, 1, 2 + 5 + 5, 2 + 5, 1]
    #expect(draws.map(\.count) == blocks)
    #expect(draws.map(\.counterBefore) == [0, 0, 0, 0, 0, 0, 12])
    #expect(draws[1].values == .float32(u.floats ?? []))
    #expect(draws[2].values == .float32(z.floats ?? []))
    #expect(draws[2].shape == [4, 3])
    #expect(draws[3].values == b && b.dtype == .uint8)
    #expect(draws[4].values == r && r.dtype == .int32)
    #expect(draws[5].values == p && p.dtype == .int32)

    let derivations = log.derivations
    #expect(derivations.map(\.rule) == ["jax.key", "jax.split", "jax.split", "jax.split", "jax.fold_in"])
    #expect(derivations.map(\.result) == ([key] + keys + [folded]).map(\.description))
    #expect(derivations.map { $0.derived?.name } == ([key] + keys + [folded]).map(\.description))
  }

  @Test func reusingAKeyShowsAsTheSameCountersTwice() throws {
    let log = DrawLog()
    let random = JAXRandom(observer: log)
    let key = try random.key(1)
    let first = try random.uniform(key, shape: [4])
    let second = try random.normal(key, shape: [4])
    #expect(log.draws.count == 2)
    #expect(log.draws[0].stream == log.draws[1].stream)
    #expect(log.draws[0].counterBefore == log.draws[1].counterBefore)
    #expect(log.draws[0].counterAfter == log.draws[1].counterAfter)
    #expect(log.draws[0].values == .float32(first.floats ?? []))
    #expect(log.draws[1].values == .float32(second.floats ?? []))
  }

  @Test func configIsPartOfTheStream() throws {
    let log = DrawLog()
    let key = JAXKey(hi: 0, lo: 3)
    _ = try JAXRandom(observer: log).bits(key, shape: [1])
    _ = try JAXRandom(config: JAXConfig(threefryPartitionable: false), observer: log).bits(key, shape: [1])
    #expect(log.draws[0].stream.name == log.draws[1].stream.name)
    #expect(log.draws[0].stream != log.draws[1].stream)
  }

  @Test func withoutAnObserverNothingIsReported() throws {
    let random = JAXRandom()
    #expect(random.observer == nil)
    #expect(try random.uniform(random.key(0), shape: [3]).count == 3)
  }
}
