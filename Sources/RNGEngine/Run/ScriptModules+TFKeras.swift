import PythonSubset
import RNGTrace

extension ScriptModules {
  /// `import tf_keras` (and `tf.keras` when `TF_USE_LEGACY_KERAS` was set
  /// before `import tensorflow`): tf-keras 2.21 on the engine's Keras
  /// objects, with tf-keras's initializers, shuffles and Dropout kernels.
  ///
  /// Importing tf-keras imports TensorFlow, which in 2.21 imports Keras 3
  /// too, so the first of these imports takes Keras 3's word of Python's
  /// `random` (measured: `random.seed(5); import tf_keras; random.random()`
  /// gives the value after one `getrandbits(24)`); later ones take nothing.
  ///
  /// ```python
  /// import os
  /// os.environ["TF_USE_LEGACY_KERAS"] = "1"
  /// import tensorflow as tf      # tf.keras is tf_keras
  /// ```
  func tfKerasModule(at range: SourceRange) throws -> Value {
    if let made = loaded["tf_keras"] { return made }
    guard case .object(let keras as Namespace) = try kerasModule(at: range, importSideEffects: !tf1Keras), let session = self.keras else {
      throw EvaluationError("the tf_keras module could not be made", at: range)
    }
    let run = TFKerasRun(observer: recorder)
    if tf1Keras { run.graph = TF1Graph(observer: recorder) }
    session.tfKeras = run
    let module = Value.object(try run.module(session: session, keras: keras))
    loaded["tf_keras"] = module
    return module
  }

  /// Whether `os.environ` asks TensorFlow for tf-keras as `tf.keras`.
  func legacyKeras() -> Bool {
    guard let value = environmentValue("TF_USE_LEGACY_KERAS") else { return false }
    return ["1", "true", "yes"].contains(value.lowercased())
  }

  /// The trace's profile when the script imported tf-keras (it wins over
  /// Keras 3, which TensorFlow imports too).
  func tfKerasProfile(_ libraries: [NamedValue]) -> (profile: TraceProfile, libraries: [NamedValue]) {
    (TraceProfile(framework: .tfKeras, version: "2.21.0", semantics: "tf-keras"),
     libraries + [NamedValue("tf_keras", "2.21.0"), NamedValue("tensorflow", "2.21.0")])
  }

  /// `import tensorflow` under `--profile tf1-keras`: TensorFlow 1.x, whose
  /// `tf.keras` is tf.keras 2.2.4-tf in graph mode. Importing it draws nothing.
  func tf1TensorFlowModule(at range: SourceRange) throws -> Value {
    let keras = try tfKerasModule(at: range)
    guard let run = self.keras?.tfKeras else { throw EvaluationError("the tensorflow module could not be made", at: range) }
    return .object(run.tf1TensorFlowModule(keras: keras, recorder: recorder))
  }

  /// Why `import keras` and `import tf_keras` stop a `--profile tf1-keras` run.
  func tf1Refusal(_ name: String, at range: SourceRange) -> EvaluationError {
    let why = name == "keras"
      ? "standalone Keras 2.2 seeds its initializers and Dropouts from NumPy, which rngdiff run does not emulate"
      : "TensorFlow 1.x has no tf_keras"
    return EvaluationError(
      "under --profile tf1-keras, import \(name) is not emulated: \(why); use `from tensorflow import keras`",
      at: range, type: "ModuleNotFoundError")
  }

  /// The trace's profile under `--profile tf1-keras`.
  func tf1KerasProfile(_ libraries: [NamedValue]) -> (profile: TraceProfile, libraries: [NamedValue]) {
    (TraceProfile(
      framework: .tfKeras, version: "2.2.4-tf",
      semantics: "tf1-keras (graph mode; op ids counted by the engine)"),
     libraries + [NamedValue("tensorflow", "1.15.5")])
  }
}
