import Foundation
import RNGStreams

/// NumPy's parameter checks (`check_constraint` for scalars,
/// `check_array_constraint` for arrays, in `_common.pyx`), with their
/// messages. Internal.
///
/// The scalar and array wordings differ ("p is NaN" / "p contains NaNs");
/// a call uses the array wording as soon as one parameter is an array.
enum ParameterConstraint {
  case none
  /// `CONS_NON_NEGATIVE`: the sign bit is clear (so `-0.0` fails), NaN passes.
  case nonNegative
  /// `CONS_POSITIVE`: `> 0`; NaN passes.
  case positive
  /// `CONS_BOUNDED_0_1`: `0 <= x <= 1`, NaN fails.
  case closedUnit
  /// `CONS_BOUNDED_GT_0_1`: `0 < x <= 1`.
  case halfOpenAboveZero
  /// `CONS_BOUNDED_LT_0_1`: `0 <= x < 1`.
  case halfOpenBelowOne
  /// `CONS_GT_1`: `> 1`.
  case greaterThanOne
  /// `CONS_GTE_1`: `>= 1`.
  case atLeastOne
  /// `LEGACY_CONS_POISSON` / `CONS_POISSON`: `0 <= lam <= LAM_MAX`.
  case poisson
  /// `LEGACY_CONS_NON_NEGATIVE_INBOUNDS_LONG`: `0 <= n <= LONG_MAX`.
  case nonNegativeLong

  /// `iinfo(int64).max - sqrt(iinfo(int64).max) * 10`, the largest `lam`
  /// both APIs accept on 64-bit Linux (`long` is 64 bits there).
  static let poissonLambdaMax: Double = {
    let top = Double(Int64.max)
    return top - top.squareRoot() * 10
  }()

  /// Checks every element of `parameter`; `arrayWording` picks the array texts.
  func check(_ parameter: NumPyParameter, arrayWording: Bool) throws {
    let name = parameter.name
    func fail(_ message: String) -> FrameworkError { FrameworkError(message, parameter: name) }
    let values = parameter.values
    switch self {
    case .none:
      return
    case .nonNegative:
      if values.contains(where: { !$0.isNaN && $0.sign == .minus }) { throw fail("\(name) < 0") }
    case .positive:
      if values.contains(where: { $0 <= 0 }) { throw fail("\(name) <= 0") }
    case .closedUnit:
      if values.contains(where: { !($0 >= 0) || !($0 <= 1) }) {
        throw fail(arrayWording ? "\(name) < 0, \(name) > 1 or \(name) contains NaNs" : "\(name) < 0, \(name) > 1 or \(name) is NaN")
      }
    case .halfOpenAboveZero:
      if values.contains(where: { !($0 > 0) || !($0 <= 1) }) {
        throw fail("\(name) <= 0, \(name) > 1 or \(name) contains NaNs")
      }
    case .halfOpenBelowOne:
      if values.contains(where: { !($0 >= 0) || !($0 < 1) }) {
        throw fail(arrayWording ? "\(name) < 0, \(name) >= 1 or \(name) contains NaNs" : "\(name) < 0, \(name) >= 1 or \(name) is NaN")
      }
    case .greaterThanOne:
      if values.contains(where: { !($0 > 1) }) {
        throw fail(arrayWording ? "\(name) <= 1 or \(name) contains NaNs" : "\(name) <= 1 or \(name) is NaN")
      }
    case .atLeastOne:
      if values.contains(where: { !($0 >= 1) }) {
        throw fail(arrayWording ? "\(name) < 1 or \(name) contains NaNs" : "\(name) < 1 or \(name) is NaN")
      }
    case .poisson:
      if arrayWording {
        // The array check tests the upper bound first, and NaN fails it.
        if values.contains(where: { !($0 <= Self.poissonLambdaMax) }) { throw fail("\(name) value too large") }
        if values.contains(where: { !($0 >= 0) }) { throw fail("\(name) < 0 or \(name) contains NaNs") }
      } else {
        if values.contains(where: { !($0 >= 0) }) { throw fail("\(name) < 0 or \(name) is NaN") }
        if values.contains(where: { !($0 <= Self.poissonLambdaMax) }) { throw fail("\(name) value too large") }
      }
    case .nonNegativeLong:
      let exact = parameter.integers ?? values.map { Int64(exactly: $0.rounded(.towardZero)) ?? ($0 < 0 ? -1 : .max) }
      if exact.contains(where: { $0 < 0 }) { throw fail("\(name) < 0") }
    }
  }

  /// Checks `parameters` against `constraints` in order, as NumPy does.
  static func check(_ parameters: [NumPyParameter], _ constraints: [ParameterConstraint]) throws {
    let arrayWording = parameters.contains { !$0.isScalar }
    for (parameter, constraint) in zip(parameters, constraints) {
      try constraint.check(parameter, arrayWording: arrayWording)
    }
  }
}
