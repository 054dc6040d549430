import NumPyStreams
import PythonSubset
import RNGStreams

extension RandomStateObject {
  /// Defines `RandomState`'s distribution methods (and through the global
  /// object, the module-level `np.random.*` functions): NumPy 2.4
  /// signatures, array parameters broadcast, `size=None` with scalar
  /// parameters returning a Python float or int.
  ///
  /// ```python
  /// np.random.gamma(0.5, 2.0, size=3); np.random.poisson([1, 50]); np.random.binomial(1000, 0.3)
  /// ```
  static func defineDistributions(_ m: inout PythonClassMethods<RandomStateObject>) {
    typealias D = NumPyDistributionArguments
    func call(_ signature: String, _ body: @escaping @Sendable (inout EngineRandomState, BoundArguments, [Int]?) throws -> NumPySample) {
      m.define(signature) { r, args in
        let size = try D.size(args)
        let sample = try args.framework { try body(&r.state, args, size) }
        return try D.result(sample, args)
      }
    }
    call("standard_exponential(size=None)") { s, _, size in try s.standardExponential(size: size) }
    call("exponential(scale=1.0, size=None)") { s, a, size in
      try s.exponential(scale: D.float(a, "scale", default: 1), size: size)
    }
    call("standard_gamma(shape, size=None)") { s, a, size in try s.standardGamma(shape: D.float(a, "shape"), size: size) }
    call("gamma(shape, scale=1.0, size=None)") { s, a, size in
      try s.gamma(shape: D.float(a, "shape"), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("beta(a, b, size=None)") { s, a, size in try s.beta(a: D.float(a, "a"), b: D.float(a, "b"), size: size) }
    call("chisquare(df, size=None)") { s, a, size in try s.chisquare(df: D.float(a, "df"), size: size) }
    call("f(dfnum, dfden, size=None)") { s, a, size in
      try s.f(dfnum: D.float(a, "dfnum"), dfden: D.float(a, "dfden"), size: size)
    }
    call("noncentral_chisquare(df, nonc, size=None)") { s, a, size in
      try s.noncentralChisquare(df: D.float(a, "df"), nonc: D.float(a, "nonc"), size: size)
    }
    call("noncentral_f(dfnum, dfden, nonc, size=None)") { s, a, size in
      try s.noncentralF(dfnum: D.float(a, "dfnum"), dfden: D.float(a, "dfden"), nonc: D.float(a, "nonc"), size: size)
    }
    call("standard_cauchy(size=None)") { s, _, size in try s.standardCauchy(size: size) }
    call("standard_t(df, size=None)") { s, a, size in try s.standardT(df: D.float(a, "df"), size: size) }
    call("vonmises(mu, kappa, size=None)") { s, a, size in
      try s.vonmises(mu: D.float(a, "mu"), kappa: D.float(a, "kappa"), size: size)
    }
    call("pareto(a, size=None)") { s, a, size in try s.pareto(a: D.float(a, "a"), size: size) }
    call("weibull(a, size=None)") { s, a, size in try s.weibull(a: D.float(a, "a"), size: size) }
    call("power(a, size=None)") { s, a, size in try s.power(a: D.float(a, "a"), size: size) }
    call("laplace(loc=0.0, scale=1.0, size=None)") { s, a, size in
      try s.laplace(loc: D.float(a, "loc", default: 0), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("gumbel(loc=0.0, scale=1.0, size=None)") { s, a, size in
      try s.gumbel(loc: D.float(a, "loc", default: 0), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("logistic(loc=0.0, scale=1.0, size=None)") { s, a, size in
      try s.logistic(loc: D.float(a, "loc", default: 0), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("lognormal(mean=0.0, sigma=1.0, size=None)") { s, a, size in
      try s.lognormal(mean: D.float(a, "mean", default: 0), sigma: D.float(a, "sigma", default: 1), size: size)
    }
    call("rayleigh(scale=1.0, size=None)") { s, a, size in try s.rayleigh(scale: D.float(a, "scale", default: 1), size: size) }
    call("wald(mean, scale, size=None)") { s, a, size in
      try s.wald(mean: D.float(a, "mean"), scale: D.float(a, "scale"), size: size)
    }
    call("triangular(left, mode, right, size=None)") { s, a, size in
      try s.triangular(left: D.float(a, "left"), mode: D.float(a, "mode"), right: D.float(a, "right"), size: size)
    }
    call("binomial(n, p, size=None)") { s, a, size in try s.binomial(n: D.integer(a, "n"), p: D.float(a, "p"), size: size) }
    call("negative_binomial(n, p, size=None)") { s, a, size in
      try s.negativeBinomial(n: D.float(a, "n"), p: D.float(a, "p"), size: size)
    }
    call("poisson(lam=1.0, size=None)") { s, a, size in try s.poisson(lam: D.float(a, "lam", default: 1), size: size) }
    call("zipf(a, size=None)") { s, a, size in try s.zipf(a: D.float(a, "a"), size: size) }
    call("geometric(p, size=None)") { s, a, size in try s.geometric(p: D.float(a, "p"), size: size) }
    call("logseries(p, size=None)") { s, a, size in try s.logseries(p: D.float(a, "p"), size: size) }
    call("hypergeometric(ngood, nbad, nsample, size=None)") { s, a, size in
      try s.hypergeometric(ngood: D.integer(a, "ngood"), nbad: D.integer(a, "nbad"), nsample: D.integer(a, "nsample"), size: size)
    }
    call("multinomial(n, pvals, size=None)") { s, a, size in
      let n = try D.integer(a, "n")
      guard n.isScalar, let count = n.integers?.first else { throw a.error("n", "only length-1 arrays can be converted to Python scalars") }
      return try s.multinomial(
        n: count, pvals: D.vector(a, "pvals", scalarMessage: "pvals must be a 1-d sequence"), size: size)
    }
    call("dirichlet(alpha, size=None)") { s, a, size in
      try s.dirichlet(alpha: D.vector(a, "alpha", scalarMessage: "object of too small depth for desired array"), size: size)
    }
    m.define("multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8)") { _, args in
      throw args.error(
        "cov",
        "rngdiff does not emulate multivariate_normal: NumPy factors cov with LAPACK's SVD, whose last bits depend on the BLAS build, so its values cannot be reproduced bit for bit")
    }
  }
}
