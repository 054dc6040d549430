#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library functions PyTorch's CPU kernels call. PyTorch on Linux
/// calls glibc's libm; calling the same functions is what makes the libm-based
/// normals bit-exact (on the same glibc).
enum Libm {
  @inline(__always) static func log(_ x: Double) -> Double { libmLog(x) }
  @inline(__always) static func log1p(_ x: Double) -> Double { libmLog1p(x) }
  @inline(__always) static func sin(_ x: Double) -> Double { libmSin(x) }
  @inline(__always) static func cos(_ x: Double) -> Double { libmCos(x) }
  @inline(__always) static func logf(_ x: Float) -> Float { libmLogf(x) }
  @inline(__always) static func sinf(_ x: Float) -> Float { libmSinf(x) }
  @inline(__always) static func cosf(_ x: Float) -> Float { libmCosf(x) }
  @inline(__always) static func exp(_ x: Double) -> Double { libmExp(x) }
  @inline(__always) static func tan(_ x: Double) -> Double { libmTan(x) }
  @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
  @inline(__always) static func lgamma(_ x: Double) -> Double { libmLgamma(x) }
}

// File-scope shims: here the plain names resolve to the C functions.
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) private func libmSin(_ x: Double) -> Double { sin(x) }
@inline(__always) private func libmCos(_ x: Double) -> Double { cos(x) }
@inline(__always) private func libmLogf(_ x: Float) -> Float { logf(x) }
@inline(__always) private func libmSinf(_ x: Float) -> Float { sinf(x) }
@inline(__always) private func libmCosf(_ x: Float) -> Float { cosf(x) }
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmTan(_ x: Double) -> Double { tan(x) }
@inline(__always) private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) private func libmLgamma(_ x: Double) -> Double { lgamma(x) }
