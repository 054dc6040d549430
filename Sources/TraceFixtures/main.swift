// `swift run TraceFixtures fixtures/traces`: writes every Swift scenario's trace
// pair and README into <folder>/<scenario name>/, and the README of every
// folder whose traces come from the classic scripts (those traces are written
// by the folder's `rngdiff compare … --keep` command, which its README shows).
import Foundation
import RNGScenarios

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let root = arguments.first, !root.hasPrefix("-") else {
  FileHandle.standardError.write(Data("usage: TraceFixtures <folder>   (the repository's fixtures/traces)\n".utf8))
  exit(2)
}
do {
  for scenario in ScenarioCatalog.all {
    let folder = URL(fileURLWithPath: root).appendingPathComponent(scenario.name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for file in try FixtureFiles.make(for: scenario) {
      try Data(file.bytes).write(to: folder.appendingPathComponent(file.name))
    }
    print("\(scenario.name): \(scenario.title)")
  }
  for c in ClassicCatalog.all {
    guard let fixture = c.fixture else { continue }
    let folder = URL(fileURLWithPath: root).appendingPathComponent(fixture)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(FixtureFiles.readme(for: c).utf8).write(to: folder.appendingPathComponent("README.md"))
    print("\(fixture): README (traces from fixtures/scripts/classic/\(c.folderName))")
  }
} catch {
  FileHandle.standardError.write(Data("TraceFixtures: \(error)\n".utf8))
  exit(2)
}
