import RNGEngine
import RNGStreams
import Testing

/// `Generator.multivariate_hypergeometric` through `rngdiff sample numpy`:
/// bad arguments get NumPy's sentence at their place (values are checked by
/// numpy-bits/numpy_generator_extras.jsonl), and the draw is reported once.
@Suite struct NumPyMultivariateHypergeometricSampleTests {
  @Test(arguments: [
    ("default_rng(1).multivariate_hypergeometric([3, 4], 5, method='both')",
     "<calls>:1:62: method must be \"count\" or \"marginals\"."),
    ("default_rng(1).multivariate_hypergeometric([3, 4], 2.5)", "<calls>:1:52: nsample must be an integer"),
    ("default_rng(1).multivariate_hypergeometric([[3, 4]], 2)",
     "<calls>:1:44: colors must be a one-dimensional sequence of nonnegative integers not exceeding 9223372036854775807."),
    ("default_rng(1).multivariate_hypergeometric([3.0, 4.0], 2)",
     "<calls>:1:44: colors must be a one-dimensional sequence of nonnegative integers not exceeding 9223372036854775807."),
    ("default_rng(1).multivariate_hypergeometric([3, 4], 8)", "<calls>:1:52: nsample > sum(colors)"),
    ("default_rng(1).multivariate_hypergeometric([10**12], 5, method='count')",
     "<calls>:1:44: rngdiff makes at most 2**28 values per call; this call asks for 1000000000000"),
  ])
  func badArgumentsAreRefusedAtTheirPlace(calls: String, message: String) {
    #expect(SampleRun.failure(.numpy, seed: "0", calls) == message)
  }

  @Test func oneReportPerCall() throws {
    let log = DrawLog()
    _ = try SampleRun.outputs(
      .numpy, seed: "0", "g = default_rng(2); g.multivariate_hypergeometric([16, 8, 4], 15, size=3, method='count')",
      observer: log)
    #expect(log.draws.count == 1)
    #expect(log.draws.first?.operation == "multivariate_hypergeometric")
    #expect(log.draws.first?.shape == [3, 3])
  }
}
