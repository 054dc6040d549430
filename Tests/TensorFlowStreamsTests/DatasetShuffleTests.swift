import RNGStreams
import Testing
import TensorFlowStreams

/// `tf.data`'s shuffle: the buffer algorithm, the seed generator's passes
/// and what they report. The orders below are TensorFlow 2.21's, printed by
/// `fixtures/scripts/tensorflow/data_shuffle.py` (expected.json there).
@Suite struct DatasetShuffleTests {
  @Test func passesOfAReshufflingDatasetAreTensorFlowsOrders() throws {
    var tf = TensorFlowEagerContext()
    var shuffle = try tf.datasetShuffle(bufferSize: 10, seed: 42, reshuffleEachIteration: true)
    let first = shuffle.nextPass(), second = shuffle.nextPass()
    #expect(DatasetShuffle.order(count: 10, bufferSize: 10, seed: first.seed, seed2: first.seed2) == [5, 9, 6, 4, 7, 1, 2, 8, 3, 0])
    #expect(DatasetShuffle.order(count: 10, bufferSize: 10, seed: second.seed, seed2: second.seed2) == [3, 7, 6, 5, 8, 4, 0, 1, 9, 2])
  }

  @Test func aSmallBufferAndAFixedSeedGenerator() throws {
    var tf = TensorFlowEagerContext()
    var fixed = try tf.datasetShuffle(bufferSize: 8, seed: 123, reshuffleEachIteration: false)
    let a = fixed.nextPass(), b = fixed.nextPass()
    #expect(a.seedDraw == nil && a.seed == b.seed && a.seed2 == b.seed2)
    #expect(DatasetShuffle.order(count: 25, bufferSize: 8, seed: a.seed, seed2: a.seed2)
      == [0, 5, 1, 9, 10, 4, 7, 6, 3, 13, 8, 18, 2, 17, 19, 11, 22, 15, 16, 23, 12, 20, 21, 24, 14])
    #expect(a.stream.name == "data.shuffle#1/pass1" && b.stream.name == "data.shuffle#1/pass2")
  }

  @Test func edgeCases() throws {
    // A buffer of one keeps the input order; no elements, no words.
    #expect(DatasetShuffle.order(count: 6, bufferSize: 1, seed: 87_654_321, seed2: 2) == [0, 1, 2, 3, 4, 5])
    #expect(DatasetShuffle.order(count: 0, bufferSize: 4, seed: 1, seed2: 2).isEmpty)
    #expect(DatasetShuffle.blocks(count: 0) == 0 && DatasetShuffle.blocks(count: 9) == 3)
    var tf = TensorFlowEagerContext()
    #expect(throws: FrameworkError.self) { try tf.datasetShuffle(bufferSize: 0, seed: 1, reshuffleEachIteration: true) }
  }

  @Test func theSeedGeneratorReportsContiguousBlocksTwoWordsAPass() throws {
    let log = DrawLog()
    var tf = TensorFlowEagerContext(observer: log)
    tf.setSeed(7)
    var shuffle = try tf.datasetShuffle(bufferSize: 5, seed: nil, reshuffleEachIteration: true)
    // With only the global seed, the op seed is the op-seed generator's next value.
    #expect(log.derivations.last?.derived?.name == "data.shuffle#1/seeds")
    #expect(shuffle.seeds.seed == 7)
    let draws = (0..<5).compactMap { _ in shuffle.nextPass().seedDraw }
    // Two passes share a Philox block: a block is counted when its first word is read.
    #expect(draws.map(\.counterBefore) == [0, 1, 1, 2, 2])
    #expect(draws.map(\.count) == [1, 0, 1, 0, 1])
    // The words are the passes' seeds, in order.
    let words = draws.flatMap { $0.values?.integers ?? [] }
    #expect(words.count == 10 && Set(words).count == 10)
  }
}
