import RNGStreams
import Testing
import TensorFlowStreams

/// Inputs TensorFlow rejects throw one clear ``FrameworkError``; nothing traps.
@Suite struct TensorFlowErrorTests {
  func parameter(_ body: () throws -> Any) -> String? {
    do {
      _ = try body()
      return nil
    } catch let error as FrameworkError {
      #expect(!error.message.isEmpty)
      return error.parameter ?? "?"
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test func statefulOps() {
    var tf = TensorFlowEagerContext()
    #expect(parameter { try tf.uniform([3], dtype: .int32) } == "maxval")
    #expect(parameter { try tf.uniform([3], minval: 5, maxval: 5, dtype: .int32) } == "maxval")
    #expect(parameter { try tf.uniform([3], minval: 0.5, maxval: 5, dtype: .int32) } == "minval")
    #expect(parameter { try tf.uniform([3], maxval: .int(1 << 40), dtype: .int32) } == "maxval")
    #expect(parameter { try tf.uniform([2, -1]) } == "shape")
    #expect(parameter { try tf.normal([3], dtype: .int64) } == "dtype")
    #expect(parameter { try tf.truncatedNormal([3], dtype: .int32) } == "dtype")
    #expect(parameter { try tf.shuffle(.int32([1, 2]), shape: [3]) } == "value")
    #expect(parameter { try tf.categorical(.float32([1, 2]), shape: [2], numSamples: 3) } == "logits")
    #expect(parameter { try tf.categorical(.int32([1, 2]), shape: [1, 2], numSamples: 3) } == "logits")
    #expect(parameter { try tf.categorical(.float32([]), shape: [1, 0], numSamples: 3) } == "logits")
    #expect(parameter { try tf.categorical(.float32([1, 2]), shape: [1, 2], numSamples: -1) } == "num_samples")
    #expect(parameter { try tf.categorical(.float32([1, 2]), shape: [1, 2], numSamples: 3, dtype: .float32) } == "dtype")
  }

  @Test func dropout() {
    var tf = TensorFlowEagerContext()
    let x = DrawnValues.float32([1, 1, 1, 1])
    #expect(parameter { try tf.dropout(x, shape: [4], rate: 1.0) } == "rate")
    #expect(parameter { try tf.dropout(x, shape: [4], rate: -0.1) } == "rate")
    #expect(parameter { try tf.dropout(.int32([1]), shape: [1], rate: 0.5) } == "x")
    #expect(parameter { try tf.dropout(x, shape: [4], rate: 0.5, noiseShape: [3]) } == "noise_shape")
    #expect(parameter { try tf.dropout(x, shape: [2, 2], rate: 0.5, noiseShape: [1, 2, 2]) } == "noise_shape")
  }

  @Test func statelessOps() {
    #expect(parameter { try StatelessRandomOps.uniform([3], seed: [1]) } == "seed")
    #expect(parameter { try StatelessRandomOps.uniform([3], seed: [1, 2, 3]) } == "seed")
    #expect(parameter { try StatelessRandomOps.uniform([3], seed: [1, 2], dtype: .int32) } == "maxval")
    #expect(parameter { try StatelessRandomOps.uniform([3], seed: [1, 2], minval: 3, maxval: 1, dtype: .int64) } == "maxval")
    #expect(parameter { try StatelessRandomOps.normal([3], seed: [1, 2], alg: "threefry") } == "alg")
    #expect(parameter { try StatelessRandomOps.truncatedNormal([3], seed: [1, 2], dtype: .int32) } == "dtype")
    #expect(parameter { try StatelessRandomOps.dropout(.float32([1]), shape: [1], rate: 2, seed: [1, 2]) } == "rate")
  }

  /// A failed integer op still took its op seed and created its kernel,
  /// as in TensorFlow (the error comes from the kernel's Compute).
  @Test func failedIntegerOpStillTookItsOpSeed() throws {
    var failed = TensorFlowEagerContext()
    failed.setSeed(3)
    #expect(throws: FrameworkError.self) { try failed.uniform([2], minval: 4, maxval: 4, dtype: .int32) }
    let afterFailure = try failed.uniform([2])
    var clean = TensorFlowEagerContext()
    clean.setSeed(3)
    _ = try clean.getSeed(nil)
    #expect(try clean.uniform([2]) == afterFailure)
  }
}
