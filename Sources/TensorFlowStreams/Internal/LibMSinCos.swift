// Internal: the C library's sincosf/sincos, which TensorFlow's normal
// samplers call on Linux.
//
// TensorFlow's CPU kernels call the platform libm at run time (`logf`,
// `sqrtf`, `sincosf` for float32; `log`, `sqrt`, `sincos` for float64).
// Calling the same functions gives the same bits on the same C library.
// Swift's Glibc module does not import the GNU `sincosf`/`sincos`, so they
// are looked up by name once. Where they are missing, separate sin and cos
// are used, which is also what TensorFlow does on platforms other than Linux.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

enum LibMSinCos {
  typealias FloatFunction = @convention(c) (Float, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
  typealias DoubleFunction = @convention(c) (Double, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void

  private struct Symbols: @unchecked Sendable {
    var float: FloatFunction?
    var double: DoubleFunction?
  }

  private static let symbols: Symbols = {
    var found = Symbols()
    #if os(Linux)
    if let handle = dlopen(nil, RTLD_NOW) {
      if let f = dlsym(handle, "sincosf") { found.float = unsafeBitCast(f, to: FloatFunction.self) }
      if let d = dlsym(handle, "sincos") { found.double = unsafeBitCast(d, to: DoubleFunction.self) }
    }
    #endif
    return found
  }()

  /// Whether the C library's combined `sincosf` and `sincos` are in use.
  static var isCombined: Bool { symbols.float != nil && symbols.double != nil }

  @inline(__always)
  static func evaluate(_ x: Float) -> (sin: Float, cos: Float) {
    if let f = symbols.float {
      var s: Float = 0
      var c: Float = 0
      f(x, &s, &c)
      return (s, c)
    }
    return (sinf(x), cosf(x))
  }

  @inline(__always)
  static func evaluate(_ x: Double) -> (sin: Double, cos: Double) {
    if let f = symbols.double {
      var s = 0.0
      var c = 0.0
      f(x, &s, &c)
      return (s, c)
    }
    return (sin(x), cos(x))
  }
}
