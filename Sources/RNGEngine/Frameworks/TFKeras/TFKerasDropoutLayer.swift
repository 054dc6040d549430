import KerasStreams
import PythonSubset
import TensorFlowStreams

/// A `tf_keras.layers.Dropout` layer object: `layer(inputs, training=True)`
/// runs `tf.nn.dropout` with the layer's legacy seeds (`seed`, `seed + 1`,
/// … on successive calls, or eager op seeds when it has none).
///
/// ```python
/// d = Dropout(0.5, seed=3)
/// d(ones((8,)), training=True)    # op seed 3
/// d(ones((8,)), training=True)    # op seed 4
/// d(ones((8,)))                   # not training: the input, nothing drawn
/// ```
final class TFKerasDropoutLayer: PythonObject {
  var layer: TFKeras.Dropout
  let process: TFKerasProcess
  let signature = Signature(
    name: "Dropout.__call__", text: "Dropout.__call__(inputs, training=None)",
    parameters: Signature("__call__(inputs, training=None)").parameters)

  init(_ layer: TFKeras.Dropout, process: TFKerasProcess) {
    self.layer = layer
    self.process = process
  }

  var typeName: String { "tf_keras.layers.Dropout" }
  var repr: String { "<Dropout rate=\(layer.rate)>" }

  func call(_ arguments: Arguments) throws -> Value {
    let args = try signature.bind(arguments)
    let inputs = try args.tfTensor("inputs")
    let training = try args.bool("training")
    let values = try args.framework {
      try layer(inputs.values, shape: inputs.shape, training: training, tensorflow: &process.tensorflow.eager)
    }
    return TensorFlowTensor(values, shape: inputs.shape).value
  }
}
