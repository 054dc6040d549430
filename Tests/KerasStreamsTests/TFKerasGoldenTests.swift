import Foundation
import KerasStreams
import RNGStreams
import Testing
import TensorFlowStreams

/// Every case of the tf-keras golden file, bit for bit.
@Suite struct TFKerasGoldenTests {
  @Test func initializerAndDropoutGoldens() throws {
    var values = 0
    let cases = try Golden.cases("reference/tf-keras/tf-keras.jsonl")
    for golden in cases {
      let log = DrawLog()
      var runner = try TFKerasCallRunner(seed: golden.seed, observer: log)
      var produced: [(call: Int, values: TensorValues, shape: [Int])] = []
      for (i, call) in golden.calls.enumerated() {
        do {
          if let value = try runner.run(call) { produced += value.outputs.map { (i, $0.0, $0.1) } }
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
    }
    #expect(cases.count >= 23)
    #expect(values >= 12000)
  }
}
