import Foundation
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// The distribution samplers report through the observer seam like every
/// other call: one report per call, contiguous counters, and a count equal
/// to the words CPython consumed, measured in the golden files by the
/// generator's position (`getstate()[1][-1]`) printed after each call.
@Suite struct PythonDistributionReportTests {
  static let files = Fixtures.goldenFiles().filter { $0.contains("/python/python_module-") }

  @Test(arguments: files)
  func reportCountsAreTheWordsCPythonConsumed(path: String) throws {
    let golden = try GoldenFile.load(path)
    let counted = golden.cases.filter { GoldenFile.calls($0).dropFirst().first == "getstate()[1][-1]" }
    #expect(counted.count == 2)
    for goldenCase in counted {
      let calls = GoldenFile.calls(goldenCase)
      let version = try #require(goldenCase["config"]?["python_version"]?.string)
      let seed = GoldenSampleCases.seedText(goldenCase["seed"] ?? .null)
      let log = DrawLog()
      _ = try SampleSession.run(
        framework: .python, seed: seed, calls: calls.joined(separator: "; "), options: ["python_version": version],
        observer: log)
      #expect(SampleRun.contiguous(log.draws))
      #expect(log.draws.count == calls.count / 2)
      var position = 624  // right after seeding: the next draw twists
      for (index, draw) in log.draws.enumerated() {
        let call = calls[2 * index]
        let printed = try #require(GoldenFile.outputs(goldenCase, call: 2 * index + 1).first)
        let after = try #require(Int(GoldenFile.values(printed)[0]))
        let consumed = (after - position % 624 + 624) % 624
        position = after
        #expect(draw.count == UInt64(consumed), "\(call): reported \(draw.count) words, CPython consumed \(consumed)")
        #expect(call.hasPrefix(draw.operation + "("), "\(call) reported as \(draw.operation)")
        let value = try #require(GoldenFile.outputs(goldenCase, call: 2 * index).first)
        #expect(draw.values.map(Self.texts) == GoldenFile.values(value), "\(call)")
      }
    }
  }

  static func texts(_ values: DrawnValues) -> [String] {
    switch values {
    case .float64(let v): return v.map { PythonFloat.repr($0) }
    case .int64(let v): return v.map { "\($0)" }
    default: return []
    }
  }
}
