import RNGTrace

extension DiffEngine {
  /// Settings that differ between two runs by design rather than by the
  /// user's choice: the stand-ins `rngdiff run` records for a run's own
  /// entropy, hash key and GPU sum order (`rngdiff.entropy_seed`,
  /// `rngdiff.hash_order`, `rngdiff.reduction_seed`), and a
  /// `PYTHONHASHSEED` left `random` in both runs. They are listed in the
  /// report's configuration line, but a tensor that differs while only they
  /// differ is numeric nondeterminism, not a configuration mismatch.
  ///
  /// ```swift
  /// DiffEngine.isPerRunSetting(ConfigDifference(name: "environment.rngdiff.reduction_seed", a: "1", b: "2"))   // true
  /// DiffEngine.isPerRunSetting(ConfigDifference(name: "device", a: "cpu", b: "gpu"))                          // false
  /// ```
  static func isPerRunSetting(_ d: ConfigDifference) -> Bool {
    if d.name.hasPrefix("environment.rngdiff.") { return true }
    if d.name == "PYTHONHASHSEED" { return (d.a?.hasPrefix("random") ?? false) && (d.b?.hasPrefix("random") ?? false) }
    return false
  }

  /// The configuration differences that can change what is computed.
  var resultConfigDifferences: [ConfigDifference] { configDifferences.filter { !Self.isPerRunSetting($0) } }

  /// The earliest cause that can have changed what the runs computed, if
  /// any: not one confined to an import-time draw that no later draw
  /// depended on (a library that draws from Python's `random` while it is
  /// imported, before the script seeds it, differs in every run but feeds
  /// no tensor).
  func firstCauseReachingComputation() -> Int? {
    causes.firstIndex { !Self.isImportOnly($0) }
  }

  static func isImportOnly(_ c: Cause) -> Bool {
    c.consumer?.role == "import" && c.effects.isEmpty && c.omittedEffects == 0 && c.hunkSize <= 1
  }

  /// A tensor or metric that differs with no cause that could explain it:
  /// `numeric-nondeterminism` when the configurations agree (but for the
  /// per-run settings), else `config-mismatch`. The cause keeps both headers
  /// (device, threads, determinism switches and versions for its sentences)
  /// and the import-only causes it is not an effect of.
  func arithmeticCause(_ a: Head, _ b: Head, numeric: () -> NumericSummary) throws(TraceError) -> Int {
    let settings = resultConfigDifferences
    let d = try newCause(settings.isEmpty ? .numericNondeterminism : .configMismatch, a: a, b: b, draws: nil)
    guard d >= 0 else { return d }
    if !settings.isEmpty { causes[d].configDifferences = settings }
    causes[d].numeric = numeric()
    causes[d].headers = (A.reader.header, B.reader.header)
    causes[d].unrelatedDraws = causes[..<d].filter(Self.isImportOnly).compactMap { $0.consumer?.description }
    return d
  }
}
