import KerasStreams
import PythonSubset

/// `keras.layers.AlphaDropout(rate, noise_shape=None, seed=None)`: made as
/// Keras makes it — its name, then (for `rate > 0`) a `SeedGenerator(seed)`,
/// a default seed from Python's `random` when `seed` is None — so a model
/// that holds one draws its seeds exactly as Keras does.
///
/// ```python
/// keras.Sequential([keras.Input((4,)), keras.layers.AlphaDropout(0.1), keras.layers.Dense(2)])
/// ```
///
/// Edge cases: training with it (`fit`) is refused for now; it keeps the
/// input's shape.
final class KerasAlphaDropoutObject: KerasWeightlessLayer {
  let layer: Keras3.Dropout
  let session: KerasSession

  init(_ layer: Keras3.Dropout, session: KerasSession) {
    self.layer = layer
    self.session = session
  }

  var layerName: String { layer.name }
  var className: String { "AlphaDropout" }
  var attributeNames: [String] { ["built", "get_weights", "name", "rate", "seed", "seed_generator", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] { input }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "rate": return .float(layer.rate)
    default: return try seededAttribute(name, seed: layer.seed, generator: layer.seedGenerator, session: session)
    }
  }
}
