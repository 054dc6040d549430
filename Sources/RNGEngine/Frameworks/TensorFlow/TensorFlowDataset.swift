import PythonSubset
import RNGStreams
import TensorFlowStreams

/// A `tf.data.Dataset` built from tensors: `from_tensor_slices` or `range`,
/// then `shuffle`, `batch`, `take` and `repeat`, walked by `for` (a new
/// iterator per pass, as in TensorFlow) or `as_numpy_iterator()`.
///
/// ```python
/// ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(100, seed=1).batch(32)
/// for epoch in range(2):
///     for xb, yb in ds:       # each pass reshuffles (reshuffle_each_iteration=True)
///         ...
/// ```
///
/// Elements are kept as row numbers of the source tensors and made into
/// tensors only when the loop takes them. A shuffle's randomness is
/// ``TensorFlowStreams/DatasetShuffle``: its seed generator is made by the
/// `shuffle()` call (op seeds by `get_seed`), and each pass draws its order
/// when the loop asks for the pass's first element — the whole pass's words
/// in one draw, although TensorFlow reads them one element at a time (the
/// iterator's stream is its own, so nothing else sees the difference; a
/// pass cut short by `take` or `break` draws fewer words in TensorFlow).
///
/// Edge cases: `batch` of batched elements, `shuffle` with a buffer size
/// that is not a positive int, and the other transformations (`map`,
/// `filter`, `prefetch`, …) are refused with a sentence naming the call.
final class TensorFlowDatasetObject: PythonIterable, PythonSized {
  /// What one element is, in terms of the source's rows.
  enum Element {
    case row(Int)
    case rows([Int])
  }

  indirect enum Stage {
    case source(rows: Int)
    case shuffle(ShuffleState)
    case batch(size: Int, dropRemainder: Bool)
    case take(Int)
    case repeatCount(Int?)
  }

  /// A shuffle's seed generator, shared by every pass over the dataset.
  final class ShuffleState {
    var shuffle: DatasetShuffle
    init(_ shuffle: DatasetShuffle) { self.shuffle = shuffle }
  }

  /// The source tensors (every one with the same first dimension) and
  /// whether elements are tuples of them.
  let components: [TensorFlowTensor]
  let isTuple: Bool
  let stage: Stage
  let parent: TensorFlowDatasetObject?
  let process: TensorFlowProcess
  /// Called when the dataset first draws (starts the recording of the process's draws).
  let onRandomOp: () -> Void

  init(components: [TensorFlowTensor], isTuple: Bool, stage: Stage, parent: TensorFlowDatasetObject?,
       process: TensorFlowProcess, onRandomOp: @escaping () -> Void) {
    self.components = components
    self.isTuple = isTuple
    self.stage = stage
    self.parent = parent
    self.process = process
    self.onRandomOp = onRandomOp
  }

  private func derived(_ stage: Stage) -> TensorFlowDatasetObject {
    TensorFlowDatasetObject(components: components, isTuple: isTuple, stage: stage, parent: self, process: process, onRandomOp: onRandomOp)
  }

  /// Whether elements are batches (after a `batch` anywhere upstream).
  var isBatched: Bool {
    if case .batch = stage { return true }
    return parent?.isBatched ?? false
  }

  /// The batch size when every batch has it (`drop_remainder=True`).
  var fixedBatchSize: Int? {
    if case .batch(let size, let drop) = stage { return drop ? size : nil }
    return parent?.fixedBatchSize
  }

  // MARK: Python face

  var typeName: String {
    switch stage {
    case .source: return isRange ? "_RangeDataset" : "_TensorSliceDataset"
    case .shuffle: return "_ShuffleDataset"
    case .batch: return "_BatchDataset"
    case .take: return "_TakeDataset"
    case .repeatCount: return "_RepeatDataset"
    }
  }

  /// How many elements a pass gives (TensorFlow's cardinality), nil when infinite.
  var cardinality: Int? {
    switch stage {
    case .source(let rows): return rows
    case .shuffle: return parent!.cardinality
    case .batch(let size, let drop):
      return parent!.cardinality.map { drop ? $0 / size : ($0 + size - 1) / size }
    case .take(let n):
      guard let upstream = parent!.cardinality else { return n < 0 ? nil : n }
      return n < 0 ? upstream : Swift.min(n, upstream)
    case .repeatCount(let count):
      guard let upstream = parent!.cardinality else { return nil }
      guard let count else { return upstream == 0 ? 0 : nil }
      return upstream * count
    }
  }

  /// Whether the pipeline has a `repeat()`.
  var repeats: Bool {
    if case .repeatCount = stage { return true }
    return parent?.repeats ?? false
  }

  /// `len(ds)`: its cardinality; TensorFlow's TypeError for an infinite one.
  func length(at range: SourceRange) throws -> Int {
    guard let n = cardinality else { throw EvaluationError("The dataset is infinite.", at: range, type: "TypeError") }
    return n
  }

  /// The module of TensorFlow's class for this dataset (`tensorflow.python.data.ops.<module>`).
  var moduleName: String {
    switch stage {
    case .source: return isRange ? "range_op" : "from_tensor_slices_op"
    case .shuffle: return "shuffle_op"
    case .batch: return "batch_op"
    case .take: return "take_op"
    case .repeatCount: return "repeat_op"
    }
  }

  /// Made by `Dataset.range`.
  var isRange = false

  var repr: String { "<\(typeName) element_spec=\(elementSpec)>" }

  /// TensorFlow's `element_spec` text.
  var elementSpec: String {
    let batched = isBatched
    let size = fixedBatchSize.map(String.init) ?? "None"
    let specs = components.map { c -> String in
      var dims = c.shape.dropFirst().map(String.init)
      if batched { dims.insert(size, at: 0) }
      let shape = dims.count == 1 ? "(\(dims[0]),)" : "(\(dims.joined(separator: ", ")))"
      return "TensorSpec(shape=\(shape), dtype=tf.\(c.dtype.rawValue), name=None)"
    }
    return isTuple ? "(\(specs.joined(separator: ", ")))" : specs[0]
  }

  /// `tf.data.Dataset` methods rngdiff does not run: refused by name rather than as a missing attribute.
  static let otherMethods: Set<String> = [
    "apply", "bucket_by_sequence_length", "cache", "cardinality", "concatenate", "enumerate", "filter", "flat_map",
    "get_single_element", "group_by_window", "ignore_errors", "interleave", "map", "options", "padded_batch", "prefetch",
    "ragged_batch", "rebatch", "reduce", "rejection_resample", "sample_from_datasets", "save", "scan", "shard", "skip",
    "snapshot", "sparse_batch", "take_while", "unbatch", "unique", "window", "with_options", "zip",
  ]

  var attributeNames: [String] { ["as_numpy_iterator", "batch", "element_spec", "repeat", "shuffle", "take"] }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "element_spec": return .string(elementSpec)
    case "shuffle":
      return .object(BuiltinFunction(signature: Signature("shuffle(buffer_size, seed=None, reshuffle_each_iteration=None, name=None)")) { [self] args in
        guard let bufferSize = try args.intValue("buffer_size") else {
          throw args.error("buffer_size", "shuffle() needs buffer_size, an int")
        }
        if bufferSize == -2 {
          throw args.error("buffer_size", "shuffle() with buffer_size=tf.data.UNKNOWN_CARDINALITY is not supported; give the buffer's size")
        }
        guard bufferSize >= 1 else {
          throw EvaluationError(
            "{{function_node __wrapped__ShuffleDatasetV3_device_/job:localhost/replica:0/task:0/device:CPU:0}} buffer_size must be greater than zero or UNKNOWN_CARDINALITY [Op:ShuffleDatasetV3] name: ",
            at: args.range("buffer_size"), type: "tensorflow.python.framework.errors_impl.InvalidArgumentError")
        }
        let seed = try args.tfOpSeed("seed")
        let reshuffle = try args.bool("reshuffle_each_iteration") ?? true
        onRandomOp()
        let shuffle = try args.framework {
          try process.eager.datasetShuffle(bufferSize: bufferSize, seed: seed, reshuffleEachIteration: reshuffle)
        }
        return .object(derived(.shuffle(ShuffleState(shuffle))))
      })
    case "batch":
      return .object(BuiltinFunction(signature: Signature("batch(batch_size, drop_remainder=False, num_parallel_calls=None, deterministic=None, name=None)")) { [self] args in
        guard let size = try args.intValue("batch_size"), size >= 1 else {
          throw args.error("batch_size", "batch() needs batch_size, an int of at least 1")
        }
        if isBatched {
          throw args.error("batch_size", "batch() of a dataset that is already batched is not supported; rngdiff runs one batch() per dataset")
        }
        return .object(derived(.batch(size: size, dropRemainder: try args.bool("drop_remainder") ?? false)))
      })
    case "take":
      return .object(BuiltinFunction(signature: Signature("take(count, name=None)")) { [self] args in
        guard let n = try args.intValue("count") else { throw args.error("count", "take() needs count, an int") }
        return .object(derived(.take(n)))
      })
    case "repeat":
      return .object(BuiltinFunction(signature: Signature("repeat(count=None, name=None)")) { [self] args in
        let n = try args.intValue("count")
        return .object(derived(.repeatCount(n.flatMap { $0 < 0 ? nil : $0 })))
      })
    case _ where Self.otherMethods.contains(name):
      throw EvaluationError(
        "Dataset.\(name) is not supported by rngdiff run; a dataset here has \(attributeNames.joined(separator: ", ")) (docs/frameworks/tensorflow.md, tf.data shuffles)",
        at: nil)
    case "as_numpy_iterator":
      return .object(BuiltinFunction(signature: Signature("as_numpy_iterator()")) { [self] _ in
        .object(NumPyView(dataset: self))
      })
    default:
      return nil
    }
  }

  /// `as_numpy_iterator()`: the same passes, elements as NumPy arrays.
  final class NumPyView: PythonIterable {
    let dataset: TensorFlowDatasetObject
    init(dataset: TensorFlowDatasetObject) { self.dataset = dataset }
    var typeName: String { "NumpyIterator" }
    func makeIterator(at range: SourceRange) throws -> any PythonIterator {
      ValueIterator(dataset: dataset, elements: try dataset.elementIterator(at: range), numpy: true)
    }
  }

  func makeIterator(at range: SourceRange) throws -> any PythonIterator {
    ValueIterator(dataset: self, elements: try elementIterator(at: range), numpy: false)
  }

  // MARK: Passes

  /// One pass: the elements as row numbers, made one at a time.
  func elementIterator(at range: SourceRange) throws -> ElementIterator {
    switch stage {
    case .source(let rows):
      var next = 0
      return ElementIterator { _ in
        guard next < rows else { return nil }
        defer { next += 1 }
        return .row(next)
      }
    case .shuffle(let state):
      let upstream = try parent!.elementIterator(at: range)
      // A new iterator takes its seeds from the dataset's seed generator when it is made.
      let pass = state.shuffle.nextPass()
      if let draw = pass.seedDraw { process.eager.observer?.observe(draw) }
      var order: [Element]? = nil
      var at = 0
      return ElementIterator { [process] range in
        if order == nil {
          var all: [Element] = []
          while let e = try upstream.next(range) { all.append(e) }
          let positions = DatasetShuffle.order(count: all.count, bufferSize: state.shuffle.bufferSize, seed: pass.seed, seed2: pass.seed2)
          if let observer = process.eager.observer {
            observer.observe(DrawReport(
              stream: pass.stream, counterBefore: 0, count: DatasetShuffle.blocks(count: all.count), operation: "shuffle",
              distribution: "permutation", parameters: [.init("buffer_size", String(state.shuffle.bufferSize))],
              shape: [all.count], values: .int64(positions.map(Int64.init))))
          }
          order = positions.map { all[$0] }
        }
        guard at < order!.count else { return nil }
        defer { at += 1 }
        return order![at]
      }
    case .batch(let size, let drop):
      let upstream = try parent!.elementIterator(at: range)
      return ElementIterator { range in
        var rows: [Int] = []
        while rows.count < size, let e = try upstream.next(range) {
          guard case .row(let r) = e else { preconditionFailure("batch() of batches is refused when made") }
          rows.append(r)
        }
        if rows.isEmpty || (drop && rows.count < size) { return nil }
        return .rows(rows)
      }
    case .take(0), .repeatCount(0?):
      // TensorFlow makes no input iterator for these (no seeds are taken); but it fuses a
      // shuffle followed by repeat into one op, which refuses a count of 0 when iterated.
      if case .repeatCount = stage, case .shuffle? = parent?.stage {
        throw EvaluationError(
          "{{function_node __wrapped__MakeIterator_device_/job:localhost/replica:0/task:0/device:CPU:0}} count must be greater than zero or equal to -1.",
          at: range, type: "tensorflow.python.framework.errors_impl.InvalidArgumentError")
      }
      return ElementIterator { _ in nil }
    case .take(let n):
      let upstream = try parent!.elementIterator(at: range)
      var taken = 0
      return ElementIterator { range in
        guard n < 0 || taken < n else { return nil }
        guard let e = try upstream.next(range) else { return nil }
        taken += 1
        return e
      }
    case .repeatCount(let count):
      let parent = self.parent!
      var upstream = try parent.elementIterator(at: range)
      var passes = 1
      return ElementIterator { range in
        while true {
          if let e = try upstream.next(range) { return e }
          if let count, passes >= count { return nil }
          passes += 1
          upstream = try parent.elementIterator(at: range)
        }
      }
    }
  }

  /// The source rows of each element of one pass, in order (batches for a
  /// batched dataset, one row each otherwise): what Keras's `fit` trains on.
  func passRows(at range: SourceRange) throws -> [[Int]] {
    try Self.rows(of: elementIterator(at: range), at: range)
  }

  /// The source rows of each element left in `elements`, in order.
  static func rows(of elements: ElementIterator, at range: SourceRange) throws -> [[Int]] {
    var out: [[Int]] = []
    while let e = try elements.next(range) {
      switch e {
      case .row(let r): out.append([r])
      case .rows(let rows): out.append(rows)
      }
    }
    return out
  }

  /// The next element of a pass, or nil at its end.
  final class ElementIterator {
    let next: (SourceRange) throws -> Element?
    init(_ next: @escaping (SourceRange) throws -> Element?) { self.next = next }
  }

  /// One element as the loop sees it: a tensor, or a tuple of tensors.
  func value(_ element: Element, numpy: Bool) -> Value {
    let n = components.first?.shape.first ?? 0
    let parts = components.map { c -> Value in
      let rowLength = n == 0 ? 0 : c.values.count / n
      let rest = Array(c.shape.dropFirst())
      let tensor: TensorFlowTensor
      switch element {
      case .row(let r): tensor = TensorFlowTensor(c.values.rows([r], rowLength: rowLength), shape: rest)
      case .rows(let rows): tensor = TensorFlowTensor(c.values.rows(rows, rowLength: rowLength), shape: [rows.count] + rest)
      }
      return numpy ? .object(ArrayObject(tensor.tensor, kind: .numpy)) : tensor.value
    }
    return isTuple ? .tuple(parts) : parts[0]
  }

  final class ValueIterator: PythonIterator {
    let dataset: TensorFlowDatasetObject
    let elements: ElementIterator
    let numpy: Bool
    init(dataset: TensorFlowDatasetObject, elements: ElementIterator, numpy: Bool) {
      self.dataset = dataset
      self.elements = elements
      self.numpy = numpy
    }
    func next(at range: SourceRange) throws -> Value? {
      try elements.next(range).map { dataset.value($0, numpy: numpy) }
    }
  }
}
