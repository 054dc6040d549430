import Foundation
import RNGEngine
import TestSupport
import Testing

/// The layer training scripts (fixtures/scripts/keras/cnn_fit.py, embedding_fit.py,
/// normalization_fit.py and their `_jax` twins) with every number printed in full, against
/// what the real Keras 3.15.1 printed on TensorFlow 2.21.0 and JAX 0.10.2
/// (fixtures/reference/keras-fit/layer-fits-full.json, from generate_layer_fits.py).
///
/// The rounded runs of the same scripts are compared character for character in
/// `RunCommandTests`; here every loss, weight after training (BatchNormalization's moving
/// statistics included), `evaluate` and `predict` value must lie within the tolerance
/// docs/scripts.md documents for these layers: `|engine − Keras| ≤ 1e-5 · |Keras| + 2e-6`.
@Suite struct KerasLayerFitGoldenTests {
  static let scripts = ["cnn_fit", "embedding_fit", "normalization_fit"].flatMap { [$0 + ".py", $0 + "_jax.py"] }
  static let relativeTolerance = 1e-5
  static let absoluteTolerance = 2e-6

  static func golden() throws -> ExactJSON {
    try ExactJSON.parse(String(contentsOf: Fixtures.url("reference/keras-fit/layer-fits-full.json"), encoding: .utf8))
  }

  @Test func theGoldenHasEveryScriptFromTheReferenceVersions() throws {
    let golden = try Self.golden()
    for name in Self.scripts { #expect(golden["stdout"]?[name]?.string?.isEmpty == false, "\(name)") }
    #expect(golden["versions"]?["keras"]?.string == "3.15.1")
    #expect(golden["versions"]?["tensorflow"]?.string == "2.21.0")
    #expect(golden["versions"]?["jax"]?.string == "0.10.2")
  }

  @Test(arguments: scripts)
  func everyNumberAgreesWithKeras(_ name: String) throws {
    let want = try #require(try Self.golden()["stdout"]?[name]?.string)
    let script = Fixtures.url("scripts/keras").appendingPathComponent(name)
    let printed = PrintedLines()
    _ = try ScriptRun.run(
      ScriptRun.Options(path: script.path, text: String(contentsOf: script, encoding: .utf8), arguments: ["full"])
    ) { printed.append($0) }
    let gotLines = printed.text.split(separator: "\n"), wantLines = want.split(separator: "\n")
    #expect(gotLines.count == wantLines.count)
    var compared = 0
    for (got, want) in zip(gotLines, wantLines) {
      let a = Self.tokens(got), b = Self.tokens(want)
      #expect(a.words == b.words && a.numbers.count == b.numbers.count, "\(got) vs \(want)")
      for (x, y) in zip(a.numbers, b.numbers) {
        compared += 1
        let allowed = Self.relativeTolerance * abs(y) + Self.absoluteTolerance
        #expect(abs(x - y) <= allowed, "\(x) (engine) against \(y) (Keras) in \(want.prefix(60))")
      }
    }
    #expect(compared >= 20, "the script printed too few numbers to compare")
  }

  /// A printed line's numbers (Python float reprs: `0.5`, `-3e-05`, `1.0`) and its other words
  /// (`evaluate:`), split at spaces, commas and brackets.
  static func tokens(_ line: Substring) -> (numbers: [Double], words: [String]) {
    var numbers: [Double] = [], words: [String] = []
    for token in line.split(whereSeparator: { " ,[]()".contains($0) }) {
      if let value = Double(token) { numbers.append(value) } else { words.append(String(token)) }
    }
    return (numbers, words)
  }
}
