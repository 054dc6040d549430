import Foundation
import RNGScenarios
import RNGTrace
import Testing
import TestSupport

/// The PyTorch Swift scenarios drive the emulators the way the programs drive
/// the real framework: the initial weights in their fixture traces have the
/// digests that torch itself gives for the same statements, on each CPU
/// kernel (Goldens/generate_scenario_goldens.py; library versions in the
/// file). TensorFlow 1.x (op-seed-derivation) cannot be installed here, so it
/// is not checked. Every other report is a real script pair, checked against
/// the real libraries by ClassicScriptTests.
@Suite("Initial weights against the real libraries")
struct GoldenWeightsTests {
  static let goldens: [(String, [(String, String)])] = {
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Goldens/scenario_goldens.json")
    guard let text = try? String(contentsOf: url, encoding: .utf8), let json = try? ExactJSON.parse(text),
      case .object(let cases)? = json["cases"]
    else { return [] }
    return cases.map { name, tensors in
      guard case .object(let pairs) = tensors else { return (name, []) }
      return (name, pairs.map { ($0.0, $0.1.string ?? "") })
    }
  }()

  @Test("the golden file covers both sides of every PyTorch scenario")
  func loaded() {
    // The header, the trace's first line, names the profile's framework.
    let torch = Pairs.all.filter { $0.a.text.prefix { $0 != "\n" }.contains("\"profile\":{\"framework\":\"torch\"") }.map(\.scenario.name)
    #expect(!torch.isEmpty)
    #expect(Set(Self.goldens.map(\.0)) == Set(torch.flatMap { ["\($0)/a", "\($0)/b"] }))
  }

  @Test("every init tensor named in the goldens has the real library's digest", arguments: Self.goldens.map(\.0))
  func digests(_ key: String) throws {
    let parts = key.split(separator: "/")
    let pair = Pairs.named(String(parts[0]))
    let run = parts[1] == "a" ? pair.a : pair.b
    var recorded: [String: String] = [:]
    let reader = try TraceReader(bytes: run.bytes, name: run.side.traceFile)
    while let event = try reader.next() {
      if case .tensor(let t) = event, t.moment == .initial { recorded[t.name] = t.digest }
    }
    let expected = try #require(Self.goldens.first { $0.0 == key }?.1)
    #expect(!expected.isEmpty)
    for (name, digest) in expected {
      #expect(recorded[name] == digest, "\(key): \(name)")
    }
  }
}
