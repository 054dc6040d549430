import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// JAX's distribution samplers through `rngdiff sample jax`: every value
/// in jax_samplers.jsonl (real JAX 0.10.2 on CPU), the refusals, and what
/// the observer hears.
@Suite struct JAXDistributionSample {
  func run(_ calls: String, options: [String: String] = [:], observer: (any DrawObserver)? = nil) throws -> [SampleOutput] {
    try SampleSession.run(framework: .jax, seed: nil, calls: calls, options: options, observer: observer)
  }

  func failure(_ calls: String, options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func goldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_samplers.jsonl").path)
  }

  @Test func gammaGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_gamma.jsonl").path)
  }

  @Test func gammaFamilyGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_gamma_family.jsonl").path)
  }

  /// Made with XLA's AVX2 code (`--xla_cpu_max_isa=AVX2`), whose float64 rsqrt is `1/sqrt`: see the file's header.
  @Test func dirichletGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_dirichlet.jsonl").path)
  }

  @Test func weibullMinGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_weibull.jsonl").path)
  }

  @Test func arrayParameterGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_array_parameters.jsonl").path)
  }

  @Test func binomialGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_binomial.jsonl").path)
  }

  /// BTRS elements, alone and mixed with inversion ones, float32 and float64, n up to 10⁹.
  @Test func binomialBTRSGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_binomial_btrs.jsonl").path)
  }

  @Test func poissonGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_poisson.jsonl").path)
  }

  /// lam ≥ 10 (transformed rejection), alone and mixed with Knuth elements, lam up to 10⁹.
  @Test func poissonRejectionGoldenCasesMatchTheRealJAX() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/jax/jax_poisson_rejection.jsonl").path)
  }

  @Test func badInputSaysWhatIsAccepted() {
    #expect(failure("exponential(key(0), (3,), int32)") == "<calls>:1:27: dtype argument to `exponential` must be a float dtype, got int32.")
    #expect(failure("gumbel(key(0), (3,), float16)").hasPrefix("<calls>:1:22: gumbel is emulated for float32 and float64 only, got float16"))
    #expect(failure("gumbel(key(0), (3,), mode='highest')") == "<calls>:1:27: gumbel() argument 'mode' must be 'low' or 'high' (rngdiff does not emulate 'highest'), got 'highest'")
    #expect(failure("laplace(key(0), (-1,))") == "<calls>:1:17: laplace() argument 'shape' has a negative dimension -1")
    #expect(failure("rademacher(key(0), (3,), uint8)") == "<calls>:1:26: rademacher's dtype must hold -1 and 1 (a signed integer or float dtype), got uint8.")
    #expect(failure("categorical(key(0), array([0.5, 1.0]), axis=0)") == "no error")  // the last axis of 1-D logits
    #expect(failure("categorical(key(0), array([[0.5, 1.0]]), axis=0)") == "<calls>:1:47: categorical() is emulated along the last axis only (axis=-1), got axis=0")
    #expect(failure("categorical(key(0), array([0.5, 1.0]), replace=False)").hasPrefix("<calls>:1:48: categorical(replace=False) (the Gumbel top-k trick) is not emulated"))
    #expect(failure("categorical(key(0), array([[0.5, 1.0]]), shape=(3,))") == "<calls>:1:48: categorical parameter shapes ((1,),) are not broadcast-compatible with shape argument (3,).")
    #expect(failure("categorical(key(0), array([1, 2]))") == "<calls>:1:21: categorical is emulated for float32 and float64 logits, got int32.")
    #expect(failure("categorical(key(0), 3.0)").hasPrefix("<calls>:1:21: categorical() argument 'logits' must be a float array"))
    let x64 = ["jax_enable_x64": "true"]
    #expect(failure("gamma(key(0), array([1.0, 2.0]), (3,))", options: x64) == "<calls>:1:34: gamma parameter shapes ((2,),) are not broadcast-compatible with shape argument (3,).")
    #expect(failure("gamma(key(0), 2.0, (3,))").hasPrefix("<calls>:1:1: gamma is emulated in float64 only (--config jax_enable_x64=true): in float32 XLA CPU computes"))
    #expect(failure("t(key(0), 3.0, (3,), float32)", options: x64).hasPrefix("<calls>:1:22: t is emulated in float64 only"))
    #expect(failure("loggamma(key(0), 'a')", options: x64) == "<calls>:1:18: loggamma() argument 'a' must be a number or a float array such as array([0.5, 2.0]), got str 'a'")
    #expect(failure("dirichlet(key(0), array([1.0, 2.0]))").hasPrefix("<calls>:1:1: dirichlet is emulated in float64 only"))
    #expect(failure("weibull_min(key(0), 1.0, array([1.0, 2.0]), (3,))") == "<calls>:1:45: weibull_min: incompatible shapes for broadcasting: (3,) and (2,)")
    #expect(failure("weibull_min(key(0), array([1.0, 2.0]), 1.0, (2,), float32)", options: x64).hasPrefix("<calls>:1:21: weibull_min() with a float64 array 'scale' and dtype float32 promotes the result"))
    #expect(failure("dirichlet(key(0), 2.0)", options: x64) == "<calls>:1:19: dirichlet requires alpha.ndim >= 1, got alpha.ndim == 0")
    #expect(failure("dirichlet(key(0), array([[1.0, 2.0], [3.0, 4.0]]), (3,))", options: x64) == "<calls>:1:52: dirichlet parameter shapes ((2,),) are not broadcast-compatible with shape argument (3,).")
    #expect(failure("dirichlet(key(0), arange(1.0, 1026.0))", options: x64).hasPrefix("<calls>:1:19: dirichlet with more than 1024 classes (got 1025) is not emulated"))
    #expect(failure("f(key(0), array([2.0, 3.0]), array([[1.0], [7.0]]))", options: x64).contains("f divides by dfnum without broadcasting"))
    #expect(failure("beta(key(0), array([1.0, 2.0]), array([1.0, 2.0, 3.0]))", options: x64).contains("incompatible shapes for broadcasting"))
    #expect(failure("poisson(key(0), 12.0, (3,))") == "no error")  // JAX's transformed rejection
    #expect(failure("poisson(key(0), inf, (3,))") == "<calls>:1:17: poisson with lam inf is not emulated: rngdiff reproduces lam up to 1e9 (its rejection sampler's float32 k is cast to int32 beyond that).")
    #expect(failure("poisson(key(0), 1.0, (3,), uint8)") == "<calls>:1:28: poisson is emulated for int32 and int64 results, got uint8.")
    #expect(failure("beta(key(0), 2.0, 3.0)").hasPrefix("<calls>:1:1: beta is emulated in float64 only"))
    #expect(failure("binomial(key(0), 50.0, 0.5)") == "no error")  // JAX's BTRS branch
    #expect(failure("binomial(key(0), inf, 1.0, (2,))").hasPrefix("<calls>:1:18: binomial with an infinite n and p 0 or 1 (n = inf) never leaves JAX's BTRS loop"))
  }

  @Test func eachSamplerReportsOneDrawOnItsKey() throws {
    let log = DrawLog()
    _ = try run("exponential(key(0), (5,)); gumbel(key(0), (3,), mode='high'); categorical(key(1), array([0.0, 1.0]), shape=(4,))", observer: log)
    #expect(log.draws.map(\.operation) == ["exponential", "gumbel", "categorical"])
    #expect(log.draws.map(\.stream.name) == ["key(0,0)", "key(0,0)", "key(0,1)"])
    // One Threefry block per 32-bit word in the partitionable layout: high-mode gumbel draws 2 × 3 words,
    // categorical one Gumbel value per class and sample.
    #expect(log.draws.map(\.count) == [5, 6, 8])
    #expect(log.draws[1].parameters.contains(.init("mode", "high")))
  }
}
