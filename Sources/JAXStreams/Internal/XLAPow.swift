#if canImport(Glibc)
import Glibc  // pow and powf: XLA CPU calls the C library's for `lax.pow`
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// `lax.pow` as XLA CPU computes it (internal): the compiled kernel calls
/// the C library's `powf` (float32) or `pow` (float64) once per element —
/// LLVM's vector `pow` is scalarised into those calls, read from the object
/// code of jaxlib 0.10.2 — and flushes subnormal results to zero.
/// Agreement over 2 097 152 inputs each: `XLAMathAgreementTests` (on the
/// same glibc).
///
/// Not emulated: a subnormal `x`. glibc's `pow` scales it by 2⁵² (`powf`:
/// 2²³) to normalise it, which under XLA's denormals-are-zero gives 0, so
/// the C library goes on as if `x` were 2⁻¹⁰⁷⁵ (2⁻¹⁵⁰): measured, JAX's
/// `pow(x, y)` equals `2^(−1075·y)` for all but 1 of 1 532 such float64
/// inputs and `2^(−150·y)` for all 12 145 float32 ones. `weibull_min`
/// never passes one (its bases are at least 2⁻²⁴).
enum XLAPow {
  @inline(__always)
  static func pow(_ x: Float, _ y: Float) -> Float {
    XLAFloatOps.flushed(powf(x, y))
  }

  @inline(__always)
  static func pow(_ x: Double, _ y: Double) -> Double {
    XLAFloatOps.flushed(cLibraryPow(x, y))
  }
}

/// The C library's `pow` (the enum's own `pow` shadows it inside the enum).
@inline(__always)
private func cLibraryPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
