import PythonSubset

/// The `--config NAME=VALUE` flags of a TensorFlow-based session, checked
/// against the names the framework accepts.
///
/// ```swift
/// let options = try TensorFlowConfigOptions(["enable_op_determinism": "true"], framework: "tensorflow",
///                                           accepted: ["enable_op_determinism"])
/// options.flag("enable_op_determinism")   // true
/// ```
///
/// Values are `true`/`false`, also spelled `True`/`False`/`1`/`0`. An
/// unknown name or value throws a ``SourceError`` in `--config` that lists
/// what is accepted.
struct TensorFlowConfigOptions {
  private var flags: [String: Bool] = [:]

  init(_ options: [String: String], framework: String, accepted: [String]) throws(SourceError) {
    for (name, text) in options.sorted(by: { $0.key < $1.key }) {
      guard accepted.contains(name) else {
        let list = accepted.isEmpty ? "\(framework) takes no --config options" : "accepted: \(accepted.joined(separator: ", "))"
        throw SourceError("unknown \(framework) config '\(name)'; \(list)", at: .init(line: 1, column: 1), in: "--config")
      }
      switch text {
      case "true", "True", "1": flags[name] = true
      case "false", "False", "0": flags[name] = false
      default:
        throw SourceError(
          "--config \(name) takes true or false (also True, False, 1, 0), got '\(text)'", at: .init(line: 1, column: 1),
          in: "--config")
      }
    }
  }

  /// The flag's value, or nil when not given.
  func flag(_ name: String) -> Bool? { flags[name] }
}
