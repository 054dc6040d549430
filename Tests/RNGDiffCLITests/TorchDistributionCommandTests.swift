import Foundation
import TestSupport
import Testing

/// `rngdiff sample torch` with the distribution samplers, end to end: the
/// built binary prints the values real torch 2.13.0+cpu wrote into
/// fixtures/reference/torch/torch-distributions-avx2.jsonl, and refuses
/// bad input with exit status 2 and one sentence.
@Suite struct TorchDistributionCommand {
  static let avx2 = try! GoldenFile.load(Fixtures.url("reference/torch/torch-distributions-avx2.jsonl").path)

  /// The printed lines of the golden case with this seed and these calls.
  static func expectedLines(seed: String, calls: [String]) throws -> [String] {
    let found = avx2.cases.first { $0["seed"]?.number == seed && ($0["calls"]?.array ?? []).compactMap(\.string) == calls }
    let outputs = try #require(found, "no golden case seed \(seed) calls \(calls)")["outputs"]?.array ?? []
    return outputs.flatMap { ($0["values"]?.array ?? []).compactMap(\.number) }
  }

  @Test(arguments: [
    ["distributions.Normal(0.0, 1.0).sample((5,))", "distributions.Normal(tensor([0.0, 10.0]), 2.0).sample((3,))",
     "distributions.Normal(0.0, 1.0).rsample((20,))",
     "distributions.Normal(zeros(2, dtype=torch.float64), ones(2, dtype=torch.float64)).sample()",
     "distributions.Normal(1.0, 2.0).sample()",
     "distributions.Normal(loc=tensor([[1.0], [2.0]]), scale=tensor([0.5, 1.0, 2.0])).rsample([2])"],
    ["_standard_gamma(tensor([0.1, 0.5, 1.0, 2.5, 7.0, 0.0, 100.0, 0.01, 1e-30]))",
     "_standard_gamma(tensor([0.1, 0.5, 1.0, 2.5, 7.0, 0.0, 100.0, 0.01, 1e-30], dtype=torch.float64))",
     "_standard_gamma(full((40,), 0.7))", "_standard_gamma(tensor([-1.0]))"],
  ])
  func printsTheRealLibrarysValues(calls: [String]) throws {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", calls.joined(separator: "; ")])
    #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
    let expected = try Self.expectedLines(seed: "0", calls: calls)
    #expect(!expected.isEmpty)
    #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected)
  }

  @Test func badInputExitsTwoWithOneLocatedSentence() throws {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", "multinomial(tensor([0.5, 0.5]), 3)"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "rngdiff: <calls>:1:33: cannot sample n_sample > prob_dist.size(-1) samples without replacement\n")
  }
}
