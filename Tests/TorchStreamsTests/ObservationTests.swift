import RNGStreams
import Testing
@testable import TorchStreams

/// One report per call, contiguous counters, and word counts per the PyTorch
/// kernels (research §4, [RUN]).
@Suite struct ObservationTests {
  @Test func everyCallReportsOnceWithContiguousCounters() throws {
    var g = try TorchGenerator(seed: 42)
    let log = DrawLog()
    g.observer = log
    var returned: [DrawnValues] = []
    returned.append(try g.rand([5]))                                     // 5 words
    returned.append(try g.rand([3], dtype: .float64))                    // 6
    returned.append(try g.randn([3]))                                    // 8, caches one
    returned.append(try g.randn([1]))                                    // 0, from the cache
    returned.append(try g.randn([17]))                                   // 17 + 16
    returned.append(try g.randn([16], dtype: .float64))                  // 32
    returned.append(try g.randn([20], dtype: .float64))                  // 40 + 32
    returned.append(try g.randint(0, 10, [4]))                           // 4
    returned.append(try g.randint(0, 1 << 28, [4]))                      // 8
    returned.append(try g.randperm(10))                                  // 9
    returned.append(try g.uniform_([4], from: -1, to: 2))                // 4
    returned.append(try g.normal_([2], mean: 1, std: 2))                 // 4 (one new pair)
    returned.append(try g.bernoulli_([6], p: 0.3))                       // 12
    returned.append(try g.dropout(.float32([1, 1, 1]), shape: [3], p: 0.5))  // 6
    let linear = try g.linear(3, 2)                                      // 6 + 2, two reports
    #expect(log.draws.count == returned.count + 2)
    #expect(log.draws.map(\.count) == [5, 6, 8, 0, 33, 32, 72, 4, 8, 9, 4, 4, 12, 6, 6, 2])
    var counter: UInt64 = 0
    for draw in log.draws {
      #expect(draw.counterBefore == counter)
      counter = draw.counterAfter
      #expect(draw.stream.name == "cpu-default")
      #expect(draw.stream.framework == .torch)
      #expect(draw.stream.algorithm == .mt19937)
    }
    #expect(counter == g.wordsDrawn)
    for (k, (draw, values)) in zip(log.draws, returned).enumerated() where k != 13 { #expect(draw.values == values) }
    // dropout reports its keep mask (true = kept), not the scaled output.
    guard case .float32(let dropped) = returned[13], case .bool(let kept)? = log.draws[13].values else {
      Issue.record("dropout reports a bool mask")
      return
    }
    #expect(kept == dropped.map { $0 != 0 })
    #expect(log.draws[14].operation == "kaiming_uniform_" && log.draws[14].values == linear[0].values)
    #expect(log.draws[15].operation == "uniform_" && log.draws[15].shape == [2])
  }

  @Test func callsThatDoNotTouchTheGeneratorDoNotReport() throws {
    var g = try TorchGenerator(seed: 0)
    let log = DrawLog()
    g.observer = log
    let x = DrawnValues.float32([1, 2, 3])
    #expect(try g.dropout(x, shape: [3], p: 0) == x)
    #expect(try g.dropout(x, shape: [3], p: 0.5, training: false) == x)
    #expect(try g.dropout(x, shape: [3], p: 1) == .float32([0, 0, 0]))
    #expect(try g.kaimingUniform_([0, 3]) == .float32([]))
    #expect(log.draws.isEmpty && g.wordsDrawn == 0)
    // An empty sampler call still reports, with count 0.
    _ = try g.rand([0])
    #expect(log.draws.count == 1 && log.draws[0].count == 0)
  }

  @Test func reseedingStartsANewStreamIdentity() throws {
    var g = try TorchGenerator(seed: 5)
    let log = DrawLog()
    g.observer = log
    _ = try g.rand([2])
    try g.manualSeed(6)
    _ = try g.rand([2])
    #expect(log.draws[0].stream != log.draws[1].stream)
    #expect(log.draws[1].counterBefore == 0)
    #expect(log.draws[1].stream.seeding == .explicit(call: "torch.manual_seed(6)"))
  }
}
