import CTrainingKernels
import Testing

@testable import RNGEngine

/// ``TorchOptimizer/adamUpdate(_:_:_:_:weight:beta2:oneMinusBeta2:root:eps:negativeStepSize:)``,
/// the vectorised kernel, gives bit for bit what the element-by-element formula gives in Swift
/// (the lerp's two branches, the fused multiply-adds), with the best code this processor runs and
/// with the baseline code.
@Suite(.serialized) struct AdamUpdateTests {
  struct State: Equatable {
    var w: [UInt32], m: [UInt32], v: [UInt32]
  }

  /// The formula, one element at a time, as PyTorch's single-tensor Adam writes it.
  static func reference(
    _ w: [Float], _ m: [Float], _ v: [Float], _ g: [Float], weight: Float, beta2: Float, oneMinusBeta2: Float, root: Float,
    eps: Float, negativeStepSize: Float
  ) -> State {
    var w = w, m = m, v = v
    for k in w.indices {
      m[k] = weight < 0.5 ? m[k] + weight * (g[k] - m[k]) : g[k] - (g[k] - m[k]) * (1 - weight)
      v[k] = (v[k] * beta2).addingProduct(g[k] * g[k], oneMinusBeta2)
      let denominator = v[k].squareRoot() / root + eps
      w[k] = w[k].addingProduct(m[k] / denominator, negativeStepSize)
    }
    return State(w: w.map(\.bitPattern), m: m.map(\.bitPattern), v: v.map(\.bitPattern))
  }

  static func kernel(
    _ w: [Float], _ m: [Float], _ v: [Float], _ g: [Float], weight: Float, beta2: Float, oneMinusBeta2: Float, root: Float,
    eps: Float, negativeStepSize: Float
  ) -> State {
    var w = w, m = m, v = v
    TorchOptimizer.adamUpdate(
      &w, &m, &v, g, weight: weight, beta2: beta2, oneMinusBeta2: oneMinusBeta2, root: root, eps: eps,
      negativeStepSize: negativeStepSize)
    return State(w: w.map(\.bitPattern), m: m.map(\.bitPattern), v: v.map(\.bitPattern))
  }

  /// `(count, weight)`: a tail after whole blocks of eight, both branches of the lerp, one element.
  static let cases: [(Int, Float)] = [(37, 0.1), (37, 0.75), (1, 0.1), (8, 0.5), (1003, 0.1)]

  @Test(arguments: cases.indices)
  func theKernelIsTheFormulaBitForBit(_ index: Int) {
    let (count, weight) = Self.cases[index]
    let w = OrderedProductTests.values(count, seed: 11), g = OrderedProductTests.values(count, seed: 12)
    let m = OrderedProductTests.values(count, seed: 13).map { $0 * 0.1 }
    let v = OrderedProductTests.values(count, seed: 14).map { $0 * $0 }
    let settings = (beta2: Float(0.999), oneMinusBeta2: Float(1 - 0.999), root: Float(0.0447), eps: Float(1e-8), step: Float(-0.0316))
    let expected = Self.reference(
      w, m, v, g, weight: weight, beta2: settings.beta2, oneMinusBeta2: settings.oneMinusBeta2, root: settings.root,
      eps: settings.eps, negativeStepSize: settings.step)
    let best = Self.kernel(
      w, m, v, g, weight: weight, beta2: settings.beta2, oneMinusBeta2: settings.oneMinusBeta2, root: settings.root,
      eps: settings.eps, negativeStepSize: settings.step)
    rngdiff_training_kernels_force_baseline(1)
    let baseline = Self.kernel(
      w, m, v, g, weight: weight, beta2: settings.beta2, oneMinusBeta2: settings.oneMinusBeta2, root: settings.root,
      eps: settings.eps, negativeStepSize: settings.step)
    rngdiff_training_kernels_force_baseline(0)
    #expect(best == expected, "count \(count), weight \(weight), level \(rngdiff_training_kernels_level())")
    #expect(baseline == expected, "count \(count), weight \(weight), baseline")
  }

  /// The fused multiply-add matters for these values: rounding the product first gives other
  /// bits somewhere, so the test above would see a kernel that does not fuse.
  @Test func theValuesTellAFusedMultiplyAddFromTwoRoundings() {
    let g = OrderedProductTests.values(1003, seed: 12), v = OrderedProductTests.values(1003, seed: 14).map { $0 * $0 }
    let oneMinusBeta2 = Float(1 - 0.999)
    #expect(g.indices.contains { (v[$0] * 0.999).addingProduct(g[$0] * g[$0], oneMinusBeta2) != v[$0] * 0.999 + g[$0] * g[$0] * oneMinusBeta2 })
  }
}
