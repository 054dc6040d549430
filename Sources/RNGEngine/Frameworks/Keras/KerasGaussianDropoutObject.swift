import KerasStreams
import PythonSubset

/// `keras.layers.GaussianDropout(rate, seed=None)` in a script: made with
/// its `SeedGenerator` (a default seed drawn from Python's `random` now,
/// role `seed`); in `fit`, each training step multiplies by normal noise of
/// mean 1, drawn with the generator's next seed and recorded as a `noise`
/// draw of the layer's path.
///
/// ```python
/// drop = keras.layers.GaussianDropout(0.2, seed=3)
/// drop(keras.ops.ones((2,)), training=True)   # normal((2,), 1, 0.5), seed [3, 0]
/// ```
///
/// Edge cases: `rate == 0` makes no generator; `rate == 1` fails in
/// training as in Keras; inference returns the input (float32).
final class KerasGaussianDropoutObject: KerasWeightlessLayer {
  let layer: Keras3.GaussianDropout
  let session: KerasSession

  init(_ layer: Keras3.GaussianDropout, session: KerasSession) {
    self.layer = layer
    self.session = session
  }

  var layerName: String { layer.name }
  var className: String { "GaussianDropout" }
  var attributeNames: [String] { ["built", "get_weights", "name", "rate", "seed", "seed_generator", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] { input }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "rate": return .float(layer.rate)
    default: return try seededAttribute(name, seed: layer.seed, generator: layer.seedGenerator, session: session)
    }
  }

  func call(_ arguments: Arguments) throws -> Value {
    if let made = try symbolicCall(arguments) { return made }
    let args = try KerasGaussianNoiseObject.callSignature.bind(arguments)
    let inputs = try args.kerasTensor("inputs")
    let training = try args.bool("training") ?? false
    return session.array(try args.framework { try layer(inputs, training: training, state: &session.state) })
  }
}
