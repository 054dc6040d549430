// `swift run TraceFixtures fixtures/traces`: writes every scenario's trace
// pair and README into <folder>/<scenario name>/.
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
} catch {
  FileHandle.standardError.write(Data("TraceFixtures: \(error)\n".utf8))
  exit(2)
}
