import RNGStreams
import Testing
import TensorFlowStreams

/// `tf.random.stateless_poisson`: values printed by the real
/// TensorFlow 2.21 (CPU); tensorflow_stateless_poisson.jsonl has the rest.
@Suite struct TensorFlowStatelessPoissonTests {
  @Test func knuthDrawsMatchTensorFlow() throws {
    #expect(try StatelessRandomOps.poisson([10], seed: [12, 34], lam: [3], lamShape: [])
      == .int32([4, 5, 2, 1, 4, 2, 4, 1, 4, 2]))
    // Output [s, i] draws from lam[i]; the draws are numbered rate by rate.
    #expect(try StatelessRandomOps.poisson([10, 2], seed: [12, 34], lam: [1.5, 7], lamShape: [2])
      == .int32([1, 9, 1, 4, 2, 6, 0, 7, 1, 6, 1, 7, 3, 4, 1, 7, 2, 8, 2, 8]))
  }

  @Test func reportsOneDrawAndRefusesRatesTensorFlowNeverFinishes() throws {
    let log = DrawLog()
    _ = try StatelessRandomOps.poisson([3], seed: [1, 2], lam: [2], lamShape: [], dtype: .int64, observer: log)
    #expect(log.draws.map(\.count) == [768])
    #expect(log.draws.first?.stream.name == "stateless(1,2)")
    #expect(throws: FrameworkError.self) { try StatelessRandomOps.poisson([3], seed: [1, 2], lam: [.infinity], lamShape: []) }
    #expect(throws: FrameworkError.self) { try StatelessRandomOps.poisson([3], seed: [1, 2], lam: [.nan], lamShape: []) }
    #expect(throws: FrameworkError.self) { try StatelessRandomOps.poisson([3], seed: [1, 2], lam: [1, 2], lamShape: [2]) }
  }
}
