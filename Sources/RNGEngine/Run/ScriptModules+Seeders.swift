import PythonSubset
import RNGStreams

/// The one-call seeders users reach for, as `rngdiff run` modules, each doing
/// to every stream exactly what the real function does (versions checked:
/// lightning / pytorch_lightning 2.6.6, transformers 5.25.0, accelerate 1.16.0):
///
/// | call | random | NumPy global | torch | other |
/// |---|---|---|---|---|
/// | `lightning.seed_everything(seed=None, workers=False, verbose=True)` | `seed(s)` | `seed(s)` | `manual_seed(s)` | `PL_GLOBAL_SEED=s`, `PL_SEED_WORKERS=0/1`; returns `s` |
/// | `transformers.set_seed(seed, deterministic=False)` | `seed(s)` | `seed(s)` | `manual_seed(s)` | `deterministic` → `torch.use_deterministic_algorithms(True)` |
/// | `accelerate.utils.set_seed(seed, device_specific=False, deterministic=False)` | `seed(s)` | `seed(s)` | `manual_seed(s)` | `device_specific=True` needs an `Accelerator()`, which the engine has not: refused with accelerate's own error |
///
/// ```python
/// import lightning as L
/// L.seed_everything(7, workers=True)   # 7; random, NumPy and torch seeded with 7
/// ```
///
/// Lightning's seed rule: `None` reads `PL_GLOBAL_SEED` (0 when unset, with a
/// warning; a value `int()` cannot read is an error), anything else goes
/// through `int()`; outside `[0, 2**32 - 1]` is an error. The torch seeding
/// happens when the engine has `torch` (`import torch` in `rngdiff run`);
/// until then the seeders seed `random` and NumPy only.
extension ScriptModules {
  /// The module names the seeders live under.
  static let seederModules = [
    "accelerate", "accelerate.utils", "lightning", "lightning.fabric", "lightning.pytorch", "lightning_fabric",
    "pytorch_lightning", "transformers",
  ]

  /// One of ``seederModules``.
  func seederModule(_ name: String, at range: SourceRange) throws -> Value {
    let everything = Value.object(BuiltinFunction(signature: Signature("seed_everything(seed=None, workers=False, verbose=True)")) {
      [unowned self] args in try seedEverything(args)
    })
    switch name {
    case "lightning", "lightning.pytorch", "lightning.fabric", "lightning_fabric", "pytorch_lightning":
      if name == "lightning" {
        let pytorch = try module("lightning.pytorch", at: range)
        let fabric = try module("lightning.fabric", at: range)
        return .object(Namespace(name: name, members: ["seed_everything": everything, "pytorch": pytorch, "fabric": fabric]))
      }
      return .object(Namespace(name: name, members: ["seed_everything": everything]))
    case "transformers":
      let setSeed = Value.object(BuiltinFunction(signature: Signature("set_seed(seed, deterministic=False)")) { [unowned self] args in
        let seed = try seedArgument(args)
        try seedAll(seed, args)
        if try args.bool("deterministic") == true { try torchDeterministic(args) }
        return .none
      })
      return .object(Namespace(name: name, members: ["set_seed": setSeed]))
    case "accelerate":
      return .object(Namespace(name: name, members: ["utils": try module("accelerate.utils", at: range)]))
    default:  // accelerate.utils
      let setSeed = Value.object(BuiltinFunction(signature: Signature("set_seed(seed, device_specific=False, deterministic=False)")) {
        [unowned self] args in
        // device_specific reads AcceleratorState().process_index, which needs an Accelerator;
        // the engine has none, so the call fails as it does in a script that made none.
        if try args.bool("device_specific") == true {
          throw EvaluationError(
            "Please make sure to properly initialize your accelerator via `accelerator = Accelerator()` before using any functionality from the `accelerate` library.",
            at: args.range("device_specific"), type: "ValueError")
        }
        let seed = try seedArgument(args)
        try seedAll(seed, args)
        if try args.bool("deterministic") == true { try torchDeterministic(args) }
        return .none
      })
      return .object(Namespace(name: name, members: ["set_seed": setSeed]))
    }
  }

  private func seedArgument(_ args: BoundArguments) throws -> Value {
    guard let seed = args.value("seed") else { throw args.error("seed", "set_seed() missing 1 required positional argument: 'seed'") }
    return seed
  }

  /// `seed_everything`: the seed rule, then random, NumPy and torch, then the variables.
  private func seedEverything(_ args: BoundArguments) throws -> Value {
    var seed: PythonInt
    let given = args.value("seed") ?? .none
    if given.isNone {
      if let text = environmentValue("PL_GLOBAL_SEED") {
        do {
          seed = try Builtins.int(of: .string(text), at: args.callRange)
        } catch {
          throw EvaluationError("Invalid seed specified via PL_GLOBAL_SEED: \(Value.string(text).repr)", at: args.callRange, type: "ValueError")
        }
      } else {
        seed = PythonInt(0)
      }
    } else {
      seed = try Builtins.int(of: given, at: args.range("seed"))
    }
    guard let s = seed.int64, s >= 0, s <= 4_294_967_295 else {
      throw EvaluationError("\(seed) is not in bounds, numpy accepts from 0 to 4294967295", at: args.range("seed"), type: "ValueError")
    }
    environment[.string("PL_GLOBAL_SEED")] = .string("\(s)")
    try seedAll(.int(seed), args)
    let workers = (args.value("workers") ?? .bool(false)).isTruthy
    environment[.string("PL_SEED_WORKERS")] = .string(workers ? "1" : "0")
    return .int(seed)
  }

  /// `random.seed(s)`, `np.random.seed(s)`, `torch.manual_seed(s)` (when the engine has torch), in that order.
  private func seedAll(_ seed: Value, _ args: BoundArguments) throws {
    let range = args.range("seed")
    for (moduleName, function) in [("random", "seed"), ("numpy.random", "seed"), ("torch", "manual_seed")] {
      let module: Value
      do {
        module = try self.module(moduleName, at: range)
      } catch {
        if moduleName == "torch" { continue }  // no torch in rngdiff run yet: nothing to seed
        throw error
      }
      guard case .object(let m) = module, let f = try m.attribute(function) else { continue }
      do {
        _ = try ClassObject.callValue(f, Arguments(positional: [Located(seed, range)], callRange: args.callRange, calleeRange: args.callRange))
      } catch var e as EvaluationError where e.type == nil {
        // NumPy refuses seeds outside [0, 2**32 - 1] with a ValueError, which the seeder passes on.
        e.type = "ValueError"
        throw e
      }
    }
  }

  /// `torch.use_deterministic_algorithms(True)`, when the engine has torch.
  private func torchDeterministic(_ args: BoundArguments) throws {
    guard case .object(let torch)? = try? module("torch", at: args.callRange),
      let f = try torch.attribute("use_deterministic_algorithms")
    else { return }
    _ = try ClassObject.callValue(f, Arguments(positional: [Located(.bool(true), args.callRange)], callRange: args.callRange))
  }
}
