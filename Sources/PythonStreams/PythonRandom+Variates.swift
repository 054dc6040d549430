import Foundation
import RNGStreams

/// The variates CPython computes in closed form from one `random()` (or one
/// `normalvariate`): `triangular`, `expovariate`, `paretovariate`,
/// `weibullvariate`, `lognormvariate`.
///
/// Each draws what CPython draws even when the arguments make the result
/// trivial, and raises what CPython raises (``FrameworkError`` with its
/// message) after the draw, so a failed call has consumed the same words.
extension PythonRandom {
  /// `triangular(low=0.0, high=1.0, mode=None)`: one `random()` `u`, mode
  /// fraction `c = (mode - low) / (high - low)` (0.5 without a mode); above
  /// `c` the draw is mirrored (`u = 1 - u`, `c = 1 - c`, bounds swapped);
  /// the result is `low + (high - low) * sqrt(u * c)`.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 0)
  /// r.triangular()                        // in [0, 1), most likely near 0.5
  /// r.triangular(low: 2, high: 2, mode: 2) // 2.0: CPython returns low when high == low
  /// ```
  ///
  /// Edge cases: with a mode and `high == low` CPython returns `low`
  /// unchanged (an int stays an int: the binding keeps that); a mode outside
  /// `[low, high]` is not checked, as in CPython.
  public mutating func triangular(low: Double = 0.0, high: Double = 1.0, mode: Double? = nil) -> Double {
    let before = mt.wordsDrawn
    let value = triangularDraw(low: low, high: high, mode: mode)
    if observer != nil {
      var parameters: [DrawReport.Parameter] = [.init("low", low.description), .init("high", high.description)]
      if let mode { parameters.append(.init("mode", mode.description)) }
      report("triangular", "triangular", parameters, from: before, values: .float64([value]))
    }
    return value
  }

  mutating func triangularDraw(low: Double, high: Double, mode: Double?) -> Double {
    var u = mt.nextDouble53()
    var c = 0.5
    if let mode {
      if high - low == 0 { return low }
      c = (mode - low) / (high - low)
    }
    var (low, high) = (low, high)
    if u > c {
      u = 1.0 - u
      c = 1.0 - c
      swap(&low, &high)
    }
    return low + (high - low) * (u * c).squareRoot()
  }

  /// `expovariate(lambd=1.0)`: `-log(1 - random()) / lambd` (negative
  /// `lambd` gives values in `(-inf, 0]`).
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 1)
  /// try r.expovariate(2.0)   // mean 0.5
  /// ```
  ///
  /// - Throws: ``FrameworkError`` "float division by zero" for `lambd == 0`
  ///   (after the draw, as in CPython). The default `lambd=1.0` is new in
  ///   Python 3.12; the binding checks the profile.
  public mutating func expovariate(_ lambd: Double = 1.0) throws -> Double {
    let before = mt.wordsDrawn
    let draw = mt.nextDouble53()
    let value = try PythonMath.divide(-(try PythonMath.log(1.0 - draw)), lambd)
    if observer != nil {
      report("expovariate", "exponential", [.init("lambd", lambd.description)], from: before, values: .float64([value]))
    }
    return value
  }

  /// `paretovariate(alpha)`: `u ** (-1 / alpha)` with `u = 1 - random()`
  /// (Python 3.10 on); Python 3.9 computes `1 / u ** (1 / alpha)`, which can
  /// differ in the last bit: pass `version` to choose.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 3)
  /// try r.paretovariate(2.5)                       // ≥ 1
  /// try r.paretovariate(2.5, version: PythonVersion("3.9")!)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` "float division by zero" for `alpha == 0`;
  ///   CPython's overflow error when the power overflows (tiny `alpha`).
  public mutating func paretovariate(_ alpha: Double, version: PythonVersion = .default) throws -> Double {
    let before = mt.wordsDrawn
    let u = 1.0 - mt.nextDouble53()
    let value: Double
    if version.isAtLeast(10) {
      value = try PythonMath.power(u, try PythonMath.divide(-1.0, alpha))
    } else {
      value = try PythonMath.divide(1.0, try PythonMath.power(u, try PythonMath.divide(1.0, alpha)))
    }
    if observer != nil {
      report("paretovariate", "pareto", [.init("alpha", alpha.description)], from: before, values: .float64([value]))
    }
    return value
  }

  /// `weibullvariate(alpha, beta)`: `alpha * (-log(u)) ** (1 / beta)` with
  /// `u = 1 - random()`; `alpha` is the scale, `beta` the shape.
  ///
  /// - Throws: ``FrameworkError`` "float division by zero" for `beta == 0`,
  ///   and CPython's `**` errors (`0.0 ** negative` when the draw is 0 and
  ///   `beta < 0`, overflow).
  public mutating func weibullvariate(_ alpha: Double, _ beta: Double) throws -> Double {
    let before = mt.wordsDrawn
    let u = 1.0 - mt.nextDouble53()
    let value = alpha * (try PythonMath.power(-(try PythonMath.log(u)), try PythonMath.divide(1.0, beta)))
    if observer != nil {
      report("weibullvariate", "weibull", [.init("alpha", alpha.description), .init("beta", beta.description)],
             from: before, values: .float64([value]))
    }
    return value
  }

  /// `lognormvariate(mu, sigma)`: `exp(normalvariate(mu, sigma))`, the same
  /// draws as ``normalvariate(mu:sigma:)``.
  ///
  /// - Throws: ``FrameworkError`` "math range error" when the exponent
  ///   overflows (CPython's `OverflowError`).
  public mutating func lognormvariate(_ mu: Double, _ sigma: Double) throws -> Double {
    let before = mt.wordsDrawn
    let value = try PythonMath.exp(normalDraw(mu: mu, sigma: sigma))
    if observer != nil {
      report("lognormvariate", "lognormal", [.init("mu", mu.description), .init("sigma", sigma.description)],
             from: before, values: .float64([value]))
    }
    return value
  }
}
