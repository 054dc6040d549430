import Foundation
import RNGDiffer
import RNGScenarios
import RNGTrace
import Testing

/// The committed fixtures are what the scenarios produce today, so they
/// stay valid as the trace format and the emulators evolve.
@Suite("Fixture files")
struct FixtureFilesTests {
  @Test("every scenario regenerates its committed folder byte for byte", arguments: Pairs.names)
  func regenerates(_ name: String) throws {
    let pair = Pairs.named(name)
    let folder = Pairs.root.appendingPathComponent("fixtures/traces/\(name)")
    for file in try FixtureFiles.make(for: pair.scenario) {
      let url = folder.appendingPathComponent(file.name)
      let committed = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
      // Compare without printing megabytes of bytes: say where the files part.
      let firstDifference: Int? = committed.map { old in
        let shared = min(old.count, file.bytes.count)
        return (0..<shared).first { old[$0] != file.bytes[$0] } ?? (old.count == file.bytes.count ? nil : shared)
      } ?? 0
      #expect(
        firstDifference == nil,
        "fixtures/traces/\(name)/\(file.name) is out of date or missing (first difference at byte \(firstDifference ?? 0)); run `swift run TraceFixtures fixtures/traces` and review the diff")
    }
  }

  @Test("every folder under fixtures/traces belongs to a scenario or a classic script case")
  func noStrayFolders() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Pairs.root.appendingPathComponent("fixtures/traces").path)
    let stray = Set(folders).subtracting(FixtureFolders.names)
    #expect(stray.isEmpty, "fixtures/traces has folders no scenario writes: \(stray.sorted()); remove them")
  }

  @Test("recording is deterministic: two recordings give the same bytes", arguments: Pairs.names)
  func deterministic(_ name: String) throws {
    let pair = Pairs.named(name)
    #expect(try pair.scenario.record(.a).bytes == pair.a.bytes)
    #expect(try pair.scenario.record(.b).bytes == pair.b.bytes)
  }

  @Test("every trace reads without findings, except the stream-offset pair's one counter gap", arguments: Pairs.names)
  func readsCleanly(_ name: String) throws {
    let pair = Pairs.named(name)
    for run in [pair.a, pair.b] {
      let summary = try TraceSummary(reading: TraceReader(bytes: run.bytes, name: run.side.traceFile))
      let expected = name == "stream-offset" && run.side == .b ? 1 : 0
      #expect(summary.findingCount == expected, "\(name)/\(run.side.traceFile): \(summary.findings.map(\.message))")
      #expect(summary.header.source?.sha256 == run.program.sha256)
    }
  }

  @Test("every diagnosis kind has a fixture folder of its name")
  func everyKind() {
    for kind in DiagnosisKind.allCases.map(\.rawValue) {
      #expect(FixtureFolders.kind(kind) == kind, "no fixture pair for \(kind)")
    }
  }
}
