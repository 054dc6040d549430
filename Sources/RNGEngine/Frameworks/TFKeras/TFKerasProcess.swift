import KerasStreams
import PythonStreams
import PythonSubset
import RNGStreams

/// One emulated Python process with `tf_keras` imported: the global
/// Python `random`, tf-keras's private seed generator and TensorFlow's
/// eager state, shared by everything a session creates.
///
/// ```swift
/// let process = TFKerasProcess(observer: log)
/// try process.setRandomSeed(.int(PythonInt(42)), at: range)
/// ```
///
/// Edge case: a fresh process's `random` is seeded from entropy, so
/// without `--seed` (or a `random.seed(...)` call) unseeded initializers
/// differ from run to run, as they do in Python.
final class TFKerasProcess {
  /// The module-level `random` (stream `global`, framework python).
  var python: PythonRandom
  var backend: TFKeras.Backend
  let tensorflow: TensorFlowProcess

  init(observer: (any DrawObserver)?) {
    python = TFKerasProcess.entropySeeded()
    python.observer = observer
    backend = TFKeras.Backend(observer: observer)
    tensorflow = TensorFlowProcess(observer: observer)
  }

  /// `random.Random()` as CPython seeds it without a seed: from the
  /// operating system's entropy.
  static func entropySeeded() -> PythonRandom {
    var system = SystemRandomNumberGenerator()
    var random = PythonRandom(seedWords: (0..<4).map { _ in UInt32(truncatingIfNeeded: system.next()) })
    random.identity.seeding = .entropy
    return random
  }

  /// `tf_keras.utils.set_random_seed(seed)`: `random.seed(seed)`, then
  /// NumPy's check of the seed (which rejects anything outside
  /// `0 ... 2**32 - 1`, with `random` already seeded), then
  /// `tf.random.set_seed(seed)` and the private seed generator.
  ///
  /// NumPy's global stream is seeded too in Python, but nothing in the
  /// tf-keras namespace draws from it, so it is not emulated here.
  func setRandomSeed(_ seed: Value, at range: SourceRange) throws {
    let integer = try Self.seedInteger(seed, at: range)
    guard let small = integer.int64 else {
      try python.seed(.bigInt(magnitude: integer.words32, negative: integer.isNegative))
      throw EvaluationError("Seed must be between 0 and 2**32 - 1, got \(integer).", at: range)
    }
    do {
      try TFKeras.setRandomSeed(small, python: &python, tensorflow: &tensorflow.eager, backend: &backend)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range)
    }
  }

  /// The int a `set_random_seed(seed)` call was given (a bool counts as 0 or 1).
  ///
  /// - Throws: tf-keras's `ValueError` text, at `range`, for anything else.
  static func seedInteger(_ seed: Value, at range: SourceRange) throws -> PythonInt {
    switch seed {
    case .int(let i): return i
    case .bool(let b): return PythonInt(b ? 1 : 0)
    default:
      throw EvaluationError(
        "Expected `seed` argument to be an integer. Received: seed=\(seed.repr) (of type <class '\(seed.typeName)'>)", at: range)
    }
  }
}
