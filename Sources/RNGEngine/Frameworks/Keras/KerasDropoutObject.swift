import KerasStreams
import PythonSubset
import RNGRecording

/// A `keras.layers.Dropout` in the call strings: `d(x, training=True)`
/// drops values with the layer's `SeedGenerator`, made when the layer was
/// constructed; without `training=True` it returns `x` (cast to float32).
/// Called from the script's own code, its mask and seeds are recorded with
/// the layer's name as consumer (`dropout`, role `mask`).
///
/// ```swift
/// // calls: d = Dropout(0.5, seed=3); d(ones((8,)), training=True); d.seed_generator.state
/// ```
final class KerasDropoutObject: NamedOutputs {
  let layer: Keras3.Dropout
  let session: KerasSession

  init(_ layer: Keras3.Dropout, session: KerasSession) {
    self.layer = layer
    self.session = session
  }

  var typeName: String { "Dropout" }
  var repr: String { "<Dropout name=\(layer.name), rate=\(PythonFloat.repr(layer.rate))>" }
  var attributeNames: [String] { ["name", "noise_shape", "rate", "seed", "seed_generator"] }
  /// A Dropout layer has no weights: printing it prints nothing.
  var namedOutputs: [(name: String, tensor: Tensor)] { [] }

  static let callSignature = Signature("call(inputs, training=None)")

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "name": return .string(layer.name)
    case "rate": return .float(layer.rate)
    case "seed": return layer.seed.map { .int(PythonInt($0)) } ?? Value.none
    case "noise_shape":
      return layer.noiseShape.map { .tuple($0.map { $0.map { .int(PythonInt($0)) } ?? Value.none }) } ?? Value.none
    case "seed_generator":
      guard let generator = layer.seedGenerator else { return nil }
      return .object(KerasSeedGeneratorObject(generator, session: session))
    default: return nil
    }
  }

  func call(_ arguments: Arguments) throws -> Value {
    if case .object(let symbolic as KerasSymbolicTensor)? = arguments.positional.first?.value {
      return .object(symbolic.through(self, shape: symbolic.shape))
    }
    let args = try Self.callSignature.bind(arguments)
    let inputs = try args.kerasTensor("inputs")
    let training = try args.bool("training") ?? false
    let apply = { try args.framework { try self.layer(inputs, training: training, state: &self.session.state) } }
    // Called by the script itself (not inside a model): the mask and the
    // seeds it takes belong to the layer, as a model's masks belong to its path.
    guard training, let recorder = session.recorder, recorder.isAtTop else {
      return session.array(try apply())
    }
    return session.array(try session.consuming(layer.name, role: "mask", apply))
  }
}
