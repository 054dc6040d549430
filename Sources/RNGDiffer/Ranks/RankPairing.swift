/// Two distributed runs' traces paired rank by rank: the files named
/// `<name>.rank<N>.trace` (as `rngdiff record` writes them under `torchrun`)
/// in one folder against those in the other.
///
/// ```swift
/// let pairing = try RankPairing(
///   a: (folder: "runA", files: ["run.rank0.trace", "run.rank1.trace", "notes.txt"]),
///   b: (folder: "runB", files: ["run.rank1.trace", "run.rank0.trace"]))
/// pairing.pairs.map(\.rank)     // [0, 1]
/// pairing.pairs[1].a            // "runA/run.rank1.trace"
/// RankPairing.rank(ofFile: "train.py.rank12.trace")   // 12
/// RankPairing.rank(ofFile: "run.trace")               // nil
/// ```
///
/// Edge cases: other files are ignored; a folder without rank traces, a rank
/// with two traces in one folder, and ranks only one folder has are each a
/// ``RankPairingError`` whose sentence names the folder and the ranks.
public struct RankPairing: Sendable, Hashable {
  /// One rank's traces: their paths as `folder/file`.
  public struct Pair: Sendable, Hashable {
    public var rank: Int
    public var a: String
    public var b: String

    public init(rank: Int, a: String, b: String) {
      self.rank = rank
      self.a = a
      self.b = b
    }
  }

  /// The pairs, by rank from 0 up.
  public var pairs: [Pair]

  /// Pairs the rank traces among `a.files` with those among `b.files` (names
  /// within each folder, in any order).
  public init(a: (folder: String, files: [String]), b: (folder: String, files: [String])) throws(RankPairingError) {
    let ranksA = try Self.ranks(a.folder, a.files)
    let ranksB = try Self.ranks(b.folder, b.files)
    let onlyA = ranksA.keys.filter { ranksB[$0] == nil }.sorted()
    let onlyB = ranksB.keys.filter { ranksA[$0] == nil }.sorted()
    if !onlyA.isEmpty || !onlyB.isEmpty {
      var missing: [String] = []
      if !onlyA.isEmpty { missing.append("\(Self.list(onlyA)) only in '\(a.folder)'") }
      if !onlyB.isEmpty { missing.append("\(Self.list(onlyB)) only in '\(b.folder)'") }
      throw RankPairingError(
        description: "the two runs have different ranks: \(missing.joined(separator: ", ")); each folder needs one trace per rank of the same run size")
    }
    pairs = ranksA.keys.sorted().map { rank in
      Pair(rank: rank, a: Self.join(a.folder, ranksA[rank] ?? ""), b: Self.join(b.folder, ranksB[rank] ?? ""))
    }
  }

  /// The rank in a trace file's name `<name>.rank<N>.trace`, or nil for any other name.
  public static func rank(ofFile name: String) -> Int? {
    guard name.hasSuffix(".trace") else { return nil }
    let stem = name.dropLast(".trace".count)
    guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
    let part = stem[stem.index(after: dot)...]
    guard part.hasPrefix("rank") else { return nil }
    let digits = part.dropFirst("rank".count)
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(digits)
  }

  private static func ranks(_ folder: String, _ files: [String]) throws(RankPairingError) -> [Int: String] {
    var found: [Int: String] = [:]
    for file in files.sorted() {
      guard let rank = rank(ofFile: file) else { continue }
      if let other = found[rank] {
        throw RankPairingError(
          description: "'\(folder)' has two traces for rank \(rank) ('\(other)' and '\(file)'); keep one run's traces per folder")
      }
      found[rank] = file
    }
    if found.isEmpty {
      throw RankPairingError(
        description: "'\(folder)' has no rank traces (files named <name>.rank<N>.trace, as 'rngdiff record' writes them under torchrun or any launcher that sets RANK); give two folders of them, or two trace files")
    }
    return found
  }

  private static func list(_ ranks: [Int]) -> String {
    (ranks.count == 1 ? "rank " : "ranks ") + ranks.map(String.init).joined(separator: ", ")
  }

  private static func join(_ folder: String, _ file: String) -> String {
    folder.hasSuffix("/") ? folder + file : folder + "/" + file
  }
}

/// Why two folders' traces cannot be paired by rank: one sentence.
public struct RankPairingError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String
}
