import RNGTrace

extension DiffReport {
  /// The name a trace's config gives the first place where a set's order
  /// followed the string hash (`rngdiff run` records it).
  static let hashOrderSetting = "rngdiff.hash_order"

  /// Names `PYTHONHASHSEED` as the cause of the first divergence when the
  /// runs hashed strings with different keys and iterated a set of strings:
  /// the set's order, and so which draw came first, followed the hash.
  ///
  /// The first diagnosis becomes `config-mismatch` on `PYTHONHASHSEED`,
  /// keeping what the differ saw (its evidence and effects) in the
  /// explanation; a stream seeded from OS entropy stays `unseeded-stream`.
  ///
  /// ```swift
  /// // train.py run twice with PYTHONHASHSEED unset; `for name in {"enc", "dec"}` builds layers
  /// report.diagnoses[0].kind                       // .configMismatch
  /// report.diagnoses[0].configDifferences[0].name  // "PYTHONHASHSEED"
  /// ```
  func attributingHashOrder() -> DiffReport {
    guard verdict == .different, let first = diagnoses.first, first.kind != .unseededStream,
      let seed = configDifferences.first(where: { $0.name == "PYTHONHASHSEED" })
    else { return self }
    let places = [a.header, b.header].compactMap { header in
      header.config.environment.first { $0.name == Self.hashOrderSetting }?.value
    }
    guard let place = places.first else { return self }
    var report = self
    var cause = first
    cause.kind = .configMismatch
    cause.configDifferences = [seed]
    cause.explanation = "PYTHONHASHSEED differs (a: \(seed.a ?? "unset"), b: \(seed.b ?? "unset")) and the script iterates a set "
      + "of strings (first at \(place)), whose order follows the string hash, so the runs take their steps in another order: "
      + first.explanation
    cause.fix = "Start Python with a fixed hash seed (PYTHONHASHSEED=0 in the environment before Python starts; setting "
      + "os.environ inside the script is too late), or iterate the set in a fixed order (sorted(s))."
    report.diagnoses[0] = cause
    return report
  }
}
