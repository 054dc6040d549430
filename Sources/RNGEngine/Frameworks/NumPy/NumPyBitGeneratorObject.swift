import NumPyStreams
import PythonSubset
import RNGBits
import RNGStreams

/// `np.random.MT19937(seed)` / `np.random.PCG64(seed)`: a bit generator
/// seeded through `SeedSequence`, to be wrapped by `RandomState(...)` or
/// `Generator(...)`.
///
/// ```python
/// np.random.RandomState(np.random.MT19937(5)).random(3)
/// np.random.Generator(np.random.PCG64(7)).poisson(3.0, 4)
/// ```
///
/// rngdiff wraps `MT19937` in `RandomState` and `PCG64` in `Generator` (the
/// other two pairings are refused with the reason). In NumPy the wrapper
/// shares the bit generator's state, so a second wrapper of the same object
/// would interleave with the first; rngdiff refuses a second wrap instead of
/// giving it a copy.
final class NumPyBitGeneratorObject: PythonObject {
  enum Kind: String {
    case mt19937 = "MT19937"
    case pcg64 = "PCG64"
  }

  let kind: Kind
  let seedSequence: SeedSequence
  let seedText: String
  var wrapped = false

  init(kind: Kind, seedSequence: SeedSequence, seedText: String) {
    self.kind = kind
    self.seedSequence = seedSequence
    self.seedText = seedText
  }

  var typeName: String { "numpy.random.\(kind.rawValue)" }
  var repr: String { "\(kind.rawValue)(\(seedText))" }
  func attribute(_ name: String) throws -> Value? { nil }
  var attributeNames: [String] { [] }

  /// The constructor `MT19937(seed=None)` or `PCG64(seed=None)`.
  static func constructor(_ kind: Kind) -> Value {
    .object(BuiltinFunction(signature: Signature("\(kind.rawValue)(seed=None)")) { args in
      let value = args.value("seed") ?? .none
      if value.isNone {
        throw args.error("seed", "rngdiff needs an explicit seed for \(kind.rawValue)(...); None would seed from operating-system entropy")
      }
      let sequence = try args.framework { try NumPySeeds.seedSequence(value) }
      return .object(NumPyBitGeneratorObject(kind: kind, seedSequence: sequence, seedText: value.repr))
    })
  }

  /// Marks the object as wrapped; throws when it already was.
  func claim(by wrapper: String, _ args: BoundArguments, _ name: String) throws {
    if wrapped {
      throw args.error(
        name,
        "this \(kind.rawValue) object is already used by another RandomState or Generator; NumPy would share its state between them, which rngdiff does not emulate: create a new \(kind.rawValue)(...) for \(wrapper)")
    }
    wrapped = true
  }
}
