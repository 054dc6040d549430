import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowDatasetObject {
  /// `tf.data`: `Dataset.from_tensor_slices` and `Dataset.range`.
  ///
  /// ```python
  /// tf.data.Dataset.from_tensor_slices((x, y))    # elements (x[i], y[i])
  /// tf.data.Dataset.range(10)                     # int64 scalars 0 … 9
  /// ```
  ///
  /// Edge cases: a Python list is one tensor (as in TensorFlow), a tuple a
  /// structure; dicts and nested structures are refused; every component
  /// needs the same first dimension.
  static func dataModule(_ process: TensorFlowProcess, onRandomOp: @escaping () -> Void) -> Namespace {
    let data = Namespace(name: "tensorflow.data")
    let dataset = Namespace(name: "Dataset")
    dataset.define("from_tensor_slices(tensors, name=None)") { args in
      let value = args.value("tensors") ?? .none
      var parts: [Value]
      let isTuple: Bool
      if case .tuple(let items) = value {
        parts = items
        isTuple = true
      } else {
        parts = [value]
        isTuple = false
      }
      guard !parts.isEmpty else { throw args.error("tensors", "from_tensor_slices() needs at least one tensor") }
      var components: [TensorFlowTensor] = []
      for part in parts {
        if case .tuple = part {
          throw args.error("tensors", "from_tensor_slices() of nested tuples is not supported; pass a tensor or a tuple of tensors")
        }
        do {
          components.append(try TensorFlowTensorConversion.convert(part, dtype: nil))
        } catch let e as TensorFlowTensorConversion.Failure {
          throw args.error("tensors", "from_tensor_slices() argument 'tensors' \(e.reason)")
        }
      }
      guard let rows = components[0].shape.first, components.allSatisfy({ !$0.shape.isEmpty }) else {
        throw args.error("tensors", "Unbatching a tensor is only supported for rank >= 1")
      }
      for c in components where c.shape[0] != rows {
        throw args.error("tensors", "Dimensions \(rows) and \(c.shape[0]) are not compatible")
      }
      return .object(TensorFlowDatasetObject(
        components: components, isTuple: isTuple, stage: .source(rows: rows), parent: nil, process: process, onRandomOp: onRandomOp))
    }
    dataset.define("range(start, stop=None, step=None)") { args in
      var start = try args.intValue("start") ?? 0, stop = try args.intValue("stop"), step = try args.intValue("step") ?? 1
      if stop == nil {
        stop = start
        start = 0
      }
      guard step != 0 else { throw args.error("step", "step must not be 0") }
      let values = stride(from: start, to: stop!, by: step).map { Int64($0) }
      let object = TensorFlowDatasetObject(
        components: [TensorFlowTensor(.int64(values), shape: [values.count])], isTuple: false,
        stage: .source(rows: values.count), parent: nil, process: process, onRandomOp: onRandomOp)
      object.isRange = true
      return .object(object)
    }
    data.define("Dataset", .object(dataset))
    return data
  }
}
