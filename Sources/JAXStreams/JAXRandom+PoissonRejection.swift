import RNGStreams

extension JAXRandom {
  /// `_poisson_rejection` of jax.random (Hörmann's transformed rejection,
  /// for `lam ≥ 10`) over the whole array in float32, bit for bit with XLA
  /// CPU's compiled loop.
  ///
  /// `rates` are the values `_poisson` hands it: `lam` where an element
  /// takes this branch, 10⁵ where it takes Knuth's. Every round splits the
  /// loop key in three (`key, subkey_0, subkey_1`), draws `u` and `v` over
  /// the whole shape and replaces an element's sample with that round's `k`
  /// wherever the round accepts; rounds run until every element has been
  /// accepted once, so an element keeps the `k` of the last round that
  /// accepted it.
  ///
  /// The arithmetic is the optimised HLO's with the FMAs of the object code
  /// jaxlib 0.10.2 emits on x86-64: `b = fma(√λ, 2.53, 0.931)`,
  /// `a = fma(b, 0.02483, −0.059)`, XLA's folded constants in `b − 2` and
  /// `b − 3.4` (`fma(√λ, 2.53, −1.069)`, `fma(√λ, 2.53, −2.469)`),
  /// `k = ⌊fma(2a/us + b, u − ½, λ) + 0.43⌋` and
  /// `t = fma(k, log λ, −λ) − lgamma(k + 1)` with XLA's float32 `lgamma`
  /// (``XLAFloat32Math/lgammaShifted(_:)``). Where `lam` is one number and
  /// the result has a shape, XLA computes `1/(b − 3.4)` on the scalar and
  /// fuses `1.1239 + 1.1328 · (1/(b − 3.4))`; otherwise it divides.
  func poissonRejection(_ key: JAXKey, rates: [Float], scalarRate: Bool) throws -> (samples: [Float], rounds: UInt64) {
    let constants = rates.map { PoissonRejectionConstants(lam: $0, scalarForm: scalarRate) }
    return try wholeArrayRejection(key, count: rates.count, dtype: .float32, sampler: "poisson's rejection loop", parameter: "lam") { i, u, v in
      constants[i].acceptedSample(u: u, v: v)
    }
  }
}

/// One element's constants for ``JAXRandom/poissonRejection(_:rates:scalarRate:)``
/// and the body of one round (internal).
struct PoissonRejectionConstants {
  let lam: Float, logLam: Float, b: Float, a: Float, twoA: Float, invAlpha: Float, vR: Float

  /// `x` given as a Double literal, rounded once to float32 (as JAX converts Python floats).
  @inline(__always) static func c(_ x: Double) -> Float { Float(x) }

  init(lam: Float, scalarForm: Bool) {
    self.lam = lam
    logLam = XLAFloat32Math.log(lam)
    let root = lam.squareRoot()
    b = Self.c(0.931).addingProduct(root, Self.c(2.53))
    a = Self.c(-0.059).addingProduct(b, Self.c(0.02483))
    twoA = a * 2
    // XLA folds b − 3.4 and b − 2 into the FMA's addend (0.931 − 3.4 and 0.931 − 2 in float32).
    let bMinus34 = (Self.c(0.931) + Self.c(-3.4)).addingProduct(root, Self.c(2.53))
    let bMinus2 = (Self.c(0.931) + Self.c(-2)).addingProduct(root, Self.c(2.53))
    invAlpha = scalarForm
      ? Self.c(1.1239).addingProduct(Self.c(1.1328), 1 / bMinus34) : Self.c(1.1328) / bMinus34 + Self.c(1.1239)
    vR = Self.c(0.9277) - Self.c(3.6224) / bMinus2
  }

  @inline(__always)
  func acceptedSample(u uniform: Float, v: Float) -> Float? {
    let u = uniform - 0.5
    let us = 0.5 - abs(u)
    let k = (lam.addingProduct(twoA / us + b, u) + Self.c(0.43)).rounded(.down)
    if us >= Self.c(0.07) && v <= vR { return k }
    if k < 0 || (us < Self.c(0.013) && v > us) { return nil }
    let s = XLAFloat32Math.log((v * invAlpha) / (a / (us * us) + b))
    let t = (-lam).addingProduct(k, logLam) - XLAFloat32Math.lgammaShifted(k)
    return s <= t ? k : nil
  }
}
