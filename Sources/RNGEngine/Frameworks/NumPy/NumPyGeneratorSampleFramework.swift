import NumPyStreams
import PythonSubset
import RNGStreams

/// `rngdiff sample numpy-generator`: the methods of one
/// `rng = np.random.default_rng(S)` (a `Generator` on PCG64).
///
/// `--seed S` is `default_rng(S)`: an int ≥ 0 of any size, or a list of
/// them, through `SeedSequence`; a negative seed is refused with NumPy's
/// "expected non-negative integer". Without `--seed`, `default_rng()` seeds
/// from operating-system entropy.
///
/// ```swift
/// let numpy = try NumPyGeneratorSampleFramework(configuration: .init(seed: seed))
/// numpy.namespace["integers"]      // rng.integers(low, high=None, ...)
/// ```
///
/// The namespace holds the Generator's methods rngdiff emulates (stream
/// `"default_rng(S)"`), `default_rng(seed)` for more generators
/// (`"Generator#1"`, …), the array helpers and the dtype names.
final class NumPyGeneratorSampleFramework: SampleFramework {
  let rng: GeneratorObject
  let namespace: [String: Value]

  init(configuration: SampleConfiguration) throws {
    try configuration.requireNoOptions(for: .numpyGenerator)
    var generator: EngineGenerator
    do {
      generator = try NumPySeeds.generator(configuration.seed?.value ?? .none, name: nil)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: configuration.seed?.range)
    }
    generator.observer = configuration.observer
    let rng = GeneratorObject(generator: generator)
    self.rng = rng
    var names = NumPyArrayFunctions.namespace.merging(NumPyDTypes.namespace) { a, _ in a }
    for (name, value) in GeneratorObject.methods.all(boundTo: rng) { names[name] = value }
    names["default_rng"] = NumPyObjectFactory(observer: configuration.observer).defaultRNG
    namespace = names
  }
}
