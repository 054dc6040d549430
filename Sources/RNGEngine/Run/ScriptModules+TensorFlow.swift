import PythonSubset
import RNGStreams
import TensorFlowStreams

extension ScriptModules {
  /// `import tensorflow` (TensorFlow 2.21): `tf.keras` (Keras 3, or tf-keras
  /// when `TF_USE_LEGACY_KERAS` was set), `tf.config`, and TensorFlow's own
  /// random ops — `tf.random.uniform`, `normal`, `truncated_normal`,
  /// `shuffle`, `categorical`, the `stateless_*` ops, `Generator`,
  /// `tf.nn.dropout`, `tf.function` — the emulation `rngdiff sample
  /// tensorflow` runs, on one process whose global seed `tf.random.set_seed`
  /// and Keras's `set_random_seed` set.
  ///
  /// ```python
  /// import tensorflow as tf
  /// tf.random.set_seed(5)
  /// x = tf.random.uniform([3])      # op seed from the eager op-seed generator
  /// ```
  ///
  /// Edge case: the process's draws are recorded from the script's first
  /// random op on; a script that only seeds TensorFlow (as Keras scripts do)
  /// writes the `tf.random.set_seed` derivation and nothing more, as a real
  /// run's recording does.
  func tensorFlowModule(at range: SourceRange) throws -> Value {
    let keras = try legacyKeras() ? tfKerasModule(at: range) : kerasModule(at: range)
    let process = TensorFlowProcess(observer: nil)
    if let pending = pendingTensorFlowSeed { try process.setSeed(pending.seed, at: pending.range, function: "set_seed") }
    tensorflow = process
    let tf = Namespace(name: "tensorflow", members: ["keras": keras])
    // (TensorFlow 2 has no tf.random.get_seed: it is tf.compat.v1's.)
    let random = recordingOnUse(TensorFlowSampleFramework.randomModule(process), process, excluding: ["get_seed"])
    random.define("set_seed(seed)") { [unowned self, recorder, session = self.keras] args in
      let seed = args.value("seed") ?? .none
      // Keras 3's fit on TensorFlow seeds its shuffle with it. Once the script's own TensorFlow
      // ops are recorded, the process writes the derivation, with the op-seed stream it restarts.
      if process.eager.observer == nil {
        recorder?.observe(SeedDerivation(
          rule: "tf.random.set_seed", inputs: [.init("seed", seed.repr)],
          result: "TensorFlow global seed (read by Keras 3's fit shuffle)", derived: nil))
      }
      if case .int(let i) = seed {
        session?.tensorFlowGlobalSeed = TensorFlowSeeds.truncate(magnitude: i.words32, negative: i.isNegative)
      } else if !seed.isNone {
        throw args.error("seed", "tf.random.set_seed() takes an int, got \(seed.repr)")
      } else {
        session?.tensorFlowGlobalSeed = nil
      }
      // tf.random.set_seed drops every kernel, those of traced tf-keras train functions too.
      session?.tfKeras?.restartKernels()
      try seedTensorFlow(seed, at: args.range("seed"))
      return .none
    }
    let top = TensorFlowSampleFramework.topLevel(process)
    for (name, value) in top.members { tf.define(name, value) }
    for name in ["nn", "function"] {
      if let value = top.members[name] { tf.define(name, wrapped(value, process)) }
    }
    tf.define("random", .object(random))
    tf.define("data", .object(TensorFlowDatasetObject.dataModule(process) { [unowned self] in startRecording(process) }))
    tf.define("config", .object(tensorflowConfig()))
    return .object(tf)
  }

  /// Keras's `set_random_seed(s)` calls `tf.random.set_seed(s)`: the same
  /// seed for TensorFlow's process, now or at `import tensorflow`.
  func seedTensorFlow(_ seed: Value, at range: SourceRange) throws {
    pendingTensorFlowSeed = (seed, range, recorder?.source)
    try tensorflow?.setSeed(seed, at: range, function: "set_seed")
  }

  /// The script's first TensorFlow random op: from now on the process's
  /// draws are recorded, and a seeding made before is declared at its own line.
  private func startRecording(_ process: TensorFlowProcess) {
    guard process.eager.observer == nil, let recorder else { return }
    process.eager.observer = recorder
    guard let seeded = pendingTensorFlowSeed, let stream = process.eager.opSeedGenerator?.stream else { return }
    let now = recorder.source
    recorder.source = seeded.source
    recorder.observe(seeded: stream, start: 0)
    recorder.source = now
  }

  /// `namespace` with each function (and those of its sub-namespaces) first
  /// starting the recording of `process`'s draws.
  private func recordingOnUse(_ namespace: Namespace, _ process: TensorFlowProcess, excluding: Set<String> = []) -> Namespace {
    let copy = Namespace(name: namespace.name)
    for (name, value) in namespace.members where !excluding.contains(name) { copy.define(name, wrapped(value, process)) }
    return copy
  }

  private func wrapped(_ value: Value, _ process: TensorFlowProcess) -> Value {
    switch value {
    case .object(let function as BuiltinFunction):
      return .object(BuiltinFunction(signature: function.signature) { [unowned self] args in
        startRecording(process)
        return try function.body(args)
      })
    case .object(let namespace as Namespace):
      return .object(recordingOnUse(namespace, process))
    default:
      return value
    }
  }
}
