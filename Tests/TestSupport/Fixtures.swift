import Foundation

/// Locates the repository's `fixtures/` folder from a test source file.
public enum Fixtures {
  /// The repository root, found by walking up from `file` to the folder holding Package.swift.
  public static func repositoryRoot(file: StaticString = #filePath) -> URL {
    var url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
      url.deleteLastPathComponent()
    }
    fatalError("Package.swift not found above \(file)")
  }

  /// `fixtures/<relative>` in the repository.
  public static func url(_ relative: String, file: StaticString = #filePath) -> URL {
    repositoryRoot(file: file).appendingPathComponent("fixtures").appendingPathComponent(relative)
  }
}

extension Fixtures {
  /// Every golden JSON Lines file under fixtures/reference, sorted.
  public static func goldenFiles(file: StaticString = #filePath) -> [String] {
    let root = url("reference", file: file).path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [String] = []
    while let item = walker.nextObject() as? String {
      if item.hasSuffix(".jsonl") { out.append(root + "/" + item) }
    }
    return out.sorted()
  }
}
