import Foundation
import TestSupport
import Testing

/// `torch.utils.data` and the one-call seeders as a user meets them: the built binary's
/// output against what real torch 2.13.0 (and lightning 2.6.6, transformers 5.25.0,
/// accelerate 1.16.0) printed in fixtures/reference/torch/torch-data.jsonl, and the exit
/// codes and one-sentence messages of bad arguments.
@Suite struct TorchDataCommandTests {
  static let golden = try! GoldenFile.load(Fixtures.url("reference/torch/torch-data.jsonl").path)

  static func sampleCase(seed: String, firstCall: String) throws -> ExactJSON {
    try #require(golden.cases.first {
      $0["kind"]?.string == "sample" && $0["seed"]?.number == seed && $0["calls"]?.array?.first?.string == firstCall
    })
  }

  /// Loader examples of docs/frameworks/torch.md: shuffled batches, the base seed drawn even
  /// without shuffling, and an explicit generator that leaves the default one alone.
  @Test(arguments: [
    ("0", "list(data.DataLoader(range(10), batch_size=4, shuffle=True))"),
    ("0", "list(data.DataLoader(range(6), batch_size=2))"),
    ("0", "list(data.DataLoader(range(10), batch_size=3, shuffle=True, generator=torch.Generator().manual_seed(7)))"),
    ("0", "list(data.RandomSampler(range(10)))"),
  ])
  func loaderExamplesPrintRealTorchsValues(seed: String, call: String) throws {
    let c = try Self.sampleCase(seed: seed, firstCall: call)
    let calls = GoldenFile.calls(c).joined(separator: "; ")
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", seed, "data = torch.utils.data; " + calls])
    #expect(result.status == 0, "\(result.standardError)")
    let expected = (c["outputs"]?.array ?? []).flatMap { ($0["values"]?.array ?? []).compactMap(\.number) }
    #expect(!expected.isEmpty)
    #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected)
  }

  /// Worker loaders as a user runs them: a `Dataset` whose `__getitem__` reports
  /// `get_worker_info()` and draws, loaded with 0, 2 and 3 workers, a loader `generator`
  /// and a `worker_init_fn` that reseeds; each item's worker, seed and draw, and the main
  /// process's next `rand(1)`, as real torch printed them.
  @Test func workerLoadersPrintRealTorchsValues() throws {
    let cases = Self.golden.cases.filter {
      $0["kind"]?.string == "sample" && ($0["calls"]?.array?.first?.string ?? "").contains("num_workers=")
    }
    #expect(cases.count >= 5)
    for c in cases {
      let calls = GoldenFile.calls(c)
      let seed = c["seed"]?.number ?? "0"
      let program = (c["setup"]?.string ?? "") + "\n" + calls.joined(separator: "\n")
      let result = try RNGDiffBinary.run(["sample", "torch", "--seed", seed, program])
      #expect(result.status == 0, "\(calls[0]): \(result.standardError)")
      let expected = (c["outputs"]?.array ?? []).flatMap { ($0["values"]?.array ?? []).compactMap(\.number) }
      #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected, "\(calls[0])")
    }
  }

  /// Bad arguments: exit 2 and one sentence that says where (`<calls>:1:COL`), what PyTorch
  /// raises (`ValueError`) and what is accepted.
  @Test(arguments: [
    ("list(torch.utils.data.DataLoader(range(4), batch_size=0))", "<calls>:1:55", "batch_size should be a positive integer value, but got batch_size=0"),
    ("torch.utils.data.random_split(range(10), [3, 6])", "<calls>:1:42", "Sum of input lengths does not equal the length of the input dataset!"),
    ("torch.utils.data.random_split(range(10), [1.5, -0.5])", "<calls>:1:42", "Fraction at index 0 is not between 0 and 1"),
    ("torch.utils.data.RandomSampler(range(3), num_samples=0)", "<calls>:1:54", "num_samples should be a positive integer value, but got num_samples=0"),
    ("torch.utils.data.DataLoader(range(4), num_workers=-1)", "<calls>:1:51", "num_workers option should be non-negative"),
    ("torch.utils.data.DataLoader(range(4), shuffle=True, sampler=[0, 1])", "<calls>:1:47", "sampler option is mutually exclusive with shuffle"),
  ])
  func badArgumentsAreOneLocatedSentence(call: String, location: String, message: String) throws {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", call])
    #expect(result.status == 2)
    let text = result.standardError.trimmingCharacters(in: .newlines)
    #expect(!text.contains("\n"), "one sentence: \(text)")
    #expect(text.contains("\(location): ValueError: \(message)"), "\(text)")
    #expect(result.standardOutput.isEmpty)
  }

  static func seederCases() -> [ExactJSON] { golden.cases.filter { $0["kind"]?.string == "seeder" } }

  /// Each seeder in `rngdiff run`: its return value, the variables it sets, and the first
  /// draws of `random` and NumPy's global stream after it, as the real call left them; a call
  /// the real library refuses ends with exit 2 and its message.
  @Test func seedersSeedRandomAndNumPyAsTheRealOnesDo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-seeders-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let cases = Self.seederCases()
    #expect(cases.count >= 15)
    for (index, c) in cases.enumerated() {
      let call = c["call"]?.string ?? ""
      let module = c["module"]?.string ?? ""
      var environment: [String: String] = [:]
      if case .object(let pairs)? = c["environ"] { for (k, v) in pairs { environment[k] = v.string } }
      let script = """
        import os, random
        import numpy as np
        import \(module)
        import \(module == "accelerate" ? "accelerate.utils" : module == "lightning" ? "lightning.pytorch" : module)
        result = \(call)
        print(repr(result))
        print(os.environ.get("PL_GLOBAL_SEED"))
        print(os.environ.get("PL_SEED_WORKERS"))
        print(random.random())
        print(random.random())
        print(float(np.random.random()))
        print(float(np.random.random()))

        """
      let path = folder.appendingPathComponent("seeder\(index).py").path
      try script.write(toFile: path, atomically: true, encoding: .utf8)
      let result = try RNGDiffBinary.run(["run", path, "-o", path + ".trace", "--force"], environment: environment)
      if let error = c["error"]?.string {
        #expect(result.status == 2, "\(call): \(result.standardOutput)")
        #expect(result.standardError.contains("\(error): \(c["message"]?.string ?? "")"), "\(call): \(result.standardError)")
        continue
      }
      #expect(result.status == 0, "\(call): \(result.standardError)")
      let returns = c["returns"]?.number ?? "None"
      let env = c["env"]
      let expected = [returns, env?["PL_GLOBAL_SEED"]?.string ?? "None", env?["PL_SEED_WORKERS"]?.string ?? "None"]
        + (c["random"]?.array ?? []).compactMap(\.number) + (c["numpy"]?.array ?? []).compactMap(\.number)
      #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected, "\(call)")
    }
  }
}
