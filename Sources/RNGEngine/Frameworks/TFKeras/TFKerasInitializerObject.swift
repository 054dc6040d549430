import KerasStreams
import PythonSubset
import TensorFlowStreams

/// A tf-keras initializer object (`GlorotUniform()`, `RandomNormal(seed=2)`):
/// calling it with a shape returns the initial values as a `tf.Tensor`.
///
/// ```python
/// init = GlorotUniform()     # draws nothing yet
/// init((3, 4))               # fixes its seed now (randint(1, 10**9)), then stateless_uniform
/// init((3, 4))               # the same values again
/// ```
///
/// The object keeps its seed between calls, as tf-keras does; `Zeros` and
/// `Ones` draw nothing.
final class TFKerasInitializerObject: PythonObject {
  enum Kind {
    case random(any TFKeras.Initializer)
    case constant(Int)
  }

  let className: String
  var kind: Kind
  let process: TFKerasProcess
  let signature: Signature

  init(className: String, kind: Kind, process: TFKerasProcess) {
    self.className = className
    self.kind = kind
    self.process = process
    let call = Signature("__call__(shape, dtype=None, **kwargs)")
    signature = Signature(
      name: "\(className).__call__", text: "\(className).__call__(shape, dtype=None, **kwargs)", parameters: call.parameters)
  }

  var typeName: String { "tf_keras.initializers.\(className)" }
  var repr: String { "<\(typeName) object>" }

  func call(_ arguments: Arguments) throws -> Value {
    let args = try signature.bind(arguments)
    if let extra = args.extraKeywords.first {
      let partition = extra.name == "partition_shape" || extra.name == "partition_offset"
      throw EvaluationError(
        partition
          ? "\(className) with \(extra.name) (a partitioned variable) is not emulated; call it with shape and dtype only"
          : "Unknown keyword argument '\(extra.name)'; accepted: \(signature.text) with partition_shape or partition_offset as kwargs",
        at: extra.value.range)
    }
    let shapeValue = args.value("shape") ?? .none
    guard BoundArguments.asIntSequence(shapeValue) != nil else {
      throw args.error("shape", "\(signature.name)() argument 'shape' must be a tuple of ints such as (3, 4), got \(shapeValue.typeName) \(shapeValue.repr)")
    }
    let shape = try args.tfShape("shape")
    let dtype = try args.tfDType("dtype", default: .float32)
    switch kind {
    case .constant(let fill):
      let count = try args.tfElementCount(shape, "shape")
      let one = try TensorFlowTensorConversion.convert(.int(PythonInt(fill)), dtype: dtype)
      return TensorFlowTensor(one.values.repeated(count), shape: shape).value
    case .random(var initializer):
      defer { kind = .random(initializer) }
      let values = try args.framework {
        try initializer(shape, dtype: dtype, backend: &process.backend, python: &process.python)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
  }
}
