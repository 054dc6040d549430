import PythonSubset
import RNGStreams

/// The frameworks `rngdiff sample` can emulate, by their command-line names.
public enum SampleFrameworkName: String, Sendable, CaseIterable {
  case numpy
  case numpyGenerator = "numpy-generator"
  case python
  case torch
  case tensorflow
  case keras
  case tfKeras = "tf-keras"
  case jax

  /// The seeding call `--seed S` stands for, for help and messages.
  public var seedingCall: String {
    switch self {
    case .numpy: return "np.random.seed(S)"
    case .numpyGenerator: return "np.random.default_rng(S)"
    case .python: return "random.seed(S)"
    case .torch: return "torch.manual_seed(S)"
    case .tensorflow: return "tf.random.set_seed(S)"
    case .keras: return "keras.utils.set_random_seed(S)"
    case .tfKeras: return "tf_keras.utils.set_random_seed(S)"
    case .jax: return "none: JAX has no global seed; pass keys explicitly, e.g. uniform(key(0), (5,))"
    }
  }
}

/// Keras 3's backend, chosen with `--backend`.
public enum KerasBackend: String, Sendable, CaseIterable {
  case tensorflow
  case jax
}

/// What a framework session is created with.
public struct SampleConfiguration: @unchecked Sendable {
  /// `--seed S` as written, evaluated as a Python literal; nil when absent
  /// (the framework then behaves as a fresh, unseeded process).
  public var seed: Located<Value>?
  /// `--backend`, for Keras 3.
  public var backend: KerasBackend?
  /// Receives every draw and seed derivation.
  public var observer: (any DrawObserver)?
  /// Framework configuration flags that change values, as `--config
  /// name=value` gives them (e.g. `jax_threefry_partitionable=false`).
  public var options: [String: String]

  public init(
    seed: Located<Value>? = nil, backend: KerasBackend? = nil, observer: (any DrawObserver)? = nil,
    options: [String: String] = [:]
  ) {
    self.seed = seed
    self.backend = backend
    self.observer = observer
    self.options = options
  }
}

/// One framework's emulated global state and the names its call strings see.
///
/// A conformer is created already seeded the way the framework's own seeding
/// call does (``SampleConfiguration/seed``), and exposes functions whose
/// Python signatures match the framework's (module prefix left off):
/// `random(7)`, `rand(3, dtype=torch.float64)`, `uniform([3], seed=7)`.
///
/// ```swift
/// let numpy = try NumPySampleFramework(configuration: .init(seed: seed))
/// numpy.namespace["randn"]     // a BuiltinFunction
/// ```
///
/// Errors: a seed the framework rejects throws an ``EvaluationError`` at the
/// seed's range (or a ``FrameworkError``).
public protocol SampleFramework: AnyObject {
  /// Names visible to the call strings.
  var namespace: [String: Value] { get }
}

/// Turns a framework name into a seeded session.
public typealias SampleFrameworkFactory = @Sendable (SampleConfiguration) throws -> any SampleFramework
