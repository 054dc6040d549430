import Foundation
import RNGStreams

extension PythonRandom {
  /// `binomialvariate(n=1, p=0.5)` (new in Python 3.12): successes in `n`
  /// trials of probability `p`, by CPython's three paths.
  ///
  /// - `n == 1`: `random() < p` (one draw).
  /// - `p > 0.5`: `n - binomialvariate(n, 1 - p)`.
  /// - `n * p < 10`: Devroye's geometric method, one `random()` per success
  ///   plus one.
  /// - otherwise Hörmann's BTRS (transformed rejection with squeeze), one
  ///   or two `random()` values per attempt; its acceptance test uses
  ///   CPython's own `math.lgamma`, reproduced here.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 2)
  /// try r.binomialvariate(100, 0.3)   // about 30
  /// try r.binomialvariate(5, 1.0)     // 5, no draw
  /// ```
  ///
  /// Edge cases: `p == 0` and `p == 1` draw nothing; `n == 0` still draws
  /// once (geometric path); a NaN `p` passes CPython's range check, so
  /// `binomialvariate(1, nan)` is 0 and any other `n` fails CPython's
  /// internal assertion (reported as such, no draw).
  ///
  /// - Throws: ``FrameworkError`` "n must be non-negative", "p must be in
  ///   the range 0.0 <= p <= 1.0" (CPython's `ValueError`s, before any draw).
  public mutating func binomialvariate(_ n: Int = 1, _ p: Double = 0.5) throws -> Int {
    let before = mt.wordsDrawn
    let value = try binomialDraw(n: n, p: p)
    if observer != nil {
      report("binomialvariate", "binomial", [.init("n", "\(n)"), .init("p", p.description)], from: before,
             values: .int64([Int64(value)]))
    }
    return value
  }

  mutating func binomialDraw(n: Int, p: Double) throws -> Int {
    guard n >= 0 else { throw FrameworkError("n must be non-negative", parameter: "n") }
    if p <= 0.0 || p >= 1.0 {
      if p == 0.0 { return 0 }
      if p == 1.0 { return n }
      throw FrameworkError("p must be in the range 0.0 <= p <= 1.0", parameter: "p")
    }
    if n == 1 { return mt.nextDouble53() < p ? 1 : 0 }
    if p > 0.5 { return n - (try binomialDraw(n: n, p: 1.0 - p)) }
    let nd = Double(n)
    if nd * p < 10.0 {
      var successes = 0
      var trials = 0
      let c = Foundation.log2(1.0 - p)
      if c == 0 { return successes }
      while true {
        let gap = try PythonMath.floor(try PythonMath.log2(mt.nextDouble53()) / c)
        // trials <= n here, so n - trials cannot overflow: this is `trials + gap + 1 > n`.
        if gap >= n - trials { return successes }
        trials += gap + 1
        successes += 1
      }
    }
    guard nd * p >= 10.0 && p <= 0.5 else {
      // Only a NaN p gets here; CPython's `assert n*p >= 10.0 and p <= 0.5` fails after no draw.
      throw FrameworkError("binomialvariate() with p=\(p) fails CPython's internal assertion (AssertionError)", parameter: "p")
    }
    return try btrs(n: n, p: p)
  }

  /// Hörmann's BTRS for `n * p >= 10`, `p <= 0.5`.
  mutating func btrs(n: Int, p: Double) throws -> Int {
    let nd = Double(n)
    let spq = (nd * p * (1.0 - p)).squareRoot()
    let b = 1.15 + 2.53 * spq
    let a = -0.0873 + 0.0248 * b + 0.01 * p
    let c = nd * p + 0.5
    let vr = 0.92 - 4.2 / b
    var setup: (alpha: Double, lpq: Double, m: Int, h: Double)?
    while true {
      let u = mt.nextDouble53() - 0.5
      let us = 0.5 - abs(u)
      let k = try PythonMath.floor((try PythonMath.divide(2.0 * a, us) + b) * u + c)
      if k < 0 || k > n { continue }
      var v = mt.nextDouble53()
      if us >= 0.07 && v <= vr { return k }
      if setup == nil {
        let m = try PythonMath.floor(Double(n + 1) * p)
        setup = (
          (2.83 + 5.1 / b) * spq, log(p / (1.0 - p)), m,
          PythonMath.logGamma(Double(m + 1)) + PythonMath.logGamma(Double(n - m + 1))
        )
      }
      guard let s = setup else { continue }
      v *= s.alpha / (a / (us * us) + b)
      let bound = s.h - PythonMath.logGamma(Double(k + 1)) - PythonMath.logGamma(Double(n - k + 1)) + Double(k - s.m) * s.lpq
      if (try PythonMath.log(v)) <= bound { return k }
    }
  }
}
