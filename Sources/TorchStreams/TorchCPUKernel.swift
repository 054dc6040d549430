/// Which of PyTorch's per-instruction-set CPU kernels a run emulates.
///
/// PyTorch compiles its CPU distribution kernels three times on x86-64 (DEFAULT,
/// AVX2, AVX512) and picks one at start-up from the CPU, or from the environment
/// variable `ATEN_CPU_CAPABILITY` (`default`, `avx2`, `avx512`); Python reports the
/// choice as `torch.backends.cpu.get_cpu_capability()`. The kernels draw the same
/// words but round differently:
///
/// | | `.default` | `.avx2`, `.avx512` |
/// |---|---|---|
/// | `uniform_(from, to)` | `x * (to - from) + from`, two roundings | one fused multiply-add |
/// | `normal_` with fewer than 16 elements | `z * std + mean`, two roundings | one fused multiply-add |
/// | float32 `randn`/`normal_` with 16 or more elements | libm `logf`, `cosf`, `sinf` | the AVX2 polynomial `log`/`sincos` with the compiler's fused multiply-adds |
///
/// In PyTorch 2.15 the AVX512 build registers no normal kernel of its own (it
/// runs the AVX2 one) and its uniform kernel contracts the same multiply-add,
/// so `.avx2` and `.avx512` give identical values for every sampler here. Both
/// are kept so a profile names what the machine reported.
///
/// ```swift
/// var g = try TorchGenerator(seed: 0, kernel: .default)
/// try g.randn([16])        // libm Box–Muller, as on a CPU without AVX2
/// ```
///
/// Edge cases:
/// - Non-x86 builds (aarch64, ppc64le) are not emulated; their float32 normal
///   block uses other vector math.
/// - Values that depend on libm (`.default` float32 normals, every float64
///   normal) assume glibc's `logf`/`sinf`/`cosf`/`log`/`sin`/`cos`/`log1p`, the
///   functions PyTorch itself calls on Linux.
public enum TorchCPUKernel: String, Sendable, Hashable, CaseIterable {
  /// The kernel for CPUs without AVX2 (or `ATEN_CPU_CAPABILITY=default`).
  case `default`
  /// The AVX2 kernel: what most x86-64 machines run.
  case avx2
  /// The AVX512 kernel, chosen on CPUs with AVX-512; same values as `.avx2` here.
  case avx512

  /// The value `torch.backends.cpu.get_cpu_capability()` prints for this kernel.
  public var capabilityName: String {
    switch self {
    case .default: return "DEFAULT"
    case .avx2: return "AVX2"
    case .avx512: return "AVX512"
    }
  }

  /// Whether `x * (to - from) + from` and `z * std + mean` are one fused
  /// multiply-add (the compiler contracted them in the vector builds).
  var fusesMultiplyAdd: Bool { self != .default }

  /// Whether the float32 Box–Muller block uses the AVX2 polynomial math.
  var usesAVX2NormalBlock: Bool { self != .default }
}
