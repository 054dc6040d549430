import PythonStreams
import PythonSubset
import RNGStreams

/// `rngdiff sample python`: CPython's `random` module, as 3.11 has it, or
/// as the release `--config python_version=3.X` names (3.9 to 3.13; see
/// ``PythonVersion`` for what differs).
///
/// `--seed S` is `random.seed(S)`: an int of any size (the sign is dropped),
/// a bool, a float (seeded by `hash(S)`), a str or bytes (seeded by their
/// SHA-512). Without `--seed` the module is seeded from operating-system
/// entropy, as in a fresh interpreter.
///
/// ```swift
/// let python = try PythonSampleFramework(configuration: .init(seed: seed))
/// python.namespace["gauss"]      // the global Random's bound gauss()
/// ```
///
/// The namespace holds every module-level function rngdiff emulates (bound
/// methods of the global stream `"global"`) and the class `Random`, whose
/// instances are streams `"Random#1"`, `"Random#2"`, …
///
/// Errors: a seed CPython rejects (a list, None is accepted) throws an
/// ``EvaluationError`` at the seed; a `--config` flag other than
/// `python_version`, or a release rngdiff has no profile for, is refused.
final class PythonSampleFramework: SampleFramework {
  let global: PythonRandomObject
  let namespace: [String: Value]

  init(configuration: SampleConfiguration) throws {
    let version = try configuration.pythonVersion()
    var stream: PythonRandom
    if let seed = configuration.seed {
      do {
        stream = try PythonRandom.seeded(by: seed.value, name: "global")
      } catch let e as FrameworkError {
        throw EvaluationError(e.message, at: seed.range)
      }
    } else {
      stream = PythonRandom.fromEntropy(name: "global")
    }
    stream.observer = configuration.observer
    let global = PythonRandomObject(stream: stream, version: version)
    self.global = global
    var names = PythonRandomObject.methods.all(boundTo: global)
    let observer = configuration.observer
    var instances = 0
    names["Random"] = .object(BuiltinFunction(signature: Signature("Random(x=None)")) { args in
      instances += 1
      let name = PythonRandom.instanceName(instances)
      var instance = try args.framework {
        do {
          return try PythonRandom.seeded(by: args.value("x") ?? .none, name: name)
        } catch var e as FrameworkError {
          e.parameter = "x"
          throw e
        }
      }
      instance.observer = observer
      instance.reportSeeding()  // declared where it is seeded, as a real recorder sees it
      return .object(PythonRandomObject(stream: instance, version: version))
    })
    namespace = names
  }
}
