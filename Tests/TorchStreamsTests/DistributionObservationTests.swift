import RNGStreams
import Testing
@testable import TorchStreams

/// The distribution samplers' word counts and reports, per PyTorch's CPU
/// kernels (aten/src/ATen/native/cpu/DistributionTemplates.h, Distributions.cpp,
/// MultinomialKernel.cpp), and the summation order they depend on.
@Suite struct DistributionObservationTests {
  @Test func everySamplerReportsItsWordsOnceWithContiguousCounters() throws {
    var g = try TorchGenerator(seed: 3)
    let log = DrawLog()
    g.observer = log
    let probs = TorchTensorValues(.float32([0.1, 0.2, 0.7]), shape: [3])
    _ = try g.exponential_([4], lambda: 2)                               // 2 words per element, float32 too
    _ = try g.geometric_([3], dtype: .int64, p: 0.4)                     // 6
    _ = try g.cauchy_([2])                                               // 4
    _ = try g.logNormal_([3])                                            // 2 pairs: 8, one value cached
    _ = try g.randn([1])                                                 // 0: the cache log_normal_ left
    _ = try g.bernoulli(probs)                                           // float32 p: 1 word each
    _ = try g.bernoulli(TorchTensorValues(.float64([0.5, 0.5]), shape: [2]))  // float64 p: 2 each
    _ = try g.multinomial(probs, samples: 5, replacement: true)         // 2 per sample
    _ = try g.multinomial(probs, samples: 2)                             // exponential_ over the 3 weights: 6
    _ = try g.multinomial(probs, samples: 1, replacement: true)         // one sample takes the exponential path: 6
    _ = try g.poisson(TorchTensorValues(.float32([0, 0]), shape: [2]))   // rate 0 draws nothing
    _ = try g.standardGamma(TorchTensorValues(.float64([0]), shape: [1]))  // alpha 0 draws nothing
    _ = try g.random_([3], dtype: .int64)                                // random64: 6
    _ = try g.random_([3], dtype: .int32)                                // 3
    #expect(log.draws.map(\.count) == [8, 6, 4, 8, 0, 3, 4, 10, 6, 6, 0, 0, 6, 3])
    #expect(log.draws.map(\.operation) == [
      "exponential_", "geometric_", "cauchy_", "log_normal_", "randn", "bernoulli", "bernoulli", "multinomial",
      "multinomial", "multinomial", "poisson", "_standard_gamma", "random_", "random_",
    ])
    var counter: UInt64 = 0
    for draw in log.draws {
      #expect(draw.counterBefore == counter)
      counter = draw.counterAfter
    }
    #expect(counter == g.wordsDrawn)
  }

  @Test func badParametersThrowWithoutDrawing() throws {
    var g = try TorchGenerator(seed: 0)
    let before = g.wordsDrawn
    let negative = TorchTensorValues(.float32([0.5, -1]), shape: [2])
    let checks: [(String, () throws -> Void)] = [
      ("exponential_ expects lambda > 0.0, but found lambda=0", { _ = try g.exponential_([2], lambda: 0) }),
      ("geometric_ expects p to be in (0, 1), but got p=1", { _ = try g.geometric_([2], p: 1) }),
      ("cauchy_ expects sigma > 0.0, but found sigma=-1", { _ = try g.cauchy_([2], sigma: -1) }),
      ("log_normal_ expects std > 0.0, but found std=0", { _ = try g.logNormal_([2], std: 0) }),
      ("Expected p_in >= 0 && p_in <= 1 to be true, but got false.", { _ = try g.bernoulli(negative) }),
      ("invalid Poisson rate, expected rate to be non-negative", { _ = try g.poisson(negative) }),
      ("probability tensor contains either `inf`, `nan` or element < 0", { _ = try g.multinomial(negative, samples: 1) }),
      ("normal expects all elements of std >= 0.0", { _ = try g.normal(mean: 0, std: negative) }),
    ]
    for (message, call) in checks {
      #expect(throws: FrameworkError.self, "\(message)") { try call() }
      do { try call() } catch let e as FrameworkError { #expect(e.message == message) } catch {}
    }
    #expect(g.wordsDrawn == before)
  }

  /// PyTorch's CPU `sum` of one row: the order is what makes Categorical's
  /// normalised probabilities and the Dirichlet rows bit-exact. These sums
  /// are chosen so each order gives a different double.
  @Test func rowSumsAddInTheReductionsOrder() {
    let big = 0x1p53  // big + 1 rounds back to big
    let row = [big, 1, 1, 1, -big]
    let sequential = (((big + 1) + 1) + 1) - big
    #expect(sequential == 0)
    // Shorter than a vector (5 floats < 8 lanes): four scalar accumulators,
    // the fifth element joins the first before the others are added.
    #expect(RowSum.sum(row, lanes: 8) == (((big - big) + 1) + 1) + 1)
    // One 4-double vector and a tail: the tail first, then the lanes in order.
    #expect(RowSum.sum(row, lanes: 4) == ((((-big) + big) + 1) + 1) + 1)
    #expect(RowSum.sum(row, lanes: 4) == 3)
    // Two vectors: lane-wise sums, then the tail-first combination.
    #expect(RowSum.sum([big, 1, 1, 1, -big, 1, 1, 1, 1], lanes: 4) == 1 + (big - big) + 2 + 2 + 2)
    // Past 64 vectors PyTorch cascades; callers refuse that, not approximate it.
    #expect(RowSum.limit(lanes: 4) == 256 && RowSum.limit(lanes: 8) == 512)
  }

  @Test func kernelsVectorWidthsFollowTheCapability() {
    #expect(TorchCPUKernel.avx2.lanes(for: Float.self) == 8)
    #expect(TorchCPUKernel.default.lanes(for: Double.self) == 4)
    #expect(TorchCPUKernel.avx512.lanes(for: Double.self) == 8)
  }
}
