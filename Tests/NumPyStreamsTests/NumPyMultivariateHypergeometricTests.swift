import NumPyStreams
import RNGBits
import RNGStreams
import Testing

/// `Generator.multivariate_hypergeometric` on the streams layer. The values
/// are those of NumPy's own numpy/random/tests/test_generator_mt19937.py
/// (class TestMultivariateHypergeometric, seed 8675309 on MT19937),
/// reproduced with NumPy 2.4.6 in fixtures/reference/numpy-bits/
/// numpy_generator_extras.jsonl.
@Suite struct NumPyMultivariateHypergeometricTests {
  static func generator() -> NumPyGenerator<MT19937> {
    NumPyGenerator(seedSequence: SeedSequence(entropy: SeedSequence.entropyWords(of: 8_675_309)), name: "g")
  }

  static func ints(_ sample: NumPySample) -> [Int64] {
    if case .int64(let v) = sample.values { return v }
    return []
  }

  @Test func countMethodRepeatability1() throws {
    var rng = Self.generator()
    let sample = try rng.multivariateHypergeometric(colors: [3, 4, 5], nsample: 5, size: [5], method: .count)
    #expect(sample.shape == [5, 3])
    #expect(Self.ints(sample) == [2, 1, 2, 2, 1, 2, 1, 1, 3, 2, 0, 3, 2, 1, 2])
  }

  /// nsample = 50 of 100 is not more than half: no complement.
  @Test func marginalsRepeatability2() throws {
    var rng = Self.generator()
    let sample = try rng.multivariateHypergeometric(colors: [20, 30, 50], nsample: 50, size: [5])
    #expect(Self.ints(sample) == [9, 17, 24, 7, 13, 30, 9, 15, 26, 9, 17, 24, 12, 14, 24])
  }

  @Test func marginalsRepeatability3() throws {
    var rng = Self.generator()
    let sample = try rng.multivariateHypergeometric(colors: [20, 30, 50], nsample: 12, size: [5], method: .marginals)
    #expect(Self.ints(sample) == [2, 3, 7, 5, 3, 4, 2, 5, 5, 5, 3, 4, 1, 5, 6])
  }

  /// Every row sums to nsample and stays within its colors, for both methods,
  /// on the complement path too (nsample > total / 2).
  @Test(arguments: MultivariateHypergeometricMethod.allCases)
  func rowsAreValidSamples(method: MultivariateHypergeometricMethod) throws {
    var rng = try NumPyGenerator(seed: 3)
    let colors: [Int64] = [7, 0, 12, 3]
    for nsample: Int64 in [0, 5, 11, 20, 22] {
      let values = Self.ints(try rng.multivariateHypergeometric(colors: colors, nsample: nsample, size: [6], method: method))
      for row in 0..<6 {
        let slice = values[(row * 4)..<(row * 4 + 4)]
        #expect(slice.reduce(0, +) == nsample)
        #expect(zip(slice, colors).allSatisfy { $0 >= 0 && $0 <= $1 })
      }
    }
  }

  @Test func drawsNothingWhenThereIsNothingToDraw() throws {
    var rng = try NumPyGenerator(seed: 3)
    let empty = try rng.multivariateHypergeometric(colors: [], nsample: 0, size: [2])
    #expect(empty.shape == [2, 0])
    let none = try rng.multivariateHypergeometric(colors: [4, 5], nsample: 0, size: nil, method: .count)
    #expect(none.shape == [2])
    #expect(Self.ints(none) == [0, 0])
    #expect(rng.bitGenerator.wordsDrawn == 0)
  }

  @Test(arguments: [
    ([Int64(3), 2], Int64(6), MultivariateHypergeometricMethod.marginals, "nsample > sum(colors)"),
    ([3, 2], -1, .count, "nsample must be nonnegative."),
    ([3, -2], 1, .marginals, "colors must be a one-dimensional sequence of nonnegative integers not exceeding 9223372036854775807."),
    ([Int64.max, 1], 1, .count, "sum(colors) must not exceed the maximum value of a 64 bit signed integer (9223372036854775807)"),
    ([1_000_000_000], 1, .marginals, "When method is \"marginals\", sum(colors) must be less than 1000000000."),
    ([Int64.max / 8 + 1], 1, .count, "When method is 'count', sum(colors) must not exceed 1152921504606846975"),
  ])
  func badArgumentsGetNumPysMessage(colors: [Int64], nsample: Int64, method: MultivariateHypergeometricMethod, message: String) {
    var rng = Self.generator()
    #expect(throws: FrameworkError.self) {
      try rng.multivariateHypergeometric(colors: colors, nsample: nsample, size: nil, method: method)
    }
    do {
      _ = try rng.multivariateHypergeometric(colors: colors, nsample: nsample, size: nil, method: method)
    } catch let error as FrameworkError {
      #expect(error.message == message)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
