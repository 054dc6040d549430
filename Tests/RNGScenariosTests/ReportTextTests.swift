import Foundation
import RNGDiffer
import Testing

/// Golden tests of the text report of every fixture pair. The expected texts
/// in Expected/ were written once from reviewed output; a change to the
/// report, a scenario or an emulator shows up here. To accept a reviewed
/// change: `RNGDIFF_UPDATE_EXPECTED=1 swift test --filter RNGScenariosTests`,
/// then read the diff of Tests/RNGScenariosTests/Expected/.
@Suite("Text reports of the fixture pairs")
struct ReportTextTests {
  @Test("the text report matches Expected/<name>.txt", arguments: FixtureFolders.names)
  func text(_ name: String) throws {
    let text = try FixtureFolders.diff(name).text()
    let expected = try expectedText("\(name).txt", actual: text)
    #expect(
      text == expected,
      "the report of fixtures/traces/\(name) changed; if the change is intended, run RNGDIFF_UPDATE_EXPECTED=1 swift test --filter RNGScenariosTests and review Tests/RNGScenariosTests/Expected/\(name).txt:\n\(text)")
  }
}
