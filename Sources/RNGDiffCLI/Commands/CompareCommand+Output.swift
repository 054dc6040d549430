import Foundation

/// What a compared script prints: hidden, or (with `--show-output`) on
/// standard error with each line prefixed by its run's tag, so standard
/// output stays the report (`--json` stays one JSON object).
///
/// ```swift
/// let out = ScriptOutput(prefix: "a| ", show: true, io: io)
/// out.write("loss 0.5\nepoch")   // "a| loss 0.5\n" now; "a| epoch" at finish()
/// ```
final class ScriptOutput: @unchecked Sendable {
  private let prefix: String
  private let show: Bool
  private let io: TerminalIO
  private var pending = ""
  private let lock = NSLock()

  init(prefix: String, show: Bool, io: TerminalIO) {
    self.prefix = prefix
    self.show = show
    self.io = io
  }

  func write(_ text: String) {
    guard show else { return }
    lock.lock()
    defer { lock.unlock() }
    pending += text
    while let newline = pending.firstIndex(of: "\n") {
      io.writeError(prefix + pending[...newline])
      pending = String(pending[pending.index(after: newline)...])
    }
  }

  /// Writes a last line that has no newline.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if show && !pending.isEmpty { io.writeError(prefix + pending + "\n") }
    pending = ""
  }
}

/// `--keep DIR`: the two traces as `DIR/a.trace` and `DIR/b.trace`, never
/// over existing files without `--force`.
enum KeptTraces {
  static func paths(_ folder: String) -> (String, String) {
    ((folder as NSString).appendingPathComponent("a.trace"), (folder as NSString).appendingPathComponent("b.trace"))
  }

  /// Fails before anything runs when the traces could not be written.
  static func check(_ folder: String, force: Bool) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw UsageError("--keep takes a folder, and '\(folder)' is a file", command: "compare")
      }
    }
    let (a, b) = paths(folder)
    for path in [a, b] where FileManager.default.fileExists(atPath: path) && !force {
      throw UsageError("'\(path)' exists; rngdiff compare does not overwrite it without --force (or give --keep another folder)", command: "compare")
    }
  }

  static func write(_ a: [UInt8], _ b: [UInt8], to folder: String, force: Bool) throws {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw UsageError("cannot create the folder '\(folder)' for --keep", command: "compare")
    }
    let (pathA, pathB) = paths(folder)
    for (bytes, path) in [(a, pathA), (b, pathB)] {
      do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: force ? [.atomic] : [.withoutOverwriting])
      } catch {
        throw UsageError("cannot write the trace '\(path)'", command: "compare")
      }
    }
  }
}
