import KerasStreams
import PythonStreams
import PythonSubset
import RNGStreams

/// `rngdiff sample keras`: Keras 3 on its TensorFlow or JAX backend
/// (`--backend`, default tensorflow), as a fresh process has it after
/// `keras.utils.set_random_seed(S)`, with the names the call strings use:
/// `keras.random`'s `uniform`, `normal`, `truncated_normal`, `dropout` and
/// `SeedGenerator`; `keras.ops`'s `ones` and `zeros`; `set_random_seed`;
/// the initializer classes (`GlorotUniform`, …, `VarianceScaling`,
/// `RandomUniform`, `RandomNormal`, `TruncatedNormal`, `Zeros`, `Ones`,
/// `Constant`); the layers `Dense` and `Dropout`; and `keras` itself.
///
/// ```swift
/// let seed = try SampleSession.parseSeed("5")
/// let keras = try KerasSampleFramework(configuration: .init(seed: seed, backend: .jax))
/// try SampleSession.evaluate(calls: "d = Dense(3); d.build((None, 4)); d.kernel", in: keras, callDescription: "keras call")
/// ```
///
/// ```sh
/// rngdiff sample keras --seed 5 'd = Dense(3); d.build((None, 4)); d.kernel'
/// rngdiff sample keras --backend jax --seed 0 'Dropout(0.5)(ones((40,)), training=True)'
/// ```
///
/// Edge cases:
/// - `--seed` must be an int in `0 ... 2**32 - 1` (NumPy's range) or a
///   bool, as `set_random_seed` requires; the error comes from Keras or NumPy.
/// - Without `--seed`, Python's `random` is seeded from system entropy, so
///   unseeded initializers, layers and `seed=None` ops differ from run to run.
/// - `keras.utils.set_random_seed` also seeds NumPy and TensorFlow's global
///   seed; no call here reads them.
/// - Keras takes no `--config` options.
public final class KerasSampleFramework: SampleFramework {
  let session: KerasSession

  /// A Keras 3 process on `configuration.backend` (TensorFlow when nil),
  /// seeded with `keras.utils.set_random_seed(configuration.seed)`.
  ///
  /// - Throws: ``EvaluationError`` at the seed for a seed Keras or NumPy
  ///   rejects; `PythonSubset.SourceError` in `--config` for any option.
  public init(configuration: SampleConfiguration) throws {
    if let name = configuration.options.keys.sorted().first {
      throw SourceError("keras has no configuration '\(name)'; it takes no --config options", at: .init(line: 1, column: 1), in: "--config")
    }
    let backend: Keras3.Backend = configuration.backend == .jax ? .jax : .tensorflow
    session = KerasSession(Keras3.GlobalState(backend: backend, observer: configuration.observer))
    if let seed = configuration.seed {
      try session.setRandomSeed(seed.value, at: seed.range)
    }
  }

  /// The emulated process state (Python's `random`, the seed generators).
  public var state: Keras3.GlobalState { session.state }

  public var namespace: [String: Value] { session.namespace }
}
