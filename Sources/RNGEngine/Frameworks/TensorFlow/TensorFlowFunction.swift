import PythonSubset
import TensorFlowStreams

/// `tf.function(func)`: a Python function that TensorFlow traces into a
/// graph on its first call and replays on later calls.
///
/// ```python
/// f = function(lambda: [uniform([2]), uniform([2], seed=9)])
/// f()    # traces: the graph's seed is the global seed now, seedless ops take 0, 1, …
/// f()    # replays the same graph: each op node's kernel continues its stream
/// ```
///
/// What the emulation keeps from TensorFlow 2.21 (all checked by goldens):
/// - tracing creates a FuncGraph whose seed is the eager global seed at
///   that moment, with its own op-seed counter starting at 0;
/// - every random op node owns its kernel, so two identical ops in one
///   function do not share a stream; a replay runs the same nodes, which
///   continue where they stopped (`set_seed` restarts them, as it empties
///   the kernel cache);
/// - `set_seed` inside the function sets the graph's seed only.
///
/// A replay evaluates the Python function again against the graph as it
/// was when tracing began, which reproduces the same nodes and seeds.
/// Calls with different Python arguments (or tensors of another dtype or
/// shape) trace a new graph, as TensorFlow retraces.
///
/// Edge cases: `jit_compile=True` (XLA) is refused: XLA's random ops use
/// other algorithms, which rngdiff does not emulate. Side effects of the
/// Python function other than TensorFlow ops run on every call here, but
/// only while tracing in TensorFlow.
final class TensorFlowFunction: PythonObject {
  let function: any PythonObject
  let process: TensorFlowProcess
  /// The name of the first graph (`function#1`); retraces add `.trace2`, ….
  let id: String
  /// The graph of each trace as it was when tracing began, by argument key.
  private var traces: [String: TensorFlowGraph] = [:]

  init(_ function: any PythonObject, process: TensorFlowProcess) {
    self.function = function
    self.process = process
    process.functionsCreated += 1
    id = "function#\(process.functionsCreated)"
  }

  var typeName: String { "tf.function" }
  var repr: String { "<tf.function \(id)>" }

  func call(_ arguments: Arguments) throws -> Value {
    let key = Self.traceKey(arguments)
    let graph: TensorFlowGraph
    if let traced = traces[key] {
      graph = traced.restarted
    } else {
      graph = process.eager.functionGraph(id: traces.isEmpty ? id : "\(id).trace\(traces.count + 1)")
      traces[key] = graph
    }
    process.eager.enter(graph)
    defer { process.eager.exit() }
    return try function.call(arguments)
  }

  /// What makes TensorFlow trace again: Python values by value, tensors by
  /// dtype and shape.
  static func traceKey(_ arguments: Arguments) -> String {
    func key(_ v: Value) -> String {
      if case .object(let o) = v, let a = o as? ArrayObject { return "tensor(\(a.tensor.dtype.rawValue), \(a.tensor.shape))" }
      return v.repr
    }
    let positional = arguments.positional.map { key($0.value) }
    let keywords = arguments.keywords.sorted { $0.name < $1.name }.map { "\($0.name)=\(key($0.value.value))" }
    return (positional + keywords).joined(separator: ", ")
  }
}
