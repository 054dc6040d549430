import KerasStreams
import PythonStreams
import PythonSubset
import RNGStreams

/// The state one `rngdiff sample keras` run shares between its calls and
/// its objects: Keras 3's ``KerasStreams/Keras3/GlobalState`` (Python's
/// `random`, every `SeedGenerator`), held by reference so that a layer, an
/// initializer and the user's calls all draw from the same process.
final class KerasSession {
  var state: Keras3.GlobalState

  init(_ state: Keras3.GlobalState) {
    self.state = state
  }

  var backend: Keras3.Backend { state.backend }

  /// The array kind of this backend's tensors.
  var arrayKind: ArrayKind { backend == .tensorflow ? .tensorflow : .jax }

  /// A Keras tensor as a Python value.
  func array(_ tensor: Keras3.Tensor) -> Value {
    .object(ArrayObject(tensor.engineTensor, kind: arrayKind))
  }

  /// `keras.utils.set_random_seed(seed)` for a Python value.
  ///
  /// - Throws: ``EvaluationError`` at `range` for a value that is not an
  ///   int, or one `np.random.seed` rejects (after Python's `random` and the
  ///   global `SeedGenerator` have been reset, as in Keras).
  func setRandomSeed(_ seed: Value, at range: SourceRange) throws {
    let pythonSeed: PythonSeed
    switch seed {
    case .int(let i):
      pythonSeed = i.int64.map { PythonSeed.int($0) } ?? .bigInt(magnitude: i.words32, negative: i.isNegative)
    case .bool(let b): pythonSeed = .bool(b)
    default:
      throw EvaluationError(
        Keras3.GlobalState.notAnIntegerSeed(repr: seed.repr, typeName: KerasBinding.pythonTypeName(seed)).message, at: range)
    }
    do {
      try state.setRandomSeed(pythonSeed)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range)
    }
  }
}
