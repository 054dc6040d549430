import Foundation
import PythonSubset

/// NumPy's transcendental ufuncs (`np.exp`, `log`, `log1p`, `expm1`,
/// `tanh`, `sin`, `cos`) and `np.power`, as far as they can be bit-exact.
///
/// NumPy 2.4 computes these with its own SIMD kernels or with Intel's SVML
/// where the CPU has them (AVX-512 here), and with the C library's `libm`
/// elsewhere; which one runs depends on the function, the dtype and the
/// machine. Measured on the reference machine (AMD EPYC, `np.show_runtime()`:
/// X86_V4 and AVX512_ICL found) against glibc's functions, which Foundation
/// calls on Linux (fixtures/reference/numpy/measure_elementwise_libm.py):
/// float64 `sin` and `cos` agree with glibc on every input tried (millions,
/// huge arguments included), so they are emulated (NumPy's source sends
/// float64 sin and cos to libm on purpose); float64 `exp` and `log` are
/// SVML's on an X86_V4 processor, ported (``NumPyFloat64ExpLog``, equal on
/// millions of inputs, fixtures/reference/numpy/measure_float64_transcendentals.py),
/// and the C library's elsewhere, as NumPy dispatches, and so are float64
/// `expm1` and `log1p` (``NumPyFloat64Expm1``, ``NumPyFloat64Log1p``);
/// float64 `tanh` is
/// NumPy's own kernel wherever the CPU has FMA, ported (``NumPyFloat64Tanh``),
/// and the C library's elsewhere; float32 `exp`, `log`,
/// `sin` and `cos` are NumPy's own kernels, ported (``NumPyFloat32ExpLog``,
/// ``NumPyFloat32SinCos``, equal on over a million inputs each, random bit
/// patterns included); every other function and dtype differs from glibc on
/// thousands of inputs in a million and is refused with a located sentence
/// (float32 `tanh`, `log1p`, `expm1`). Ints are converted to float64
/// first (int16 and uint16 to float32), as NumPy does; a Python number or
/// 0-d input gives a Python float.
///
/// ```python
/// angle = np.linspace(0, 2 * np.pi, 8)
/// xy = np.stack([np.cos(angle), np.sin(angle)], axis=1)
/// p = 1 / (1 + np.exp(-x @ w))
/// ```
///
/// Edge cases: on another machine NumPy may pick other kernels, so the
/// agreement is per processor kind: the float64 functions follow the processor
/// rngdiff runs on (`rngdiff_cpu_x86_v4`, `rngdiff_cpu_avx2_fma`), the rest
/// is the reference machine's; `np.power` is `**` (`NumPyArithmetic`), exact for the
/// exponents NumPy short-cuts (2, 0.5, -1, 1, 0 as Python numbers).
extension NumPyArrayFunctions {
  /// The functions and NumPy's float64 version of each on this processor.
  static let transcendental: [(name: String, float64: @Sendable (Double) -> Double)] = [
    ("sin", { Foundation.sin($0) }), ("cos", { Foundation.cos($0) }),
    ("exp", { NumPyFloat64ExpLog.available ? NumPyFloat64ExpLog.exp($0) : Foundation.exp($0) }),
    ("log", { NumPyFloat64ExpLog.available ? NumPyFloat64ExpLog.log($0) : Foundation.log($0) }),
    ("tanh", { NumPyFloat64Tanh.available ? NumPyFloat64Tanh.tanh($0) : Foundation.tanh($0) }),
    ("expm1", { NumPyFloat64ExpLog.available ? NumPyFloat64Expm1.expm1($0) : Foundation.expm1($0) }),
    ("log1p", { NumPyFloat64ExpLog.available ? NumPyFloat64Log1p.log1p($0) : Foundation.log1p($0) }),
  ]

  static func defineTranscendental(in ns: Namespace) {
    for (name, float64) in transcendental {
      ns.define("\(name)(x)") { args in
        let value = args.value("x") ?? .none
        let tensor = try operand(args, "x")
        let doubles: [Double]
        // NumPy's type resolution: int16 and uint16 compute in float32, wider ints in float64.
        var storage = tensor.storage
        if case .int(let v) = storage, tensor.dtype == .int16 || tensor.dtype == .uint16 { storage = .float(v.map { Float($0) }) }
        switch storage {
        case .float(let v) where name == "exp" || name == "log":
          // NumPy's own float32 kernels, ported (NumPyFloat32ExpLog).
          let values = name == "exp" ? v.map { NumPyFloat32ExpLog.exp($0) } : v.map { NumPyFloat32ExpLog.log($0) }
          return NumPyResult.array(Tensor(shape: tensor.shape, float32: values))
        case .float(let v) where name == "sin" || name == "cos":
          // NumPy's own float32 kernel, ported (NumPyFloat32SinCos).
          return NumPyResult.array(Tensor(shape: tensor.shape, float32: v.map { NumPyFloat32SinCos.value($0, cosine: name == "cos") }))
        case .double(let v): doubles = v
        case .int(let v) where tensor.dtype == .int64 || tensor.dtype == .int32 || tensor.dtype == .uint32: doubles = v.map(Double.init)
        case .int where tensor.dtype == .int8 || tensor.dtype == .uint8, .bool:
          throw EvaluationError("np.\(name)() of \(tensor.dtype.rawValue) arrays gives float16 in NumPy, which rngdiff does not emulate; astype('float64') first", at: args.callRange)
        case .float:
          let kernel = name == "tanh" ? "NumPy's own float32 tanh kernel" : "Intel's SVML on AVX-512 processors (NumPy's X86_V4 level)"
          throw EvaluationError(
            "np.\(name)() of float32 values runs \(kernel), whose results differ from the C library's on many inputs and which rngdiff does not reproduce bit for bit (fixtures/reference/numpy/measure_elementwise_libm.py); not emulated",
            at: args.callRange)
        default:
          throw EvaluationError("np.\(name)() of \(tensor.dtype.rawValue) arrays is not emulated; astype('float64') first", at: args.callRange)
        }
        let result = Tensor(shape: tensor.shape, float64: doubles.map(float64))
        if case .object = value { return NumPyResult.array(result) }
        return .float(result.doubles[0])
      }
    }
    ns.define("power(x1, x2)") { args in
      let base = args.value("x1") ?? .none, exponent = args.value("x2") ?? .none
      let left = NumPyArithmetic.isArray(base) || NumPyArithmetic.isArray(exponent) ? base : try asArray(base, args, "x1")
      guard let made = try NumPyArithmetic.binary(.power, left, exponent, at: args.callRange) else {
        throw args.error("x1", "power() takes numbers and arrays")
      }
      return made
    }
  }

  /// A number or list as an array, as `np.asarray` makes it.
  private static func asArray(_ value: Value, _ args: BoundArguments, _ name: String) throws -> Value {
    NumPyResult.array(try operand(args, name))
  }
}
