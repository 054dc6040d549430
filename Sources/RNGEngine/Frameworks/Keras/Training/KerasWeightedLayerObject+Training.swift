import KerasStreams
import RNGStreams

extension KerasWeightedLayerObject {
  /// Whether a weight is one of BatchNormalization's non-trainable moving statistics.
  static func isMovingStatistic(_ name: String) -> Bool { name.hasPrefix("moving_") }

  /// The weights an optimizer updates, in `layer.weights` order.
  var trainableWeights: [(name: String, value: Keras3.Tensor)] {
    layer.weights.filter { !Self.isMovingStatistic($0.name) }
  }

  /// A built float32 weight's values (training builds before it reads).
  func floats(_ name: String) -> [Float] {
    guard let values = optionalFloats(name) else { preconditionFailure("a built float32 weight '\(name)'") }
    return values
  }

  /// A weight's values, or nil when the layer has no such weight (`use_bias=False`, `scale=False`).
  func optionalFloats(_ name: String) -> [Float]? {
    layer.weights.first { $0.name == name }?.value.values.float32
  }

  /// Gamma's and beta's gradients in the order of the weights the layer has.
  func trainableOrder(gamma: [Float], beta: [Float]) -> [[Float]] {
    trainableWeights.map { $0.name == "gamma" ? gamma : beta }
  }

  /// BatchNormalization in training: `moving = moving·momentum + batch·(1 − momentum)`
  /// for the mean and the variance, in float32 (the Python-float
  /// `1 - momentum` rounded once, as Keras' tensor arithmetic does).
  func updateMovingStatistics(mean: [Float], variance: [Float], momentum: Double) throws {
    let keep = Float(momentum), take = Float(1.0 - momentum)
    let updated = layer.weights.map { weight -> Keras3.Tensor in
      let batch: [Float]
      switch weight.name {
      case "moving_mean": batch = mean
      case "moving_variance": batch = variance
      default: return weight.value
      }
      let old = weight.value.values.float32 ?? []
      return Keras3.Tensor(shape: weight.value.shape, values: .float32(zip(old, batch).map { $0 * keep + $1 * take }))
    }
    try layer.assign(updated)
  }
}
