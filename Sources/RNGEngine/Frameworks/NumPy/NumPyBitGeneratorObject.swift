import NumPyStreams
import PythonSubset
import RNGBits
import RNGStreams

/// `np.random.MT19937(seed)`, `PCG64`, `PCG64DXSM`, `Philox`, `SFC64`: a bit
/// generator seeded through `SeedSequence`, to be wrapped by `RandomState(...)`
/// or `Generator(...)`.
///
/// ```python
/// np.random.RandomState(np.random.MT19937(5)).random(3)
/// np.random.Generator(np.random.PCG64(7)).poisson(3.0, 4)
/// ```
///
/// rngdiff wraps every one of them in `Generator`, and `MT19937` in
/// `RandomState` (`RandomState` on the others is refused with the reason). In NumPy the wrapper
/// shares the bit generator's state, so a second wrapper of the same object
/// would interleave with the first; rngdiff refuses a second wrap instead of
/// giving it a copy.
final class NumPyBitGeneratorObject: PythonObject {
  enum Kind: String, CaseIterable {
    case mt19937 = "MT19937"
    case pcg64 = "PCG64"
    case pcg64dxsm = "PCG64DXSM"
    case philox = "Philox"
    case sfc64 = "SFC64"
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

  /// A fresh bit generator of this kind from the seed sequence.
  func makeBitGenerator() -> NumPyAnyBitGenerator {
    switch kind {
    case .mt19937: return .mt19937(MT19937(seedSequence: seedSequence))
    case .pcg64: return .pcg64(PCG64(seedSequence: seedSequence))
    case .pcg64dxsm: return .pcg64dxsm(PCG64DXSM(seedSequence: seedSequence))
    case .philox: return .philox(Philox4x64(seedSequence: seedSequence))
    case .sfc64: return .sfc64(SFC64(seedSequence: seedSequence))
    }
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
