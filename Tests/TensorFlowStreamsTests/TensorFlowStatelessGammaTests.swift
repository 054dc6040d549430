import RNGStreams
import Testing
import TensorFlowStreams

/// `tf.random.stateless_gamma`: values printed by the real TensorFlow 2.21
/// (CPU), the layout of its draws, and its refusals;
/// tensorflow_stateless_gamma.jsonl has the rest.
@Suite struct TensorFlowStatelessGammaTests {
  @Test func docstringExampleMatchesTensorFlow() throws {
    // tf.random.stateless_gamma([2, 2], seed=[12, 34], alpha=[0.5, 1.5]) in TensorFlow 2.21.
    #expect(try StatelessRandomOps.gamma([2, 2], seed: [12, 34], alpha: [0.5, 1.5], alphaShape: [2])
      == .float32([0.1941966563463211, 0.4938335418701172, 0.10419228672981262, 3.570363998413086]))
  }

  @Test func columnsAreNumberedAlphaByAlpha() throws {
    // Output [s, i] is draw i * samples + s: column 0 of a [3, 2] call is a [3] call
    // with alpha[0], column 1 the last three of a [6] call with alpha[1].
    let both = try StatelessRandomOps.gamma([3, 2], seed: [5, 6], alpha: [0.5, 2.5], alphaShape: [2], dtype: .float64)
    let first = try StatelessRandomOps.gamma([3], seed: [5, 6], alpha: [0.5], alphaShape: [], dtype: .float64)
    let second = try StatelessRandomOps.gamma([6], seed: [5, 6], alpha: [2.5], alphaShape: [], dtype: .float64)
    guard case .float64(let b) = both, case .float64(let f) = first, case .float64(let s) = second else {
      Issue.record("float64 calls give float64 values")
      return
    }
    #expect([b[0], b[2], b[4]] == f)
    #expect([b[1], b[3], b[5]] == Array(s[3...]))
  }

  @Test func reportsOneDrawAndRefusesBadShapes() throws {
    let log = DrawLog()
    _ = try StatelessRandomOps.gamma([3], seed: [1, 2], alpha: [2], alphaShape: [], observer: log)
    #expect(log.draws.map(\.count) == [768])
    #expect(log.draws.first?.stream.name == "stateless(1,2)")
    #expect(throws: FrameworkError.self) { try StatelessRandomOps.gamma([3], seed: [1, 2], alpha: [1, 2], alphaShape: [2]) }
    #expect(throws: FrameworkError.self) {
      try StatelessRandomOps.gamma([3, 2], seed: [1, 2], alpha: [1, 2], alphaShape: [2], beta: [1, 2, 3], betaShape: [3])
    }
    #expect(throws: FrameworkError.self) { try StatelessRandomOps.gamma([3], seed: [1, 2], alpha: [1], alphaShape: [], dtype: .int32) }
  }
}
