import Foundation
import RNGDiffer
import RNGTrace
import Testing

/// Golden tests of the text report: the expected text lives in
/// Tests/RNGDifferTests/Expected/ (written once from reviewed output with
/// RNGDIFF_UPDATE_EXPECTED=1; any change to the report shows up here).
@Suite("Report rendering")
struct ReportTests {
  static func extraLayer() -> (TraceBuilder, TraceBuilder) {
    var sb = Script(label: "functional")
    sb.layers.insert(("model/dense_extra", 10), at: 1)
    return (Script(label: "sequential").build(), sb.build())
  }

  @Test("text report: an extra layer (the README example)")
  func extraDraw() throws {
    let (a, b) = Self.extraLayer()
    let text = try diff(a, b).text()
    let golden = try expectMatchesGolden(text, "extra-draw.txt")
    #expect(golden.matches, "report changed:\n\(text)")
  }

  @Test("text report with all: every divergence listed")
  func extraDrawAll() throws {
    let (a, b) = Self.extraLayer()
    var options = DiffOptions()
    options.all = true
    let text = try diff(a, b, options: options).text(TextOptions(all: true))
    let golden = try expectMatchesGolden(text, "extra-draw-all.txt")
    #expect(golden.matches, "report changed:\n\(text)")
  }

  @Test("text report: seed mismatch with a second independent cause")
  func seedMismatch() throws {
    var sb = Script(label: "b")
    sb.seed = 1
    let text = try diff(Script(label: "a").build(), sb.build()).text()
    let golden = try expectMatchesGolden(text, "seed-mismatch.txt")
    #expect(golden.matches, "report changed:\n\(text)")
  }

  @Test("text report: numeric nondeterminism with the assert_close summary")
  func numeric() throws {
    var sb = Script(label: "b")
    sb.perturbWeights = [1, 4]
    let text = try diff(Script(label: "a").build(), sb.build()).text()
    let golden = try expectMatchesGolden(text, "numeric-nondeterminism.txt")
    #expect(golden.matches, "report changed:\n\(text)")
  }

  @Test("text report: stream offset with the reader's finding")
  func streamOffset() throws {
    var sb = Script(label: "b")
    sb.gapBeforeLayer = "model/dense_1"
    let text = try diff(Script(label: "a").build(), sb.build()).text()
    let golden = try expectMatchesGolden(text, "stream-offset.txt")
    #expect(golden.matches, "report changed:\n\(text)")
  }

  @Test("text report: identical runs")
  func identical() throws {
    let text = try diff(Script(label: "a").build(), Script(label: "a").build()).text()
    let golden = try expectMatchesGolden(text, "identical.txt")
    #expect(golden.matches, "report changed:\n\(text)")
  }

  @Test("colour only when asked")
  func colour() throws {
    let (a, b) = Self.extraLayer()
    let report = try diff(a, b)
    #expect(!report.text().contains("\u{1B}["))
    let coloured = report.text(TextOptions(color: true))
    #expect(coloured.contains("\u{1B}[31m--- a.trace\u{1B}[0m"))
    #expect(coloured.contains("\u{1B}[32m+++ b.trace\u{1B}[0m"))
    // Without the escapes, the coloured text is the plain text.
    let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    #expect(stripped == report.text())
  }

  @Test("JSON report: verdict, diagnoses in execution order, each with the documented fields")
  func json() throws {
    var sb = Script(label: "b")
    sb.layers.insert(("model/extra", 10), at: 1)
    sb.unseededMasks = true
    let report = try diff(Script(label: "a").build(), sb.build())
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
    #expect(object["verdict"] as? String == "different")
    #expect(object["exit_status"] as? Int == 1)
    #expect(object["format"] as? String == "rngdiff-report")
    let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
    #expect(diagnoses.map { $0["kind"] as? String } == ["extra-draw", "unseeded-stream"])
    for d in diagnoses {
      for key in ["id", "kind", "consumer", "stream", "a", "b", "explanation", "fix", "effects", "place", "hunk",
                  "accounted_by", "numeric", "config", "effect_events", "omitted_effects"] {
        #expect(d.keys.contains(key), "missing \(key)")
      }
      #expect(!(d["explanation"] as! String).isEmpty && !(d["fix"] as! String).isEmpty)
    }
    let first = diagnoses[0]
    #expect(first["a"] is NSNull)
    let b = try #require(first["b"] as? [String: Any])
    #expect(b["counter"] as? Int == 40 && b["count"] as? Int == 10 && b["line"] as? Int == 6)
    #expect((first["consumer"] as? [String: String])?["path"] == "model/extra/kernel")
    let effects = try #require(first["effects"] as? [[String: Any]])
    #expect(effects.first?["what"] as? String == "model/dense_1/kernel (init)")
    let identical = try diff(Script(label: "a").build(), Script(label: "a").build()).json()
    let io = try #require(try JSONSerialization.jsonObject(with: Data(identical.utf8)) as? [String: Any])
    #expect(io["verdict"] as? String == "identical")
    #expect((io["diagnoses"] as? [Any])?.isEmpty == true)
  }

  @Test("the exit status follows diff(1); reader trouble is 2")
  func exitStatus() throws {
    #expect(Verdict.identical.exitStatus == 0)
    #expect(Verdict.different.exitStatus == 1)
    do {
      _ = try TraceDiffer.diff(a: "/nonexistent/a.trace", b: "/nonexistent/b.trace")
      Issue.record("expected an error")
    } catch {
      #expect(error.exitStatus == 2)
      #expect(error.description == "/nonexistent/a.trace does not exist")
    }
  }
}
