import Testing
import RNGStreams
@testable import TensorFlowStreams

/// TensorFlow 1.x's `tf.nn.dropout(x, keep_prob)` mask, `floor(keep_prob + u)`
/// in the dtype, against TensorFlow 2's `u >= rate`: they agree except where
/// the rounded sum reaches 1 for a `u` just below the rate.
@Suite("TensorFlow 1.x dropout mask")
struct TensorFlow1DropoutMaskTests {
  @Test("float32: a u one ulp below the rate is kept by 1.x's rounded sum and dropped by 2.x's comparison")
  func roundingBoundary() {
    let rate = 0.2
    let u = Float(rate).nextDown
    // Float(0.8) + u is 1 in float32, while u < Float(0.2).
    #expect(Float(1 - rate) + u == 1)
    let (out1, keep1) = DropoutMask.applyKeepProbability(.float32([1]), keepProbability: 1 - rate, noise: .float32([u]))
    let (_, keep2) = DropoutMask.apply(.float32([1]), shape: [1], rate: rate, noiseShape: [1], noise: .float32([u]))
    #expect(keep1 == [true] && keep2 == [false])
    #expect(out1.float32 == [1 / Float(1 - rate)])
  }

  @Test("away from the boundary the masks agree; the output is x / keep_prob times the mask, -0.0 for a dropped negative x")
  func outputs() {
    let noise: [Float] = [0.05, 0.19, 0.21, 0.5, 0.99]
    let x: [Float] = [-3, 2, -1.5, 4, 0.25]
    let (out, keep) = DropoutMask.applyKeepProbability(.float32(x), keepProbability: 0.8, noise: .float32(noise))
    let (_, keep2) = DropoutMask.apply(.float32(x), shape: [5], rate: 0.2, noiseShape: [5], noise: .float32(noise))
    #expect(keep == [false, false, true, true, true] && keep == keep2)
    let values = out.float32 ?? []
    #expect(values.count == 5 && values[0] == 0 && values[0].sign == .minus)
    #expect(Array(values[2...]) == [-1.5 / Float(0.8), 4 / Float(0.8), 0.25 / Float(0.8)])
  }

  @Test("float64 follows the same rule in double")
  func double() {
    let (out, keep) = DropoutMask.applyKeepProbability(.float64([2, 2]), keepProbability: 0.5, noise: .float64([0.4999, 0.5]))
    #expect(keep == [false, true])
    #expect(out.float64 == [0, 4])
  }
}
