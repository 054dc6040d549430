import KerasStreams
import PythonSubset
import TensorFlowStreams

/// An initializer of tf.keras in TensorFlow 1.x (`--profile tf1-keras`),
/// made by `keras.initializers.glorot_uniform(seed=1)` and the like, to pass
/// as a Dense's `kernel_initializer`: its random op takes `seed` as its op
/// seed, or `_last_id` without one.
///
/// ```python
/// init = keras.initializers.glorot_uniform(seed=1)
/// keras.layers.Dense(8, kernel_initializer=init)   # op seeds (graph seed, 1)
/// ```
///
/// Edge case: calling the object itself (`init((3, 4))`) builds a graph op
/// that only a session would run; the engine refuses it with a located message.
final class TF1InitializerObject: PythonObject {
  let className: String
  let initial: TFKerasRun.Initial

  init(className: String, initial: TFKerasRun.Initial) {
    self.className = className
    self.initial = initial
  }

  var typeName: String { "tensorflow.python.ops.init_ops.\(className)" }

  func call(_ arguments: Arguments) throws -> Value {
    throw EvaluationError(
      "calling a TensorFlow 1.x initializer makes a graph op that rngdiff run does not evaluate; pass it as kernel_initializer= of a Dense",
      at: arguments.callRange)
  }

  /// `keras.initializers` of TensorFlow 1.x: the variance-scaling presets
  /// under their function names and class names, with `seed=`.
  static func namespace() -> Namespace {
    let initializers = Namespace(name: "tensorflow.keras.initializers")
    for (name, preset) in TFKerasRun.presets {
      let className = name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
      for spelling in [name, className] {
        initializers.define("\(spelling)(seed=None)") { args in
          let seed = try args.tfOpSeed("seed").map(TensorFlowSeeds.truncate)
          return .object(TF1InitializerObject(className: className, initial: .graph(preset, seed: seed)))
        }
      }
    }
    return initializers
  }
}
