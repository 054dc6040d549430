import Foundation

/// NumPy 2.4's binomial samplers. Internal.
///
/// - ``legacy(_:n:p:)`` is `RandomState.binomial` (`legacy_random_binomial`):
///   inversion (`qⁿ` as `exp(n·log(q))`) when `min(p, 1-p)·n <= 30`, else
///   BTPE; it draws even for `n == 0` or `p == 0`.
/// - ``generator(_:n:p:)`` is `random_binomial`, used by `Generator.binomial`
///   and by the legacy `multinomial`: 0 without drawing for `n == 0` or
///   `p == 0`, inversion with `qⁿ = exp(n·log1p(-p))`, the same BTPE.
///
/// BTPE in NumPy 2.4 adds all four Stirling error terms (the 1988 paper's
/// form; later NumPy versions subtract two of them in the Generator only).
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// var cache = BinomialSampler.Cache()
/// BinomialSampler.legacy(&mt, n: 10, p: 0.5, cache: &cache)      // inversion
/// BinomialSampler.legacy(&mt, n: 1000, p: 0.5, cache: &cache)    // BTPE
/// ```
enum BinomialSampler {
  /// The setup of the last `(n, p)`, as NumPy's `binomial_t` keeps it: it
  /// only saves work (the values are the same recomputed), so one cache per
  /// call is enough.
  struct Cache {
    fileprivate var inversionKey: (n: Int64, p: UInt64, log1p: Bool)?
    fileprivate var inversion = InversionSetup(q: 0, qn: 0, bound: 0)
    fileprivate var btpeKey: (n: Int64, p: UInt64)?
    fileprivate var btpe = BTPESetup(n: 0, p: 0.5)
  }

  static func legacy<B: NumPyBitSource>(_ bits: inout B, n: Int64, p: Double, cache: inout Cache) -> Int64 {
    if p <= 0.5 {
      return p * Double(n) <= 30.0
        ? inversion(&bits, n: n, p: p, log1pForm: false, cache: &cache) : btpe(&bits, n: n, p: p, cache: &cache)
    }
    let q = 1.0 - p
    return n &- (q * Double(n) <= 30.0
      ? inversion(&bits, n: n, p: q, log1pForm: false, cache: &cache) : btpe(&bits, n: n, p: q, cache: &cache))
  }

  static func generator<B: NumPyBitSource>(_ bits: inout B, n: Int64, p: Double, cache: inout Cache) -> Int64 {
    if n == 0 || p == 0.0 { return 0 }
    if p <= 0.5 {
      return p * Double(n) <= 30.0
        ? inversion(&bits, n: n, p: p, log1pForm: true, cache: &cache) : btpe(&bits, n: n, p: p, cache: &cache)
    }
    let q = 1.0 - p
    return n &- (q * Double(n) <= 30.0
      ? inversion(&bits, n: n, p: q, log1pForm: true, cache: &cache) : btpe(&bits, n: n, p: q, cache: &cache))
  }

  fileprivate struct InversionSetup {
    var q: Double
    var qn: Double
    var bound: Int64
  }

  static func inversion<B: NumPyBitSource>(
    _ bits: inout B, n: Int64, p: Double, log1pForm: Bool, cache: inout Cache
  ) -> Int64 {
    let cached = cache.inversionKey.map { $0.n == n && $0.p == p.bitPattern && $0.log1p == log1pForm } ?? false
    if !cached {
      let q = 1.0 - p
      let qn = exp(Double(n) * (log1pForm ? log1p(-p) : log(q)))
      let np = Double(n) * p
      let bound = CConversion.int64(min(Double(n), np + 10.0 * (np * q + 1).squareRoot()))
      cache.inversion = InversionSetup(q: q, qn: qn, bound: bound)
      cache.inversionKey = (n, p.bitPattern, log1pForm)
    }
    let q = cache.inversion.q
    let qn = cache.inversion.qn
    let bound = cache.inversion.bound
    var x: Int64 = 0
    var px = qn
    var u = bits.nextDouble()
    while u > px {
      x &+= 1
      if x > bound {
        x = 0
        px = qn
        u = bits.nextDouble()
      } else {
        u -= px
        px = (Double(n &- x &+ 1) * p * px) / (Double(x) * q)
      }
    }
    return x
  }

  fileprivate struct BTPESetup {
    var r, q, dm, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4: Double
    var m: Int64

    init(n: Int64, p: Double) {
      let dn = Double(n)
      r = min(p, 1.0 - p)
      q = 1.0 - r
      let fm = dn * r + r
      m = CConversion.int64(floor(fm))
      dm = Double(m)
      p1 = floor(2.195 * (dn * r * q).squareRoot() - 4.6 * q) + 0.5
      xm = dm + 0.5
      xl = xm - p1
      xr = xm + p1
      c = 0.134 + 20.5 / (15.3 + dm)
      var a = (fm - xl) / (fm - xl * r)
      laml = a * (1.0 + a / 2.0)
      a = (xr - fm) / (xr * q)
      lamr = a * (1.0 + a / 2.0)
      p2 = p1 * (1.0 + 2.0 * c)
      p3 = p2 + c / laml
      p4 = p3 + c / lamr
    }
  }

  static func btpe<B: NumPyBitSource>(_ bits: inout B, n: Int64, p: Double, cache: inout Cache) -> Int64 {
    let cached = cache.btpeKey.map { $0.n == n && $0.p == p.bitPattern } ?? false
    if !cached {
      cache.btpe = BTPESetup(n: n, p: p)
      cache.btpeKey = (n, p.bitPattern)
    }
    let setup = cache.btpe
    let dn = Double(n)
    let r = setup.r, q = setup.q, m = setup.m, dm = setup.dm, p1 = setup.p1, xm = setup.xm
    let xl = setup.xl, xr = setup.xr, c = setup.c, laml = setup.laml, lamr = setup.lamr
    let p2 = setup.p2, p3 = setup.p3, p4 = setup.p4

    var y: Int64
    attempt: while true {
      let nrq = dn * r * q
      let u = bits.nextDouble() * p4
      var v = bits.nextDouble()
      if u <= p1 {
        y = CConversion.int64(floor(xm - p1 * v + u))
        break attempt
      }
      if u <= p2 {
        let x = xl + (u - p1) / c
        v = v * c + 1.0 - abs(dm - x + 0.5) / p1
        if v > 1.0 { continue attempt }
        y = CConversion.int64(floor(x))
      } else if u <= p3 {
        y = CConversion.int64(floor(xl + log(v) / laml))
        if y < 0 || v == 0.0 { continue attempt }
        v = v * (u - p2) * laml
      } else {
        y = CConversion.int64(floor(xr - log(v) / lamr))
        if y > n || v == 0.0 { continue attempt }
        v = v * (u - p3) * lamr
      }
      // Step 50
      let k = (y &- m).magnitude > UInt64(Int64.max) ? Int64.min : abs(y &- m)
      if !(k > 20 && Double(k) < nrq / 2.0 - 1) {
        let s = r / q
        let aa = s * (dn + 1)
        var f = 1.0
        if m < y {
          var i = m &+ 1
          while i <= y {
            f *= (aa / Double(i) - s)
            i &+= 1
          }
        } else if m > y {
          var i = y &+ 1
          while i <= m {
            f /= (aa / Double(i) - s)
            i &+= 1
          }
        }
        if v > f { continue attempt }
        break attempt
      }
      // Step 52
      let dk = Double(k)
      let rho = (dk / nrq) * ((dk * (dk / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5)
      let t = Double((0 &- k) &* k) / (2 * nrq)
      let big = log(v)
      if big < t - rho { break attempt }
      if big > t + rho { continue attempt }
      let x1 = Double(y) + 1
      let f1 = dm + 1
      let z = dn + 1 - dm
      let w = dn - Double(y) + 1
      let x2 = x1 * x1
      let f2 = f1 * f1
      let z2 = z * z
      let w2 = w * w
      let bound =
        xm * log(f1 / x1) + (Double(n &- m) + 0.5) * log(z / w) + Double(y &- m) * log(w * r / (x1 * q))
        + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / f2) / f2) / f2) / f2) / f1 / 166320.0
        + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / z2) / z2) / z2) / z2) / z / 166320.0
        + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / x2) / x2) / x2) / x2) / x1 / 166320.0
        + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / w2) / w2) / w2) / w2) / w / 166320.0
      if big > bound { continue attempt }
      break attempt
    }
    if p > 0.5 { y = n &- y }
    return y
  }
}
