import Foundation

/// The embedded recorder written out to a fresh temporary folder, so
/// `python -m rngdiff_recorder` can run it from any working directory.
///
/// ```swift
/// let install = try RecorderInstall()
/// defer { install.remove() }
/// install.folder.path     // put on PYTHONPATH
/// ```
///
/// Edge cases: each run gets its own folder (two recordings at once never
/// share files); a folder that cannot be written is one sentence naming it.
struct RecorderInstall {
  let folder: URL

  init(files: [(path: String, text: String)] = EmbeddedRecorder.files) throws {
    let base = FileManager.default.temporaryDirectory
    folder = base.appendingPathComponent("rngdiff-recorder-\(UUID().uuidString)")
    do {
      for file in files {
        let url = folder.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: url)
      }
    } catch {
      throw UsageError("cannot write the recorder's files to '\(base.path)' (set TMPDIR to a writable folder)", command: "record")
    }
  }

  /// Deletes the folder.
  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }
}
