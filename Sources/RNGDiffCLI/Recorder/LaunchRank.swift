import Foundation

/// The rank a distributed launcher gave this process, and the per-rank trace
/// name `rngdiff record` writes under it (the recorder's `ranks.py` applies
/// the same rule inside Python; `rngdiff record` needs it first, to refuse an
/// existing trace before the script runs).
///
/// ```swift
/// try LaunchRank.rank(in: ["RANK": "1", "WORLD_SIZE": "2"])   // 1
/// LaunchRank.tracePath("out/run.trace", rank: 1)              // "out/run.rank1.trace"
/// LaunchRank.tracePath("run.jsonl", rank: 0)                  // "run.jsonl.rank0"
/// LaunchRank.tracePath("run.trace", rank: nil)                // "run.trace"
/// ```
///
/// Edge cases: `RANK` wins over `SLURM_PROCID` (under `srun` with `torchrun`
/// the latter numbers nodes); a value that is not a whole number 0 or more
/// is a ``UsageError``; no variable means a single process.
enum LaunchRank {
  /// The launchers' variables, in the order they are asked.
  static let variables = ["RANK", "SLURM_PROCID"]

  static func rank(in environment: [String: String]) throws -> Int? {
    for name in variables {
      guard let value = environment[name] else { continue }
      let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let rank = Int(text) else {
        throw UsageError(
          "\(name) is '\(value)' in the environment; expected the process's rank, a whole number 0 or more, as torchrun and srun set it",
          command: "record")
      }
      return rank
    }
    return nil
  }

  /// `path` with `.rank<rank>` before its `.trace` suffix, or at its end without one.
  static func tracePath(_ path: String, rank: Int?) -> String {
    guard let rank else { return path }
    let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    let name = path[slash...]
    if name.hasSuffix(".trace") && name.count > ".trace".count {
      return String(path.dropLast(".trace".count)) + ".rank\(rank).trace"
    }
    return path + ".rank\(rank)"
  }
}
