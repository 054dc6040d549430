import Foundation
import RNGScenarios
import RNGTrace
import Testing
import TestSupport

/// The Swift scenarios drive the emulators the way the programs drive the
/// real frameworks: the initial weights in their fixture traces have the
/// digests that torch and JAX themselves give for the same statements
/// (Goldens/generate_scenario_goldens.py; library versions in the file).
/// TensorFlow 1.x (op-seed-derivation) cannot be installed here, so it is not
/// checked. The Keras, tf-keras and NumPy reports are real scripts now,
/// checked against the real libraries by ClassicScriptTests.
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

  @Test("the golden file covers the PyTorch and JAX scenario sides")
  func loaded() {
    #expect(Self.goldens.count >= 5)
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
