import Foundation
import RNGStreams

/// CPython's float arithmetic where it differs from plain IEEE operations:
/// the `math` functions raise instead of returning NaN or infinity, `**`
/// raises on `0.0 ** -x` and on overflow, `/` raises on a zero divisor, and
/// `%` takes the divisor's sign. The values themselves are glibc's, as in
/// CPython on Linux.
///
/// ```swift
/// try PythonMath.log(0)          // throws "math domain error"
/// try PythonMath.power(2, 2000)  // throws "(34, 'Numerical result out of range')"
/// PythonMath.remainder(-1, 3)    // 2.0
/// ```
enum PythonMath {
  static let domainError = FrameworkError("math domain error")
  static let rangeError = FrameworkError("math range error")
  static let divisionByZero = FrameworkError("float division by zero")

  /// `math.log(x)`: `ValueError` for `x <= 0` and `-inf`.
  static func log(_ x: Double) throws -> Double {
    if x.isNaN { return x }
    guard x > 0 else { throw domainError }
    return Foundation.log(x)
  }

  /// `math.log2(x)`, with `log`'s domain.
  static func log2(_ x: Double) throws -> Double {
    if x.isNaN { return x }
    guard x > 0 else { throw domainError }
    return Foundation.log2(x)
  }

  /// `math.exp(x)`: `OverflowError` when a finite `x` overflows.
  static func exp(_ x: Double) throws -> Double {
    let value = Foundation.exp(x)
    if value.isInfinite && x.isFinite { throw rangeError }
    return value
  }

  /// `math.sqrt(x)`: `ValueError` for negative `x`.
  static func sqrt(_ x: Double) throws -> Double {
    if x < 0 { throw domainError }
    return x.squareRoot()
  }

  /// `math.acos(x)`: `ValueError` outside `[-1, 1]`.
  static func acos(_ x: Double) throws -> Double {
    if x.isNaN { return x }
    guard (-1.0...1.0).contains(x) else { throw domainError }
    return Foundation.acos(x)
  }

  /// `x ** y` on floats: C's `pow`, except that `0.0 ** negative` raises
  /// `ZeroDivisionError`, a negative base with a fractional exponent (a
  /// complex result in Python) is refused, and a finite overflow raises.
  static func power(_ x: Double, _ y: Double) throws -> Double {
    if x == 0 && y < 0 { throw FrameworkError("0.0 cannot be raised to a negative power") }
    if x < 0 && x.isFinite && y.isFinite && y != y.rounded(.down) {
      throw FrameworkError("a negative float raised to a fractional power is a complex number in Python; rngdiff has none")
    }
    let value = Foundation.pow(x, y)
    if value.isInfinite && x.isFinite && y.isFinite { throw FrameworkError("(34, 'Numerical result out of range')") }
    return value
  }

  /// `x / y` on floats: `ZeroDivisionError` for a zero divisor.
  static func divide(_ x: Double, _ y: Double) throws -> Double {
    if y == 0 { throw divisionByZero }
    return x / y
  }

  /// `x % y` on floats (`y != 0`): the remainder with the divisor's sign.
  static func remainder(_ x: Double, _ y: Double) -> Double {
    var mod = fmod(x, y)
    if mod != 0 {
      if (y < 0) != (mod < 0) { mod += y }
    } else {
      mod = (0.0).sign == y.sign ? 0.0 : -0.0
    }
    return mod
  }

  /// `math.floor(x)` as an int that fits in `Int`.
  static func floor(_ x: Double) throws -> Int {
    if x.isNaN { throw FrameworkError("cannot convert float NaN to integer") }
    if x.isInfinite { throw FrameworkError("cannot convert float infinity to integer") }
    guard let value = Int(exactly: x.rounded(.down)) else {
      throw FrameworkError("math.floor() of \(x) does not fit in 64 bits in rngdiff")
    }
    return value
  }
}
