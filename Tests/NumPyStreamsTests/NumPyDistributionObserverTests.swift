import NumPyStreams
import RNGStreams
import Testing

/// Distribution calls report one draw each, contiguous, with counts equal to
/// the words NumPy 2.4.6 consumed for the same calls (measured by
/// fixtures/reference/numpy/measure_distribution_word_counts.py).
@Suite struct NumPyDistributionObserverTests {
  @Test func legacyDistributionsReportNumPysWordCounts() throws {
    let log = DrawLog()
    var rs = try RandomState(seed: 0)
    rs.observer = log
    _ = try rs.standardExponential(size: [3])
    _ = try rs.gamma(shape: .init("shape", 0.5), scale: .init("scale", 1), size: [4])
    _ = try rs.gamma(shape: .init("shape", 3.0), scale: .init("scale", 1), size: [4])
    _ = try rs.beta(a: .init("a", 0.5), b: .init("b", 0.5), size: [3])
    _ = try rs.poisson(lam: .init("lam", 3.0), size: [5])
    _ = try rs.poisson(lam: .init("lam", 20.0), size: [5])
    _ = try rs.binomial(n: .init("n", integer: 10), p: .init("p", 0.3), size: [4])
    _ = try rs.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: [4])
    _ = try rs.hypergeometric(ngood: .init("ngood", integer: 10), nbad: .init("nbad", integer: 5), nsample: .init("nsample", integer: 7), size: [3])
    _ = try rs.multinomial(n: 0, pvals: [0.5, 0.5], size: nil)
    _ = try rs.standardCauchy(size: [2])
    _ = try rs.dirichlet(alpha: [1.0, 2.0], size: nil)

    #expect(log.draws.map(\.count) == [6, 16, 26, 12, 44, 24, 8, 16, 42, 0, 20, 4])
    #expect(log.draws.first?.counterBefore == 0)
    for (previous, next) in zip(log.draws, log.draws.dropFirst()) {
      #expect(next.counterBefore == previous.counterAfter, "\(previous.operation) -> \(next.operation)")
    }
    #expect(log.draws.last?.counterAfter == rs.bitGenerator.wordsDrawn)
    #expect(log.draws[1].operation == "gamma")
    #expect(log.draws[1].parameters == [.init("shape", "0.5"), .init("scale", "1.0")])
    #expect(log.draws[6].parameters == [.init("n", "10"), .init("p", "0.3")])
  }

  @Test func generatorDistributionsReportNumPysOutputCounts() throws {
    let log = DrawLog()
    var rng = try NumPyGenerator(seed: 0)
    rng.observer = log
    _ = try rng.poisson(lam: .init("lam", 3.0), size: [5])
    _ = try rng.poisson(lam: .init("lam", 20.0), size: [5])
    _ = try rng.binomial(n: .init("n", integer: 0), p: .init("p", 0.5), size: [3])
    _ = try rng.binomial(n: .init("n", integer: 10), p: .init("p", 0.3), size: [4])
    _ = try rng.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: [4])
    _ = try rng.hypergeometric(
      ngood: .init("ngood", integer: 10), nbad: .init("nbad", integer: 5), nsample: .init("nsample", integer: 7), size: [3])
    _ = try rng.hypergeometric(
      ngood: .init("ngood", integer: 100), nbad: .init("nbad", integer: 200), nsample: .init("nsample", integer: 50), size: [3])
    _ = try rng.standardCauchy(size: [2])
    _ = try rng.vonmises(mu: .init("mu", 0.5), kappa: .init("kappa", 4.0), size: [3])

    #expect(log.draws.map(\.count) == [19, 14, 0, 4, 10, 16, 6, 4, 31])
    #expect(log.draws.last?.counterAfter == rng.bitGenerator.wordsDrawn)
    #expect(log.draws.allSatisfy { $0.stream.counterUnit == .word64 })
  }

  @Test func arrayParametersAreReportedWithTheirShape() throws {
    let log = DrawLog()
    var rs = try RandomState(seed: 1)
    rs.observer = log
    let sample = try rs.poisson(lam: NumPyParameter("lam", values: [1, 50], shape: [2]), size: [3, 2])
    #expect(sample.shape == [3, 2])
    #expect(log.draws[0].shape == [3, 2])
    #expect(log.draws[0].parameters == [.init("lam", "array([1.0, 50.0], shape=(2,))")])
  }
}
