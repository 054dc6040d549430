import Foundation
import RNGStreams
import Testing
import TensorFlowStreams

/// Every case of the TensorFlow golden files, bit for bit.
@Suite struct TensorFlowGoldenTests {
  static func check(_ file: String) throws -> (cases: Int, values: Int) {
    var values = 0
    let cases = try Golden.cases(file)
    for golden in cases {
      let log = DrawLog()
      var runner = TensorFlowCallRunner(seed: golden.seed, observer: log)
      var produced: [(call: Int, values: TensorValues, shape: [Int])] = []
      for (i, call) in golden.calls.enumerated() {
        do {
          if let value = try runner.run(call) {
            produced += value.outputs.map { (i, $0.0, $0.1) }
          }
        } catch {
          Issue.record("seed \(String(describing: golden.seed)) \(call): \(error)")
        }
      }
      #expect(produced.count == golden.outputs.count, "seed \(String(describing: golden.seed)) \(golden.calls)")
      for (ours, expected) in zip(produced, golden.outputs) {
        #expect(ours.call == expected.call)
        if let problem = Golden.mismatch(ours.values, shape: ours.shape, expected) {
          Issue.record("seed \(String(describing: golden.seed)) \(expected.expr): \(problem)")
        }
        values += expected.values.count
      }
      try checkContiguity(log)
    }
    return (cases.count, values)
  }

  /// Per stream, each report starts where the previous one ended.
  /// Stateless streams restart at 0 by design and are checked for that.
  static func checkContiguity(_ log: DrawLog) throws {
    var next: [StreamIdentity: UInt64] = [:]
    for draw in log.draws {
      if draw.stream.name.hasPrefix("stateless(") {
        #expect(draw.counterBefore == 0)
        continue
      }
      let expected = next[draw.stream] ?? 0
      #expect(draw.counterBefore == expected, "\(draw.stream.name): \(draw.counterBefore) != \(expected)")
      next[draw.stream] = draw.counterAfter
    }
  }

  @Test func eagerAndStatelessGoldens() throws {
    let (cases, values) = try Self.check("reference/tensorflow/tensorflow.jsonl")
    #expect(cases >= 40)
    #expect(values >= 9000)
  }

  @Test func functionGoldens() throws {
    let (cases, _) = try Self.check("reference/tensorflow/tensorflow_function.jsonl")
    #expect(cases >= 7)
  }
}
