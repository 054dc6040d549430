import RNGStreams
import Testing
import TorchStreams

/// `Tensor.random_(from, to)` against the golden case torch 2.15 wrote for it
/// (seed 4: int64, float32 with `random_(10)`, int16, float64 with ±2**40 bounds).
@Suite struct RandomTests {
  @Test func randomMatchesTheGoldenAndReportsItsOperation() throws {
    let goldens = try GoldenFile.load("torch-avx2.jsonl").cases
    let golden = try #require(goldens.first { $0.seed.description == "4" && $0.calls.first == "empty(6, dtype=torch.int64).random_(0, 100)" })
    var g = try TorchGenerator(seed: 4)
    let log = DrawLog()
    g.observer = log
    let int64 = try g.random_([6], dtype: .int64, from: 0, to: 100)
    let float32 = try g.random_([5], from: 0, to: 10)
    let int16 = try g.random_([4], dtype: .int16, from: -5, to: 5)
    let float64 = try g.random_([3], dtype: .float64, from: -(1 << 40), to: 1 << 40)
    #expect(int64.integers == golden.outputs[0].integers)
    #expect(float32.doubles == golden.outputs[1].floats)
    #expect(int16.integers == golden.outputs[2].integers)
    #expect(float64.doubles == golden.outputs[3].floats)
    #expect(log.draws.map(\.operation) == ["random_", "random_", "random_", "random_"])
    // One word per element below a range of 2**28, two from there on.
    #expect(log.draws.map(\.count) == [6, 5, 4, 6])
  }
}
