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
}
