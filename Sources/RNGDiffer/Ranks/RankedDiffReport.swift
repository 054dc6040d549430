import RNGTrace

/// Two distributed runs diffed rank by rank: one ``DiffReport`` per rank and
/// which rank diverged first.
///
/// Processes share no clock the traces record, so "first" cannot mean first
/// in time; it is the lowest-numbered rank that differs. The other ranks'
/// first causes are listed one line each.
///
/// ```swift
/// let pairing = try RankPairing(a: ("runA", filesA), b: ("runB", filesB))
/// let ranked = try RankedDiffReport(pairing: pairing, folders: ("runA", "runB")) { pair in
///   try TraceDiffer.diff(a: TraceReader(path: pair.a), b: TraceReader(path: pair.b))
/// }
/// ranked.firstDivergedRank      // 1, or nil when every rank is identical
/// ranked.exitStatus             // 0 identical, 1 different
/// print(ranked.text())          // a line per rank, then the first diverged rank's report
/// ```
public struct RankedDiffReport: Sendable {
  /// One rank's diff.
  public struct Rank: Sendable {
    public var rank: Int
    public var report: DiffReport
  }

  /// The two runs' folders as named.
  public var folderA: String
  public var folderB: String
  /// Every rank's report, from rank 0 up.
  public var ranks: [Rank]

  /// Diffs each pair with `diff`, in rank order.
  public init(pairing: RankPairing, folders: (a: String, b: String), diff: (RankPairing.Pair) throws -> DiffReport) rethrows {
    folderA = folders.a
    folderB = folders.b
    ranks = try pairing.pairs.map { Rank(rank: $0.rank, report: try diff($0)) }
  }

  /// The lowest-numbered rank whose traces differ, or nil when all are identical.
  public var firstDivergedRank: Int? { ranks.first { $0.report.verdict == .different }?.rank }

  /// Identical when every rank is.
  public var verdict: Verdict { firstDivergedRank == nil ? .identical : .different }

  /// 0 when every rank is identical, 1 otherwise.
  public var exitStatus: Int32 { verdict.exitStatus }

  /// A line per rank, the first diverged rank, then that rank's full report.
  ///
  /// ```text
  /// --- runA  2 ranks
  /// +++ runB  2 ranks
  /// rank 0  identical  12 events compared
  /// rank 1  different  extra-draw at runB/run.rank1.trace:5 (after)
  /// first diverged rank: 1 (the lowest-numbered rank that differs)
  ///
  /// --- runA/run.rank1.trace  …
  /// ```
  public func text(_ options: TextOptions = TextOptions()) -> String {
    var out = "--- \(folderA)  \(ranks.count) rank\(ranks.count == 1 ? "" : "s")\n"
    out += "+++ \(folderB)  \(ranks.count) rank\(ranks.count == 1 ? "" : "s")\n"
    let width = ranks.map { String($0.rank).count }.max() ?? 1
    for rank in ranks {
      let number = String(rank.rank)
      out += "rank " + number + String(repeating: " ", count: width - number.count) + "  " + Self.summary(rank.report) + "\n"
    }
    guard let first = ranks.first(where: { $0.report.verdict == .different }) else {
      out += "every rank is identical\n"
      return out
    }
    out += "first diverged rank: \(first.rank) (the lowest-numbered rank that differs)\n\n"
    out += first.report.text(options)
    return out
  }

  /// The report as one JSON object: the verdict, the first diverged rank and
  /// every rank's report in the two-trace schema (docs/diff-report.md).
  public func json() -> String {
    var j = JSONWriter()
    j.beginObject()
    j.field("format", "rngdiff-rank-report")
    j.field("version", 1)
    j.field("verdict", verdict.rawValue)
    j.field("exit_status", Int(exitStatus))
    j.field("a", folderA)
    j.field("b", folderB)
    j.key("first_diverged_rank")
    if let rank = firstDivergedRank { j.int(rank) } else { j.null() }
    j.objects("ranks", ranks) { j, rank in
      j.field("rank", rank.rank)
      j.key("report")
      j.raw(rank.report.json())
    }
    j.endObject()
    return j.text
  }

  /// One line: the verdict, and for a difference the first cause and where.
  static func summary(_ report: DiffReport) -> String {
    guard report.verdict == .different else {
      return "identical  \(report.matchedEvents) events compared"
    }
    guard let first = report.diagnoses.first else { return "different" }
    let at = [first.a?.location, first.b?.location].compactMap { $0 }.joined(separator: " / ")
    var line = "different  \(first.kind.rawValue) at \(at) (\(first.place))"
    let further = report.diagnoses.count - 1 + report.omittedDiagnoses
    if further > 0 { line += "; \(further) further cause\(further == 1 ? "" : "s")" }
    return line
  }
}
