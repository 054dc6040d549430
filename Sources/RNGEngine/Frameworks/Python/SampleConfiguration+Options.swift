import PythonSubset

extension SampleConfiguration {
  /// Throws when `--config` names a flag, for frameworks that have none
  /// (NumPy and Python have no configuration that changes their draws).
  ///
  /// - Throws: a ``SourceError`` in `--config`: "numpy has no --config
  ///   flags that change draws; got 'x'".
  func requireNoOptions(for framework: SampleFrameworkName) throws {
    guard let name = options.keys.sorted().first else { return }
    throw SourceError(
      "\(framework.rawValue) has no --config flags that change draws; got '\(name)'",
      at: SourceLocation(line: 1, column: 1), in: "--config")
  }
}
