import Foundation
import TestSupport
import Testing

/// `rngdiff sample numpy` with distribution calls, as a user runs it.
@Suite struct NumPyDistributionCommandTests {
  @Test func badParameterExitsTwoWithOneLineAtTheArgument() throws {
    let result = try RNGDiffBinary.run(["sample", "numpy", "--seed", "0", "binomial(10, 1.5)"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "rngdiff: <calls>:1:14: p < 0, p > 1 or p is NaN\n")
  }

  @Test func distributionValuesPrintAsNumPyPrintsThem() throws {
    // np.random.seed(0); np.random.poisson(3.0, 3) prints [5 6 2] in NumPy 2.4.6.
    let result = try RNGDiffBinary.run(["sample", "numpy", "--seed", "0", "--json", "poisson(3.0, 3)"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "{\"call\": 0, \"expr\": \"poisson(3.0, 3)\", \"dtype\": \"int64\", \"shape\": [3], \"values\": [5, 6, 2]}\n")
  }
}
