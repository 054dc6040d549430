import Testing

@testable import RNGEngine

/// The order of training's float32 sums under `--threads N` and `--device
/// gpu`: the blocks, their order, and the switches that turn the GPU's
/// order off. Terms are chosen so that float32 rounding shows the order:
/// `1e8 + 1` rounds back to `1e8`.
@Suite struct ReductionOrderTests {
  static let terms: [Float] = [1e8, 1, -1e8, 1]

  @Test func threadsCutTheSumIntoContiguousBlocksAddedInBlockOrder() throws {
    let plan = try #require(ReductionOrder(.threads(2)).plan(length: 5))
    #expect(plan.bounds == [0, 2, 5])
    // Index order: ((1e8 + 1) - 1e8) + 1 = 1; two blocks: (1e8 + 1) + (-1e8 + 1) = 0.
    let two = try #require(ReductionOrder(.threads(2)).plan(length: 4))
    #expect(two.sum(element: 0) { Self.terms[$0] } == 0)
    var sequential: Float = 0
    for t in Self.terms { sequential += t }
    #expect(sequential == 1)
  }

  @Test func oneThreadOrOneTermKeepsTheIndexOrder() {
    #expect(ReductionOrder(.threads(1)).plan(length: 10) == nil)
    #expect(ReductionOrder(.threads(4)).plan(length: 1) == nil)
    #expect(ReductionOrder(.gpu(seed: 1)).plan(length: 1) == nil)
  }

  @Test func moreThreadsThanTermsGiveOneTermPerBlock() throws {
    let plan = try #require(ReductionOrder(.threads(16)).plan(length: 3))
    #expect(plan.bounds == [0, 1, 2, 3])
  }

  /// The GPU's order is drawn: the same seed repeats it call for call, and
  /// over many calls two seeds disagree somewhere.
  @Test func theGPUOrderFollowsTheRunsSeed() throws {
    func sums(_ seed: UInt64) -> [Float] {
      let order = ReductionOrder(.gpu(seed: seed))
      return (0..<32).map { call in order.plan(length: 4)?.sum(element: call) { Self.terms[$0] } ?? .nan }
    }
    #expect(sums(11) == sums(11))
    #expect(sums(11) != sums(12))
    #expect(Set(sums(11)).count > 1, "the order should change from call to call")
  }

  @Test func opDeterminismTurnsTheGPUOrderOff() {
    let api = ReductionOrder(.gpu(seed: 5))
    #expect(api.plan(length: 4) != nil)
    api.opDeterminismEnabled = true
    #expect(api.plan(length: 4) == nil)
    let environment = ReductionOrder(.gpu(seed: 5))
    environment.environmentDeterminism = { true }
    #expect(environment.plan(length: 4) == nil)
    // Op determinism does not make thread counts agree.
    let threads = ReductionOrder(.threads(2))
    threads.opDeterminismEnabled = true
    #expect(threads.plan(length: 4) != nil)
  }

  @Test func matrixProductsFollowTheCurrentOrder() {
    // A 1×4 row times a 4×1 column is the sum of the terms.
    let x = KerasMatrix(rows: 1, columns: 4, values: Self.terms)
    let w = KerasMatrix(rows: 4, columns: 1, values: [1, 1, 1, 1])
    #expect(x.times(w).values == [1])
    let blocked = ReductionOrder.$current.withValue(ReductionOrder(.threads(2))) { x.times(w).values }
    #expect(blocked == [0])
    let column = KerasMatrix(rows: 4, columns: 1, values: Self.terms)
    let sums = ReductionOrder.$current.withValue(ReductionOrder(.threads(2))) { column.columnSums() }
    #expect(sums == [0])
    #expect(column.columnSums() == [1])
  }
}
