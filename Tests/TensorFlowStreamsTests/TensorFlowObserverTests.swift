import RNGStreams
import Testing
import TensorFlowStreams

/// What the emulation tells an observer: one report per call, contiguous
/// counters per stream, and a derivation for every seed.
@Suite struct TensorFlowObserverTests {
  @Test func everyCallReportsOnceAndCountersAreContiguous() throws {
    let log = DrawLog()
    var tf = TensorFlowEagerContext(observer: log)
    tf.setSeed(1234)
    _ = try tf.uniform([3])
    _ = try tf.uniform([3], seed: 5)
    _ = try tf.uniform([7], seed: 5)
    _ = try tf.dropout(.float32(Array(repeating: 1, count: 5)), shape: [5], rate: 0.5, seed: 5)
    _ = try tf.truncatedNormal([9])
    _ = try tf.shuffle(.int32(Array(0..<10)), shape: [10], seed: 2)

    let kernelDraws = log.draws.filter { $0.stream.algorithm == .philox4x32_10 }
    #expect(kernelDraws.count == 6)
    // The seed=5 kernel is shared by uniform and dropout: 3·256, then 7·256 further.
    let shared = kernelDraws.filter { $0.stream.name == "op(1234,5)/RandomUniform/float32" }
    #expect(shared.map(\.counterBefore) == [0, 768, 2560])
    #expect(shared.map(\.count) == [768, 1792, 1280])
    #expect(kernelDraws.last?.count == 3)  // shuffle of 10 rows: ⌈9 / 4⌉ blocks

    // Three seedless ops took op seeds: uniform, truncated_normal... and
    // every op seed draw is one report on the op-seed stream.
    let opSeedDraws = log.draws.filter { $0.stream.name == "eager-op-seeds" }
    #expect(opSeedDraws.count == 2)
    Self.expectContiguous(log.draws)

    // Each stateful op's derivation names the kernel stream it keyed.
    let derived = log.derivations.compactMap(\.derived?.name)
    #expect(derived.contains("op(1234,5)/RandomUniform/float32"))
    #expect(derived.contains("op(1234,2)/RandomShuffle/int32"))
  }

  @Test func setSeedStartsNewStreamsInsteadOfRewinding() throws {
    let log = DrawLog()
    var tf = TensorFlowEagerContext(observer: log)
    tf.setSeed(7)
    let a = try tf.uniform([4], seed: 1)
    tf.setSeed(7)
    let b = try tf.uniform([4], seed: 1)
    #expect(a == b)
    let names = log.draws.filter { $0.stream.algorithm == .philox4x32_10 }.map(\.stream.name)
    #expect(names == ["op(7,1)/RandomUniform/float32", "op(7,1)/RandomUniform/float32#1"])
    Self.expectContiguous(log.draws)
  }

  @Test func statelessCallsReportTheirKeyAndRestartAtZero() throws {
    let log = DrawLog()
    let a = try StatelessRandomOps.normal([5], seed: [3, 4], observer: log)
    let b = try StatelessRandomOps.normal([5], seed: [3, 4], observer: log)
    #expect(a == b)
    #expect(log.draws.map(\.counterBefore) == [0, 0])
    #expect(log.draws.map(\.count) == [2, 2])
    #expect(log.draws[0].stream.name == "stateless(3,4)")
    #expect(log.derivations.count == 2)
    #expect(log.derivations[0].rule == "tf.stateless.GenerateKey")
  }

  @Test func rateZeroDropoutTakesAnOpSeedButDrawsNothing() throws {
    let log = DrawLog()
    var tf = TensorFlowEagerContext(observer: log)
    tf.setSeed(1234)
    let x = DrawnValues.float32([1, 2, 3])
    #expect(try tf.dropout(x, shape: [3], rate: 0) == x)
    #expect(log.draws.count == 1)
    #expect(log.draws[0].stream.name == "eager-op-seeds")
  }

  static func expectContiguous(_ draws: [DrawReport]) {
    var next: [StreamIdentity: UInt64] = [:]
    for d in draws {
      #expect(d.counterBefore == next[d.stream] ?? 0, "\(d.stream.name)")
      next[d.stream] = d.counterAfter
    }
  }
}
