import KerasStreams
import PythonSubset
import RNGStreams

/// `keras.layers.SpatialDropout1D(rate, seed=None)` and
/// `SpatialDropout2D(rate, data_format=None, seed=None)`: a `Dropout` that
/// drops whole feature maps. It is made as a Dropout is — its name, then
/// (for `rate > 0`) a `SeedGenerator(seed)`, a default seed from Python's
/// `random` when `seed` is None — so a model that holds one draws its
/// seeds exactly as Keras does.
///
/// ```python
/// x = keras.layers.SpatialDropout1D(0.2)(keras.Input((5, 3)))   # seed drawn at construction
/// ```
///
/// Edge cases: the input must have 3 (1D) or 4 (2D) dimensions, as Keras'
/// input spec requires; training with it (`fit`) is refused for now, since
/// its mask needs the feature-map shape.
final class KerasSpatialDropoutObject: KerasWeightlessLayer {
  let layer: Keras3.Dropout
  let session: KerasSession
  /// 1 for `SpatialDropout1D`, 2 for `SpatialDropout2D`.
  let rank: Int

  init(_ layer: Keras3.Dropout, rank: Int, session: KerasSession) {
    self.layer = layer
    self.rank = rank
    self.session = session
  }

  var layerName: String { layer.name }
  var className: String { "SpatialDropout\(rank)D" }
  var attributeNames: [String] { ["built", "get_weights", "name", "rate", "seed", "seed_generator", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] {
    guard input.count == rank + 2 else {
      let shape = "(" + input.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + (input.count == 1 ? ",)" : ")")
      throw FrameworkError(
        "Input 0 of layer \"\(layerName)\" is incompatible with the layer: expected ndim=\(rank + 2), found ndim=\(input.count). Full shape received: \(shape)")
    }
    return input
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "rate": return .float(layer.rate)
    default: return try seededAttribute(name, seed: layer.seed, generator: layer.seedGenerator, session: session)
    }
  }
}
