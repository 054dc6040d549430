import RNGEngine
import Testing

/// Distribution calls through `rngdiff sample numpy` / `numpy-generator`:
/// bad parameters get NumPy 2.4.6's own message (checked against the real
/// library) at the argument it concerns, never a trap; values themselves are
/// checked by the golden files (numpy_dist_*.jsonl, numpy_generator_distributions.jsonl).
@Suite struct NumPyDistributionSampleTests {
  @Test(arguments: [
    ("gamma(-1.0)", "<calls>:1:7: shape < 0"),
    ("exponential(-0.0, 3)", "<calls>:1:13: scale < 0"),
    ("binomial(10, 1.5)", "<calls>:1:14: p < 0, p > 1 or p is NaN"),
    ("binomial([10, -1], 0.5)", "<calls>:1:10: n < 0"),
    ("binomial(2**63, 0.5)", "<calls>:1:10: Python int too large to convert to C long"),
    ("poisson([1.0, -2.0])", "<calls>:1:9: lam < 0 or lam contains NaNs"),
    ("poisson(1e300)", "<calls>:1:9: lam value too large"),
    ("beta(0, 1)", "<calls>:1:6: a <= 0"),
    ("hypergeometric(5, 5, 20)", "<calls>:1:22: ngood + nbad < nsample"),
    ("hypergeometric(5, 5, 0)", "<calls>:1:22: nsample < 1 or nsample is NaN"),
    ("triangular(2, 1, 3)", "<calls>:1:12: left > mode"),
    ("normal([1, 2], 1, size=3)",
     "<calls>:1:8: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3,) and arg 1 with shape (2,)."),
    ("normal([1, 2], 1, size=(1,))", "<calls>:1:24: Output size (1,) is not compatible with broadcast dimensions of inputs (2,)."),
    ("dirichlet([1.0, 0.0])", "<calls>:1:11: alpha <= 0"),
    ("zipf(1.0)", "<calls>:1:6: a <= 1 or a is NaN"),
    ("geometric(0.0)", "<calls>:1:11: p <= 0, p > 1 or p contains NaNs"),
    ("logseries(1.0)", "<calls>:1:11: p < 0, p >= 1 or p is NaN"),
    ("uniform([0.0, 1.0], 1e308 * 10)", "<calls>:1:21: Range exceeds valid bounds"),
    ("multinomial(5, [0.7, 0.7, 0.1])", "<calls>:1:16: sum(pvals[:-1]) > 1.0"),
    ("multinomial(5, 0.5)", "<calls>:1:16: pvals must be a 1-d sequence"),
    ("zipf(1025.5)",
     "<calls>:1:6: a = 1025.5 makes NumPy's legacy zipf loop forever (2**(a - 1) overflows); rngdiff refuses it instead of hanging"),
    ("vonmises(0, 1e160)",
     "<calls>:1:13: kappa = 1e+160 makes NumPy's legacy vonmises loop forever (its rejection constant rounds to 1); rngdiff refuses it instead of hanging"),
    ("vonmises([0.0, 1.0], [1.0, 1e17])",
     "<calls>:1:22: kappa = 1e+17 makes NumPy's legacy vonmises loop forever (its rejection constant rounds to 1); rngdiff refuses it instead of hanging"),
  ])
  func legacyBadParametersGetNumPysMessage(calls: String, message: String) {
    #expect(SampleRun.failure(.numpy, seed: "0", calls) == message)
  }

  @Test func multivariateNormalIsRefusedWithTheReason() {
    let message = SampleRun.failure(.numpy, seed: "0", "multivariate_normal([0, 0], [[1, 0], [0, 1]])")
    #expect(message.hasPrefix("<calls>:1:29: rngdiff does not emulate multivariate_normal: NumPy factors cov with LAPACK's SVD"))
  }

  @Test(arguments: [
    ("hypergeometric(10**9, 5, 3)", "<calls>:1:16: both ngood and nbad must be less than 1000000000"),
    ("binomial(-1, 0.5)", "<calls>:1:10: n < 0"),
    ("hypergeometric(5, 5, -1)", "<calls>:1:22: nsample < 0"),
    ("uniform([1.0], 0.0)", "<calls>:1:16: high - low < 0"),
    ("wald(0, 1)", "<calls>:1:6: mean <= 0"),
    ("vonmises(0, -1)", "<calls>:1:13: kappa < 0"),
    ("multinomial(5, [])", "<calls>:1:16: pvals must have at least 1 dimension and the last dimension of pvals must be greater than 0."),
    ("multinomial(5, [0.7, 0.7, 0.1])", "<calls>:1:16: sum(pvals[:-1]) > 1.0"),
    ("multinomial(5, [[0.7, 0.7, 0.1]])", "<calls>:1:16: sum(pvals[...,:-1]) > 1.0"),
    ("multinomial(-1, [0.5, 0.5])", "<calls>:1:13: n < 0"),
    ("multinomial([1, 2], [0.5, 0.5], size=3)",
     "<calls>:1:38: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (2,) and arg 2 with shape (3,)."),
  ])
  func generatorBadParametersGetNumPysMessage(calls: String, message: String) {
    #expect(SampleRun.failure(.numpyGenerator, seed: "0", calls) == message)
  }

  @Test func generatorCallsNeedingTheExponentialZigguratAreRefused() {
    for call in ["exponential()", "gamma(2.0)", "standard_exponential(3)", "geometric(0.5)", "dirichlet([1.0, 1.0])"] {
      let message = SampleRun.failure(.numpyGenerator, seed: "0", call)
      #expect(message.hasPrefix("<calls>:1:1: rngdiff does not emulate Generator."), "\(call): \(message)")
    }
  }

  @Test func scalarParametersWithoutSizeGiveAPythonNumber() throws {
    let outputs = try SampleRun.outputs(.numpy, seed: "0", "gamma(2.0); poisson(3.0); normal([1.0], 1.0); poisson(array(2.0))")
    #expect(outputs.map(\.tensor.shape) == [[], [], [1], []])
    #expect(outputs.map(\.tensor.dtype.rawValue) == ["float64", "int64", "float64", "int64"])
  }
}
