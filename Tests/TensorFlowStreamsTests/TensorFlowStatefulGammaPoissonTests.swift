import RNGStreams
import Testing
import TensorFlowStreams

/// The stateful `tf.random.gamma` and `tf.random.poisson` kernels: each run
/// reserves 256 blocks per output, so two runs continue where one longer run
/// would have gone; tensorflow_gamma_poisson.jsonl has the real values.
@Suite struct TensorFlowStatefulGammaPoissonTests {
  @Test func twoRunsOfAKernelAreOneLongerRun() throws {
    var split = TensorFlowEagerContext()
    var whole = TensorFlowEagerContext()
    let first = try split.gamma([2], alpha: [0.7], alphaShape: [], dtype: .float64, seed: 7)
    let second = try split.gamma([2], alpha: [0.7], alphaShape: [], dtype: .float64, seed: 7)
    let both = try whole.gamma([4], alpha: [0.7], alphaShape: [], dtype: .float64, seed: 7)
    guard case .float64(let a) = first, case .float64(let b) = second, case .float64(let c) = both else {
      Issue.record("float64 gamma gives float64 values")
      return
    }
    #expect(a + b == c)
    let p1 = try split.poisson([3], lam: [25], lamShape: [], dtype: .int64, seed: 7)
    let p2 = try split.poisson([3], lam: [25], lamShape: [], dtype: .int64, seed: 7)
    let p = try whole.poisson([6], lam: [25], lamShape: [], dtype: .int64, seed: 7)
    guard case .int64(let x) = p1, case .int64(let y) = p2, case .int64(let z) = p else {
      Issue.record("int64 poisson gives int64 values")
      return
    }
    #expect(x + y == z)
  }

  @Test func refusesWhatTensorFlowRejectsOrNeverFinishes() {
    var tf = TensorFlowEagerContext()
    #expect(throws: FrameworkError.self) { try tf.gamma([2], alpha: [1], alphaShape: [], dtype: .int32, seed: 1) }
    #expect(throws: FrameworkError.self) {
      try tf.gamma([2], alpha: [1, 2], alphaShape: [2], beta: [1, 2, 3], betaShape: [3], seed: 1)
    }
    #expect(throws: FrameworkError.self) { try tf.poisson([2], lam: [.nan], lamShape: [], seed: 1) }
  }
}
