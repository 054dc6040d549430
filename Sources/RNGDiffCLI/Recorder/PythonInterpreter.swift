import Foundation

/// Finds the Python interpreter `rngdiff record` runs: a path (`./venv/bin/python`)
/// or a name looked up on `PATH` (`python3`, the default), as a shell would.
///
/// ```swift
/// try PythonInterpreter.locate("python3", path: "/usr/bin:/bin")   // /usr/bin/python3
/// ```
///
/// Edge cases: a name not on `PATH`, or a path that is missing or not
/// executable, is one sentence naming what was looked for and where.
enum PythonInterpreter {
  static func locate(_ name: String, path: String?) throws -> URL {
    let manager = FileManager.default
    if name.contains("/") {
      guard manager.isExecutableFile(atPath: name) else {
        throw UsageError("cannot run the Python interpreter '\(name)': \(manager.fileExists(atPath: name) ? "it is not executable" : "no such file")", command: "record")
      }
      return URL(fileURLWithPath: name)
    }
    for folder in (path ?? "").split(separator: ":", omittingEmptySubsequences: true) {
      let candidate = String(folder) + "/" + name
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        manager.isExecutableFile(atPath: candidate)
      {
        return URL(fileURLWithPath: candidate)
      }
    }
    throw UsageError("cannot find the Python interpreter '\(name)' on PATH; install Python 3.9 or later or pass --python <path>", command: "record")
  }
}
