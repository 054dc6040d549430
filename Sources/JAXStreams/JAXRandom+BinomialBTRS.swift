import RNGStreams

extension JAXRandom {
  /// The BTRS branch of `_binomial` (`_btrs`, Hörmann's transformed
  /// rejection with squeeze) over the whole array, in the float type `F`
  /// (the uniforms' dtype), bit for bit with XLA CPU's compiled loop.
  ///
  /// `counts` and `probs` are the values `_binomial` hands `_btrs`: the
  /// floored count and `q = min(p, 1 − p)` where an element takes this
  /// branch, 10 000 and 0.5 where it takes the inversion branch. Every
  /// round splits the loop key in three (`key, subkey_0, subkey_1`), draws
  /// `u` and `v` over the whole shape and replaces an element's sample
  /// with that round's `k` wherever the round accepts, so the rounds run
  /// until every element has been accepted once and an element keeps the
  /// `k` of the last round that accepted it.
  ///
  /// The arithmetic is the optimised HLO's, with the multiply-adds XLA CPU
  /// contracts into FMA instructions (read from the object code jaxlib
  /// 0.10.2 emits on x86-64): `b = fma(σ, 2.53, 1.15)`,
  /// `a = fma(b, 0.0248, −0.0873) + 0.01·q`, `c = fma(n, q, 0.5)`,
  /// `k = ⌊fma(2a/us + b, u − ½, c)⌋` and the bound
  /// `fma(k + ½, L₃, fma(n + 1, L₂, A)) + S(m) + S(n − m) − S(k) − S(n − k)`
  /// summed in that order. Where `n` and `p` are both scalars and the
  /// result has a shape, XLA computes the loop constants on scalars and
  /// rewrites two divisions by them as products with a reciprocal
  /// (`4.2/b` and the Stirling tail's `1/1260/(m+1)²` and `…/(m + 1)`);
  /// ``BTRSConstants`` follows both forms.
  ///
  /// - Returns: the samples (in `F`, before `_binomial`'s final selects)
  ///   and the number of rounds.
  /// - Throws: ``FrameworkError`` where the loop would not end (an infinite
  ///   count with `p` 0 or 1, which never accepts, or more than 100 000 rounds).
  func binomialBTRS<F: BinaryFloatingPoint>(
    _ key: JAXKey, counts: [F], probs: [F], dtype: JAXDType, scalarParameters: Bool, log: (F) -> F
  ) throws -> (samples: [F], rounds: UInt64) {
    let constants = zip(counts, probs).map { BTRSConstants(count: $0, prob: $1, scalarForm: scalarParameters, log: log) }
    if let stuck = constants.first(where: { $0.neverAccepts }) {
      throw FrameworkError(
        "binomial with an infinite n and p 0 or 1 (n = \(stuck.count)) never leaves JAX's BTRS loop; rngdiff refuses it.",
        parameter: "n")
    }
    return try wholeArrayRejection(key, count: counts.count, dtype: dtype, sampler: "binomial's BTRS loop", parameter: "n") { i, u, v in
      constants[i].acceptedSample(u: u, v: v, log: log)
    }
  }

  /// JAX's rejection loops over a whole array (binomial's BTRS, poisson's transformed rejection):
  /// each round splits the loop key in three, draws one uniform per element from each of the
  /// other two — for every element, accepted or not — and keeps, per element, the sample of the
  /// *last* round that accepted it, until every element has been accepted once. Internal.
  ///
  /// Edge cases: an element accepted in round 1 can take another round's sample later (JAX
  /// selects with the round's acceptance, not with "not yet done"); after 100 000 rounds the loop
  /// is refused rather than run on.
  func wholeArrayRejection<F: BinaryFloatingPoint>(
    _ key: JAXKey, count: Int, dtype: JAXDType, sampler: String, parameter: String,
    accept: (Int, F, F) -> F?
  ) throws -> (samples: [F], rounds: UInt64) {
    var samples = [F](repeating: -1, count: count)
    var accepted = [Bool](repeating: false, count: count)
    var loopKey = key
    var rounds: UInt64 = 0
    while accepted.contains(false) {
      rounds += 1
      guard rounds <= 100_000 else {
        throw FrameworkError("\(sampler) did not finish after 100000 rounds.", parameter: parameter)
      }
      let keys = derivedKeys(loopKey, count: 3)
      loopKey = keys[0]
      let u: [F] = floatUniforms(keys[1], count: count, dtype: dtype)
      let v: [F] = floatUniforms(keys[2], count: count, dtype: dtype)
      for i in 0..<count {
        if let k = accept(i, u[i], v[i]) {
          samples[i] = k
          accepted[i] = true
        }
      }
    }
    return (samples, rounds)
  }

  /// `uniform(key, (count,), dtype)` on [0, 1) as `F`.
  func floatUniforms<F: BinaryFloatingPoint>(_ key: JAXKey, count: Int, dtype: JAXDType) -> [F] {
    switch uniformValues(key, count: count, dtype: dtype, minval: 0, maxval: 1).0 {
    case .float32(let values): return values.map { F($0) }
    case .float64(let values): return values.map { F($0) }
    default: preconditionFailure("samplers run in float32 or float64")
    }
  }
}

/// One element's loop constants for ``JAXRandom/binomialBTRS(_:counts:probs:dtype:scalarParameters:log:)``
/// and the body of one round (internal).
struct BTRSConstants<F: BinaryFloatingPoint> {
  let count: F, b: F, a: F, twoA: F, c: F, vR: F, r: F, alpha: F, m: F
  /// `(m + ½)·log((m + 1)/(r·(n − m + 1)))`, the bound's first term.
  let logTermM: F
  /// `S(m) + …` parts of the bound: the Stirling tails of `m` and `n − m`.
  let stirlingM: F, stirlingCountMinusM: F

  /// A NaN spread (an infinite count with `q = 0`): no round accepts.
  var neverAccepts: Bool { vR.isNaN && alpha.isNaN }

  /// `x` given as a Double literal, rounded once to `F` (as JAX converts Python floats).
  @inline(__always) static func k(_ x: Double) -> F { F(x) }

  init(count n: F, prob q: F, scalarForm: Bool, log: (F) -> F) {
    count = n
    let stddev = ((n * q) * (1 - q)).squareRoot()
    b = Self.k(1.15).addingProduct(stddev, Self.k(2.53))
    a = Self.k(-0.0873).addingProduct(b, Self.k(0.0248)) + q * Self.k(0.01)
    twoA = a + a
    c = Self.k(0.5).addingProduct(n, q)
    vR = scalarForm ? Self.k(0.92).addingProduct(-Self.k(4.2), 1 / b) : Self.k(0.92) - Self.k(4.2) / b
    r = q / (1 - q)
    alpha = (Self.k(5.1) / b + Self.k(2.83)) * stddev
    m = ((n + 1) * q).rounded(.down)
    logTermM = (m + Self.k(0.5)) * log((m + 1) / (r * ((n - m) + 1)))
    stirlingM = Self.stirlingTail(m, reciprocal: scalarForm)
    stirlingCountMinusM = Self.stirlingTail(n - m, reciprocal: scalarForm)
  }

  /// `_stirling_approx_tail(x)`: the table for `x ≤ 9`, otherwise the series
  /// at `clamp(x, 0, 9)` (JAX clamps before the series, so every `x > 9`
  /// gets the value at 9). `reciprocal` is XLA's rewrite for scalar
  /// constants: `c₃·(1/(x+1)²)` fused into `c₂ − …` and `… · (1/(x + 1))`.
  static func stirlingTail(_ x: F, reciprocal: Bool) -> F {
    let clamped = XLAFloatOps.minimum(XLAFloatOps.maximum(x, 0), 9)
    if x <= 9 { return F(btrsStirlingTable[Int(clamped.rounded(.down))]) }
    let kp1 = clamped + 1
    let kp1sq = kp1 * kp1
    let c1 = k(1.0 / 12), c2 = k(1.0 / 360), c3 = k(1.0 / 1260)
    if reciprocal {
      return (c1 - c2.addingProduct(-c3, 1 / kp1sq) / kp1sq) * (1 / kp1)
    }
    return (c1 - (c2 - c3 / kp1sq) / kp1sq) / kp1
  }


  /// One round of the loop body for this element: `k` where the round
  /// accepts, nil where it does not.
  @inline(__always)
  func acceptedSample(u uniform: F, v: F, log: (F) -> F) -> F? {
    let u = uniform - Self.k(0.5)
    let us = Self.k(0.5) - abs(u)
    let accept1 = us >= Self.k(0.07) && v <= vR
    let k = c.addingProduct(twoA / us + b, u).rounded(.down)
    if accept1 { return k }
    let reject = k < 0 || k > count
    if reject { return nil }
    let lhs = log((v * alpha) / (a / (us * us) + b))
    let l2 = log(((count - m) + 1) / ((count - k) + 1))
    let l3 = log((r * ((count - k) + 1)) / (k + 1))
    var bound = logTermM.addingProduct(count + 1, l2)
    bound = bound.addingProduct(k + Self.k(0.5), l3)
    bound = bound + stirlingM + stirlingCountMinusM
    bound = bound - Self.stirlingTail(k, reciprocal: false)
    bound = bound - Self.stirlingTail(count - k, reciprocal: false)
    return lhs <= bound ? k : nil
  }
}

/// `_stirling_approx_tail`'s table, log(k!) − Stirling's approximation for
/// k = 0 … 9, as JAX writes it (rounded to the sampler's dtype on use).
private let btrsStirlingTable: [Double] = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
]
