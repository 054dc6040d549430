import KerasStreams
import PythonSubset

/// `keras.layers.GaussianNoise(stddev, seed=None)` in a script: made with
/// its `SeedGenerator` (a default seed drawn from Python's `random` now,
/// attributed to the layer's name, role `seed`); in `fit`, each training
/// step adds normal noise drawn with the generator's next seed, recorded
/// as a `noise` draw of the layer's path.
///
/// ```python
/// noise = keras.layers.GaussianNoise(0.1, seed=3)
/// noise(keras.ops.ones((2,)), training=True)   # ones + normal((2,), 0, 0.1), seed [3, 0]
/// ```
///
/// Edge cases: `stddev == 0` makes no generator; inference returns the
/// input (float32) and draws nothing.
final class KerasGaussianNoiseObject: KerasWeightlessLayer {
  let layer: Keras3.GaussianNoise
  let session: KerasSession

  init(_ layer: Keras3.GaussianNoise, session: KerasSession) {
    self.layer = layer
    self.session = session
  }

  var layerName: String { layer.name }
  var className: String { "GaussianNoise" }
  var attributeNames: [String] { ["built", "get_weights", "name", "seed", "seed_generator", "stddev", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] { input }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "stddev": return .float(layer.stddev)
    default: return try seededAttribute(name, seed: layer.seed, generator: layer.seedGenerator, session: session)
    }
  }

  static let callSignature = Signature("call(inputs, training=False)")

  func call(_ arguments: Arguments) throws -> Value {
    if let made = try symbolicCall(arguments) { return made }
    let args = try Self.callSignature.bind(arguments)
    let inputs = try args.kerasTensor("inputs")
    let training = try args.bool("training") ?? false
    return session.array(try args.framework { try layer(inputs, training: training, state: &session.state) })
  }
}
