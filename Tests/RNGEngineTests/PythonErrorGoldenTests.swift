import Foundation
import RNGEngine
import TestSupport
import Testing

/// The calls CPython itself refuses (fixtures/reference/python/python_errors-3.X.jsonl,
/// written by generate_python_module.py under each release) are refused by
/// `rngdiff sample python --config python_version=3.X` too: one sentence at
/// the call's place (`<calls>:LINE:COL:`) that carries CPython's message.
@Suite struct PythonErrorGoldenTests {
  static let files = Fixtures.goldenFiles().filter { $0.contains("/python/python_errors-") }

  @Test func everyReleaseHasItsErrorFile() {
    #expect(Self.files.count == 5)
  }

  @Test(arguments: files)
  func cpythonsRefusalsAreRefusedWithTheSameMessage(path: String) throws {
    let golden = try GoldenFile.load(path)
    #expect(golden.header["format"]?.string == "python-errors")
    #expect(!golden.cases.isEmpty)
    for goldenCase in golden.cases {
      let calls = GoldenFile.calls(goldenCase)
      let version = try #require(goldenCase["config"]?["python_version"]?.string)
      let seed = GoldenSampleCases.seedText(goldenCase["seed"] ?? .null)
      var message = try #require(goldenCase["error"]?["message"]?.string)
      // CPython 3.10+ names methods by their class in TypeErrors ("Random.expovariate() missing ...").
      if message.hasPrefix("Random.") { message.removeFirst("Random.".count) }
      let failure = SampleRun.failure(
        .python, seed: seed, calls.joined(separator: "; "), options: ["python_version": version])
      let context = "\(URL(fileURLWithPath: path).lastPathComponent): \(calls.joined(separator: "; "))"
      #expect(failure.hasPrefix("<calls>:"), "\(context): \(failure)")
      #expect(failure.contains(": " + message), "\(context): got \(failure), CPython says \(message)")
      #expect(!failure.contains("\n"), "\(context): one sentence")
    }
  }
}
