import PythonStreams
import PythonSubset

extension SampleConfiguration {
  /// The CPython release `rngdiff sample python` follows:
  /// `--config python_version=3.X` (3.9 to 3.13, a patch level allowed),
  /// 3.11 when absent.
  ///
  /// ```sh
  /// rngdiff sample python --seed 1 --config python_version=3.12 'binomialvariate(10, 0.5)'
  /// ```
  ///
  /// - Throws: a ``SourceError`` in `--config` for any other flag ("python
  ///   has no configuration 'x'; accepted: python_version=3.9|…|3.13") or a
  ///   release without a profile.
  func pythonVersion() throws -> PythonVersion {
    let accepted = PythonVersion.supported.map(\.description).joined(separator: "|")
    for name in options.keys.sorted() where name != "python_version" {
      throw SourceError(
        "python has no configuration '\(name)'; accepted: python_version=\(accepted)",
        at: SourceLocation(line: 1, column: 1), in: "--config")
    }
    guard let text = options["python_version"] else { return .default }
    guard let version = PythonVersion(text) else {
      throw SourceError(
        "python_version must be one of \(accepted) (the CPython releases rngdiff has a profile for), got '\(text)'",
        at: SourceLocation(line: 1, column: 1), in: "--config")
    }
    return version
  }
}
