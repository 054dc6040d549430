import Foundation
import RNGScenarios
import Testing
import TestSupport

/// `rngdiff a.trace b.trace --html FILE` with the built binary, on every
/// fixture pair, as a user runs it from the repository root.
@Suite("rngdiff --html on the fixtures")
struct HTMLBinaryTests {
  @Test("every fixture pair: the page is written, the exit status is the text report's, and it is not overwritten twice",
        arguments: FixtureFolders.names)
  func page(_ name: String) throws {
    _ = Pairs.root
    let pathA = "fixtures/traces/\(name)/a.trace", pathB = "fixtures/traces/\(name)/b.trace"
    let kind = FixtureFolders.kind(name)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-html-bin-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("\(name).html").path
    let text = try RNGDiffBinary.run([pathA, pathB])
    let result = try RNGDiffBinary.run([pathA, pathB, "--html", path])
    #expect(result.status == text.status)
    #expect(result.standardOutput == text.standardOutput, "\(name): the text report changed with --html")
    #expect(result.standardError.isEmpty)
    let page = try #require(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) })
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("data-kind=\"\(kind)\"") || text.status == 0, "\(name): no \(kind) section")
    let again = try RNGDiffBinary.run([pathA, pathB, "--html", path])
    #expect(again.status == 2)
    #expect(again.standardOutput.isEmpty)
    #expect(again.standardError.contains("--force"))
    #expect(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } == page)
  }
}
