import Foundation
import TestSupport
import Testing

/// `rngdiff sample tensorflow` with the stateless distribution samplers, end
/// to end: the built binary prints the values real TensorFlow 2.21 wrote into
/// the golden files, and refuses bad input with exit status 2 and one sentence.
@Suite struct TensorFlowDistributionCommand {
  /// The values of the golden output for `expr` in `file`, as printed lines.
  static func expectedLines(file: String, expr: String) throws -> [String] {
    let golden = try GoldenFile.reference("tensorflow/" + file)
    let output = golden.cases.lazy.flatMap { $0["outputs"]?.array ?? [] }.first { $0["expr"]?.string == expr }
    return GoldenFile.values(try #require(output, "no golden output for \(expr)"))
  }

  @Test(arguments: [
    ("tensorflow_stateless_gamma.jsonl", "stateless_gamma([10, 2], seed=[12, 34], alpha=[0.5, 1.5])"),
    ("tensorflow_stateless_gamma.jsonl", "stateless_gamma([4, 3], seed=[11, 12], alpha=[0.5, 1.0, 4.0], beta=2.0, dtype=float64)"),
    ("tensorflow_stateless_binomial.jsonl", "stateless_binomial(shape=[10, 2], seed=[123, 456], counts=[10.0, 20.0], probs=0.8)"),
  ])
  func printsTheRealLibrarysValues(file: String, expr: String) throws {
    let result = try RNGDiffBinary.run(["sample", "tensorflow", expr])
    #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
    let expected = try Self.expectedLines(file: file, expr: expr)
    #expect(!expected.isEmpty)
    #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected)
  }

  @Test func badInputExitsTwoWithOneLocatedSentence() throws {
    let result = try RNGDiffBinary.run(["sample", "tensorflow", "stateless_gamma([3], seed=[12, 34], alpha=[0.5, 1.5])"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "rngdiff: <calls>:1:43: Shape passed in must end with broadcasted shape: alpha and beta broadcast to [2], shape is [3].\n")
  }
}
