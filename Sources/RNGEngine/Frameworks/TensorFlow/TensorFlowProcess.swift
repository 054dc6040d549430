import PythonSubset
import RNGStreams
import TensorFlowStreams

/// One emulated Python process with TensorFlow imported: the eager
/// context (global seed, op-seed generator, kernel cache, graphs being
/// traced) that every function of a session works on.
///
/// It is a reference so that the namespace's functions, `tf.function`
/// objects and tf-keras layers all see the same state, as they do in a
/// real process.
///
/// ```swift
/// let process = TensorFlowProcess(observer: log)
/// try process.setSeed(.int(PythonInt(42)), at: range, function: "set_seed")
/// ```
final class TensorFlowProcess {
  var eager: TensorFlowEagerContext
  /// `tf.function` objects created so far; names their graphs.
  var functionsCreated = 0
  /// `tf.random.Generator` objects created so far; names their streams.
  var generatorsCreated = 0
  /// `tf.random.get_global_generator()`'s generator, created on first use.
  var globalGenerator: TensorFlowGeneratorObject?

  /// The stream name of the next generator: `generator#1`, `generator#2`, ….
  func nextGeneratorName() -> String {
    generatorsCreated += 1
    return "generator#\(generatorsCreated)"
  }

  init(observer: (any DrawObserver)?) {
    eager = TensorFlowEagerContext(observer: observer)
  }

  /// `tf.random.set_seed(seed)`: an int of any size (wide ones by their
  /// magnitude words), a bool, or None.
  ///
  /// TensorFlow also takes a float seed (`set_seed(1.5)`) and gives op
  /// seeds that are floats; rngdiff does not emulate that and says so.
  func setSeed(_ seed: Value, at range: SourceRange, function: String) throws {
    switch seed {
    case .none: eager.setSeed(nil)
    case .bool(let b): eager.setSeed(b ? 1 : 0)
    case .int(let i):
      if let n = i.int64 {
        eager.setSeed(n)
      } else {
        eager.setSeed(magnitude: i.words32, negative: i.isNegative)
      }
    case .float:
      throw EvaluationError(
        "\(function)() argument 'seed' must be an int or None; TensorFlow accepts a float seed such as \(seed.repr) but rngdiff does not emulate it",
        at: range)
    default:
      throw EvaluationError("\(function)() argument 'seed' must be an int or None, got \(seed.typeName) \(seed.repr)", at: range)
    }
  }
}
