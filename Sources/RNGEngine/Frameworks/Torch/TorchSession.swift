import PythonSubset
import RNGStreams
import TorchStreams

/// One torch session: the default generator every call draws from, and the
/// tensor methods bound to it. Every tensor the session makes carries those
/// methods, so `empty(3).uniform_()` draws from the same generator as
/// `rand(3)`.
///
/// The functions and methods hold the generator, not the session, so the
/// session's objects form no reference cycle.
struct TorchSession {
  /// `torch.default_generator`.
  let generator: TorchDefaultGenerator
  /// `uniform_`, `normal_`, `bernoulli_`, `random_`, and the rest of the tensor methods;
  /// a script run adds autograd's (`backward`, `grad`) before it makes its namespace.
  var methods: ArrayMethods
  /// Who the data pipeline's draws belong to (a script run sets its recorder).
  let dataConsumers = TorchDataConsumers()
  /// The `random` and NumPy streams a DataLoader worker has its own copies of (a script run attaches them).
  let workerGlobals = TorchWorkerGlobals()

  init(_ generator: TorchGenerator) {
    let box = TorchDefaultGenerator(generator)
    self.generator = box
    self.methods = Self.tensorMethods(box)
  }

  /// A torch tensor of `shape` holding `values`.
  func tensor(_ values: DrawnValues, shape: [Int]) -> Value {
    .object(array(values, shape: shape))
  }

  /// A torch tensor object of `shape` holding `values`.
  func array(_ values: DrawnValues, shape: [Int]) -> ArrayObject {
    ArrayObject(Tensor(values, shape: shape), kind: .torch, methods: methods)
  }

  /// Runs one sampler call on the default generator and wraps its values as
  /// a tensor of `shape`; a ``RNGStreams/FrameworkError`` lands on the
  /// argument it names.
  func draw(_ args: BoundArguments, shape: [Int], _ body: (inout TorchGenerator) throws -> DrawnValues) throws -> Value {
    let values = try args.framework { try body(&generator.state) }
    return tensor(values, shape: shape)
  }

  /// The names a torch call string sees: the functions, `torch`, `nn`,
  /// `dropout` and the dtype names (except `float`, `int` and `bool`, which
  /// stay Python's builtins; write `torch.float` for the dtype).
  var namespace: [String: Value] {
    let torch = Namespace(name: "torch")
    defineFunctions(in: torch)
    defineDistributions(in: torch)
    var members = torch.members
    let dropout = dropoutFunction()
    let nn = neuralNetworkModule(dropout: dropout)
    for (name, dtype) in Self.dtypeNames {
      torch.define(name, .dtype(dtype))
      if !["float", "int", "bool"].contains(name) { members[name] = .dtype(dtype) }
    }
    torch.define("nn", .object(nn))
    torch.define("default_generator", .object(generator))
    try? defineData(in: torch)
    members["torch"] = .object(torch)
    members["nn"] = .object(nn)
    members["dropout"] = dropout
    return members
  }

  /// `torch.<name>` for every dtype, with PyTorch's aliases.
  static let dtypeNames: [(String, DType)] = [
    ("float32", .float32), ("float", .float32), ("float64", .float64), ("double", .float64),
    ("float16", .float16), ("half", .float16), ("bfloat16", .bfloat16),
    ("int64", .int64), ("long", .int64), ("int32", .int32), ("int", .int32), ("int16", .int16), ("short", .int16),
    ("int8", .int8), ("uint8", .uint8), ("uint16", .uint16), ("uint32", .uint32), ("uint64", .uint64), ("bool", .bool),
  ]
}
