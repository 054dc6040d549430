import Foundation
import RNGDiffer
import TestSupport
import Testing

/// Distributed runs: `rngdiff record` under a launcher's `RANK` writes one
/// trace per rank, and `rngdiff DIR_A DIR_B` diffs two runs rank by rank —
/// with traces recorded from real CPython processes (the recorder's pinned
/// test environment, ``RecorderVenv``).
@Suite(.serialized) struct RankDiffCommandTests {
  /// Each rank seeds from its rank and draws three numbers; with EXTRA=1, rank 1 draws once more.
  static let script = """
    import os
    import random

    rank = int(os.environ["RANK"])
    random.seed(1234 + rank)
    values = [random.random() for _ in range(3)]
    if os.environ.get("EXTRA") == "1" and rank == 1:
        random.random()
    print(rank, values[0])

    """

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-ranks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Records `train.py` once per rank of a 2-process run into `folder/run.rank<N>.trace`.
  static func recordRun(_ root: URL, into folder: String, extra: Bool = false) throws {
    let python = try RecorderVenv.python()
    let script = root.appendingPathComponent("train.py")
    if !FileManager.default.fileExists(atPath: script.path) {
      try Self.script.write(to: script, atomically: true, encoding: .utf8)
    }
    let out = root.appendingPathComponent(folder)
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    for rank in 0..<2 {
      let recorded = try RNGDiffBinary.run(
        ["record", "--python", python.path, script.path, "-o", out.appendingPathComponent("run.trace").path],
        environment: ["RANK": "\(rank)", "WORLD_SIZE": "2", "EXTRA": extra ? "1" : "0", "PYTHONHASHSEED": "0"])
      #expect(recorded.status == 0, "\(recorded.standardError)")
      #expect(recorded.standardOutput.hasPrefix("\(rank) 0."), "\(recorded.standardOutput)")
    }
  }

  @Test func eachRankWritesItsOwnTraceWithRankAndWorldSizeInItsHeader() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.recordRun(root, into: "a")
    let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("a").path).sorted()
    #expect(files == ["run.rank0.trace", "run.rank1.trace"])
    for rank in 0..<2 {
      let header = try String(contentsOf: root.appendingPathComponent("a/run.rank\(rank).trace"), encoding: .utf8).prefix { $0 != "\n" }
      #expect(header.contains("\"RANK\":\"\(rank)\""), "\(header)")
      #expect(header.contains("\"WORLD_SIZE\":\"2\""), "\(header)")
    }
    // The rank's trace exists: never overwritten without --force, and the sentence names it.
    let again = try RNGDiffBinary.run(
      ["record", "--python", try RecorderVenv.python().path, root.appendingPathComponent("train.py").path,
       "-o", root.appendingPathComponent("a/run.trace").path],
      environment: ["RANK": "1", "WORLD_SIZE": "2"])
    #expect(again.status == 2)
    #expect(again.standardError == "rngdiff: '\(root.path)/a/run.rank1.trace' exists; rngdiff record does not overwrite it without --force (or give -o another path) (see 'rngdiff record --help')\n")
  }

  @Test func aRankThatIsNotANumberIsOneSentence() throws {
    let result = try RNGDiffBinary.run(
      ["record", Fixtures.url("scripts/language/basics.py").path, "-o", "/nonexistent/t.trace"], environment: ["RANK": "first"])
    #expect(result.status == 2)
    #expect(result.standardError == "rngdiff: RANK is 'first' in the environment; expected the process's rank, a whole number 0 or more, as torchrun and srun set it (see 'rngdiff record --help')\n")
  }

  @Test func twoRunsThatDifferOnRankOneAreReportedRankByRank() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.recordRun(root, into: "a")
    try Self.recordRun(root, into: "b", extra: true)
    let a = root.appendingPathComponent("a").path, b = root.appendingPathComponent("b").path
    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 1, "\(diff.standardError)")
    let lines = diff.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.count > 6)
    #expect(lines[0] == "--- \(a)  2 ranks")
    #expect(lines[1] == "+++ \(b)  2 ranks")
    #expect(lines[2].hasPrefix("rank 0  identical  "), "\(lines[2])")
    #expect(lines[3].hasPrefix("rank 1  different  extra-draw at \(b)/run.rank1.trace:"), "\(lines[3])")
    #expect(lines[4] == "first diverged rank: 1 (the lowest-numbered rank that differs)")
    // Then rank 1's report, exactly as the two-trace diff prints it.
    let pair = try RNGDiffBinary.run(["\(a)/run.rank1.trace", "\(b)/run.rank1.trace"])
    #expect(pair.status == 1)
    #expect(lines[5] == "")
    #expect(lines[6...].joined(separator: "\n") == pair.standardOutput)

    let json = try RNGDiffBinary.run([a, b, "--json"])
    #expect(json.status == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    #expect(object["format"] as? String == "rngdiff-rank-report")
    #expect(object["verdict"] as? String == "different")
    #expect(object["first_diverged_rank"] as? Int == 1)
    let ranks = try #require(object["ranks"] as? [[String: Any]])
    #expect(ranks.map { $0["rank"] as? Int } == [0, 1])
    let reports = ranks.compactMap { $0["report"] as? [String: Any] }
    #expect(reports.map { $0["verdict"] as? String } == ["identical", "different"])
    let firstCause = (reports.last?["diagnoses"] as? [[String: Any]])?.first
    #expect(firstCause?["kind"] as? String == "extra-draw")
  }

  @Test func twoRunsThatAgreeOnEveryRankAreIdentical() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.recordRun(root, into: "a")
    try Self.recordRun(root, into: "b")
    let a = root.appendingPathComponent("a").path, b = root.appendingPathComponent("b").path
    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 0, "\(diff.standardOutput)\(diff.standardError)")
    let lines = diff.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[2].hasPrefix("rank 0  identical  ") && lines[3].hasPrefix("rank 1  identical  "), "\(diff.standardOutput)")
    #expect(lines[4] == "every rank is identical")
    let json = try RNGDiffBinary.run([a, b, "--json"])
    #expect(json.status == 0)
    #expect(json.standardOutput.contains("\"first_diverged_rank\":null"))
  }

  @Test func foldersThatCannotBePairedAreOneSentenceAndExitTwo() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.recordRun(root, into: "a")
    let a = root.appendingPathComponent("a").path
    // A folder of plain traces: no ranks.
    let plain = root.appendingPathComponent("plain")
    try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: "\(a)/run.rank0.trace", toPath: plain.appendingPathComponent("run.trace").path)
    let none = try RNGDiffBinary.run([a, plain.path])
    #expect(none.status == 2)
    #expect(none.standardOutput.isEmpty)
    #expect(none.standardError == "rngdiff: '\(plain.path)' has no rank traces (files named <name>.rank<N>.trace, as 'rngdiff record' writes them under torchrun or any launcher that sets RANK); give two folders of them, or two trace files (see 'rngdiff diff --help')\n")
    // Rank 1 missing from one run, rank 2 extra in it.
    let other = root.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: "\(a)/run.rank0.trace", toPath: other.appendingPathComponent("run.rank0.trace").path)
    try FileManager.default.copyItem(atPath: "\(a)/run.rank1.trace", toPath: other.appendingPathComponent("run.rank2.trace").path)
    let missing = try RNGDiffBinary.run([a, other.path])
    #expect(missing.status == 2)
    #expect(missing.standardError == "rngdiff: the two runs have different ranks: rank 1 only in '\(a)', rank 2 only in '\(other.path)'; each folder needs one trace per rank of the same run size (see 'rngdiff diff --help')\n")
    // A folder against a file.
    let mixed = try RNGDiffBinary.run([a, "\(a)/run.rank0.trace"])
    #expect(mixed.status == 2)
    #expect(mixed.standardError == "rngdiff: '\(a)' is a folder but '\(a)/run.rank0.trace' is not; give two folders of rank traces, or two trace files (see 'rngdiff diff --help')\n")
  }

  @Test func pairingReadsTheRankFromTheName() throws {
    #expect(RankPairing.rank(ofFile: "run.rank0.trace") == 0)
    #expect(RankPairing.rank(ofFile: "train.py.rank12.trace") == 12)
    for name in ["run.trace", "rank1.trace", "run.rank.trace", "run.rank-1.trace", "run.rank1.trace.gz", "run.rank1x.trace",
                 "run.rank99999999999999999999.trace"] {
      #expect(RankPairing.rank(ofFile: name) == nil, "\(name)")
    }
    let twice = #expect(throws: RankPairingError.self) {
      try RankPairing(a: ("A", ["x.rank0.trace", "y.rank0.trace"]), b: ("B", ["x.rank0.trace"]))
    }
    #expect(twice?.description == "'A' has two traces for rank 0 ('x.rank0.trace' and 'y.rank0.trace'); keep one run's traces per folder")
    let pairing = try RankPairing(a: ("A/", ["r.rank1.trace", "notes.txt", "r.rank0.trace"]), b: ("B", ["s.rank0.trace", "s.rank1.trace"]))
    #expect(pairing.pairs == [.init(rank: 0, a: "A/r.rank0.trace", b: "B/s.rank0.trace"), .init(rank: 1, a: "A/r.rank1.trace", b: "B/s.rank1.trace")])
  }
}

/// A real two-process PyTorch CPU run under `torchrun` (gloo), with the
/// recorder's pinned torch (``RecorderVenv/torchPython()``): torchrun starts
/// `rngdiff record` once per process, each writes its rank's trace, and the
/// directory diff names rank 1, which draws once more in run b.
@Suite(.serialized) struct RankDiffTorchrunTests {
  static let script = """
    import os

    import torch
    import torch.distributed as dist

    dist.init_process_group("gloo")
    rank = dist.get_rank()
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    x = torch.randn(8, 4) + rank
    if os.environ.get("EXTRA") == "1" and rank == 1:
        torch.rand(1)
    loss = model(x).sum()
    dist.all_reduce(loss.detach())
    print("rank %d of %d" % (rank, dist.get_world_size()), flush=True)  # one write: the two ranks print at once
    dist.destroy_process_group()

    """

  @Test func torchrunWritesOneTracePerRankAndTheFolderDiffNamesTheRankThatDiverged() throws {
    let python = try RecorderVenv.torchPython()
    let root = try RankDiffCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let script = root.appendingPathComponent("dist.py")
    try Self.script.write(to: script, atomically: true, encoding: .utf8)
    for (folder, extra) in [("a", "0"), ("b", "1")] {
      try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
      let process = Process()
      process.executableURL = python
      process.arguments = [
        "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "--no-python",
        RNGDiffBinary.url.path, "record", "--python", python.path, script.path,
        "-o", root.appendingPathComponent("\(folder)/run.trace").path,
      ]
      process.environment = ProcessInfo.processInfo.environment.merging(["EXTRA": extra, "PYTHONHASHSEED": "0"]) { $1 }
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = pipe
      try process.run()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(output)")
      #expect(output.contains("rank 0 of 2") && output.contains("rank 1 of 2"), "\(output)")
      let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
      #expect(files == ["run.rank0.trace", "run.rank1.trace"])
    }
    let a = root.appendingPathComponent("a").path, b = root.appendingPathComponent("b").path
    let header = try String(contentsOfFile: "\(a)/run.rank1.trace", encoding: .utf8).prefix { $0 != "\n" }
    #expect(header.contains("\"framework\":\"torch\""), "\(header)")
    #expect(header.contains("\"RANK\":\"1\"") && header.contains("\"WORLD_SIZE\":\"2\""), "\(header)")
    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 1, "\(diff.standardOutput)\(diff.standardError)")
    let lines = diff.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count > 4)
    #expect(lines[2].hasPrefix("rank 0  identical  "), "\(diff.standardOutput)")
    #expect(lines[3].hasPrefix("rank 1  different  extra-draw at \(b)/run.rank1.trace:"), "\(diff.standardOutput)")
    #expect(lines[4] == "first diverged rank: 1 (the lowest-numbered rank that differs)")
  }
}
