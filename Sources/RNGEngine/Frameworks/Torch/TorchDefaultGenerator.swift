import PythonSubset
import TorchStreams

/// `torch.default_generator` in one session: the one generator every torch
/// function and tensor method of the session draws from. `manual_seed(S)`
/// returns it, as PyTorch does.
///
/// ```swift
/// // calls: g = manual_seed(7); g.initial_seed()      → 7
/// ```
///
/// It holds no tensor, so a call whose value is the generator prints nothing
/// (`rand(2); manual_seed(0); rand(2)` prints four values).
final class TorchDefaultGenerator: NamedOutputs {
  /// The emulated generator.
  var state: TorchGenerator

  init(_ state: TorchGenerator) { self.state = state }

  var typeName: String { "torch._C.Generator" }
  var repr: String { "<torch._C.Generator object>" }
  var namedOutputs: [(name: String, tensor: Tensor)] { [] }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "initial_seed": return .object(BuiltinFunction(signature: Signature("initial_seed()")) { [self] _ in initialSeed })
    case "manual_seed": return .object(BuiltinFunction(signature: Signature("manual_seed(seed)")) { [self] args in try manualSeed(args) })
    default: return nil
    }
  }

  var attributeNames: [String] { ["initial_seed", "manual_seed"] }

  /// `initial_seed()`: the full 64-bit seed.
  var initialSeed: Value { .int(PythonInt(state.initialSeed)) }

  /// `manual_seed(seed)`: reseeds and returns the generator.
  func manualSeed(_ args: BoundArguments) throws -> Value {
    guard let seed = args.values["seed"] else { return .object(self) }
    try state.manualSeed(torchSeed(seed))
    return .object(self)
  }
}
