import PythonSubset
import RNGStreams
import TorchStreams

/// `rngdiff sample torch`: PyTorch's CPU default generator as a fresh process
/// has it after `torch.manual_seed(S)`, and the names the call strings use —
/// the random functions (`rand`, `randn`, `randint`, `randperm`, `normal`,
/// `*_like`), tensor constructors (`empty`, `ones`, `zeros`, `full`,
/// `tensor`), `dropout` (`torch.nn.functional.dropout`), `nn` (layers and
/// `nn.init`), `torch` itself (so `dtype=torch.float64` works), the dtype
/// names, `manual_seed` and `initial_seed`. Tensors have the in-place methods
/// `uniform_`, `normal_`, `bernoulli_` and `random_`.
///
/// ```swift
/// let seed = try SampleSession.parseSeed("0")
/// let torch = try TorchSampleFramework(configuration: .init(seed: seed, options: ["cpu_capability": "default"]))
/// try SampleSession.evaluate(calls: "rand(3); nn.Linear(3, 4)", in: torch, callDescription: "torch call")
/// ```
///
/// Configuration (`--config NAME=VALUE`):
/// - `cpu_capability=default|avx2|avx512` (case-insensitive; default `avx2`):
///   the CPU kernel build whose rounding is reproduced, as
///   `torch.backends.cpu.get_cpu_capability()` or `ATEN_CPU_CAPABILITY` name
///   it (see ``TorchStreams/TorchCPUKernel``).
///
/// Edge cases:
/// - `--seed` goes through Python's `int()` first, as `torch.manual_seed`
///   does: `1.7` seeds 1, `'42'` seeds 42, `'hello'` and `[1, 2]` are
///   refused with CPython's message; ints outside `[-2**63, 2**64 - 1]` are
///   refused with PyTorch's.
/// - Without `--seed` the generator is seeded from system entropy.
/// - `empty(...)` is filled with zeros (PyTorch leaves it uninitialised);
///   fill it with `uniform_` and friends before printing it.
/// - Functions accept `generator=None`, `out=None`, `device=None` or `'cpu'`
///   and ignore `requires_grad`, `pin_memory` and `memory_format`; other
///   generators, devices and layouts are refused.
public final class TorchSampleFramework: SampleFramework {
  /// The session's default generator and tensor methods.
  let session: TorchSession

  /// The `--config` names this framework accepts.
  public static let configurationNames = ["cpu_capability"]

  /// A session seeded as `torch.manual_seed(configuration.seed)` does, with
  /// the CPU kernel `configuration.options["cpu_capability"]` names.
  ///
  /// - Throws: ``EvaluationError`` at the seed for a seed `torch.manual_seed`
  ///   rejects; `PythonSubset.SourceError` in `--config` for an unknown
  ///   configuration name or capability.
  public init(configuration: SampleConfiguration) throws {
    let kernel = try Self.kernel(configuration.options)
    var generator = try configuration.seed.map { try TorchGenerator(seed: torchSeed($0), kernel: kernel) }
      ?? TorchGenerator(kernel: kernel)
    generator.observer = configuration.observer
    session = TorchSession(generator)
  }

  /// The CPU kernel the session emulates.
  public var kernel: TorchCPUKernel { session.generator.state.kernel }

  public var namespace: [String: Value] { session.namespace }

  /// Reads `cpu_capability` from the `--config` options.
  static func kernel(_ options: [String: String]) throws -> TorchCPUKernel {
    for name in options.keys.sorted() where !configurationNames.contains(name) {
      throw SourceError(
        "torch has no configuration '\(name)'; accepted: cpu_capability=default|avx2|avx512",
        at: .init(line: 1, column: 1), in: "--config")
    }
    guard let text = options["cpu_capability"] else { return .avx2 }
    guard let kernel = TorchCPUKernel(rawValue: text.lowercased()) else {
      throw SourceError(
        "cpu_capability must be default, avx2 or avx512 (the names torch.backends.cpu.get_cpu_capability() prints), got '\(text)'",
        at: .init(line: 1, column: 1), in: "--config")
    }
    return kernel
  }
}
