import Foundation
import TestSupport
import Testing

/// `torch.utils.data` and the one-call seeders in `rngdiff run` with `import torch`:
/// fixtures/scripts/torch-data prints exactly what real torch 2.13.0+cpu (with lightning
/// 2.6.6, transformers 5.25.0, accelerate 1.16.0) printed, and its bad arguments end as
/// PyTorch's did, at the same line (expected.json, written by
/// fixtures/scripts/generate_expected.py torch-data).
@Suite struct TorchDataRunCommandTests {
  static let cases = RunCommandTests.loadCases("torch-data")

  @Test func theGoldenScriptsAreAllThere() throws {
    #expect(Self.cases.filter { $0.exit == 0 }.count >= 2)
    #expect(Self.cases.filter { $0.exit != 0 }.count >= 2)
    let data = try Data(contentsOf: RunCommandTests.scripts.appendingPathComponent("torch-data/expected.json"))
    let versions = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["versions"] as? [String: String]
    #expect(versions?["torch"] == "2.13.0+cpu")
    #expect(versions?["lightning"] == "2.6.6")
  }

  @Test(arguments: cases)
  func printsWhatTorchPrintsAndEndsAsItEnded(_ c: RunCommandTests.Case) throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let (result, script, trace) = try RunCommandTests.runGolden(c, in: out)
    #expect(result.standardOutput == c.stdout)
    if c.exit == 0 {
      #expect(result.status == 0, "\(result.standardError)")
    } else {
      RunCommandTests.expectEndsWithTheException(c, result, script: script, trace: trace)
      #expect(result.standardError.hasPrefix("rngdiff: \(script):\(c.errorLine ?? -1):"), "\(result.standardError)")
    }
  }

  /// The torch half of every seeder golden of torch-data.jsonl: `initial_seed()`,
  /// `are_deterministic_algorithms_enabled()` and the first `rand(2)` after the call.
  @Test func seedersSeedTorchAsTheRealOnesDo() throws {
    let golden = try GoldenFile.load(Fixtures.url("reference/torch/torch-data.jsonl").path)
    let folder = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cases = golden.cases.filter { $0["kind"]?.string == "seeder" && $0["error"] == nil }
    #expect(cases.count >= 10)
    for (index, c) in cases.enumerated() {
      let module = c["module"]?.string ?? ""
      let submodule = module == "accelerate" ? "accelerate.utils" : module == "lightning" ? "lightning.pytorch" : module
      var environment: [String: String] = [:]
      if case .object(let pairs)? = c["environ"] { for (k, v) in pairs { environment[k] = v.string } }
      let script = """
        import torch
        import \(module)
        import \(submodule)
        \(c["call"]?.string ?? "")
        print(torch.initial_seed())
        print(torch.are_deterministic_algorithms_enabled())
        t = torch.rand(2)
        print(t[0].item())
        print(t[1].item())

        """
      let path = folder.appendingPathComponent("seeder\(index).py").path
      try script.write(toFile: path, atomically: true, encoding: .utf8)
      let result = try RNGDiffBinary.run(["run", path, "-o", path + ".trace"], environment: environment)
      #expect(result.status == 0, "\(c["call"]?.string ?? ""): \(result.standardError)")
      let deterministic = c["deterministic"].map { $0 == .bool(true) ? "True" : "False" } ?? "?"
      let expected = [c["torch_initial_seed"]?.number ?? "?", deterministic] + (c["torch"]?.array ?? []).compactMap(\.number)
      #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected, "\(c["call"]?.string ?? "")")
    }
  }
}
