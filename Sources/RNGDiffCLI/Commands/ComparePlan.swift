import Foundation
import PythonSubset
import RNGEngine

/// What `rngdiff compare` runs: two scripts, or one script twice, with the
/// conditions every run shares and the entropy each run gets.
///
/// ```swift
/// let plan = try ComparePlan(parsed, scriptArguments: [])
/// plan.runs.map(\.path)        // ["a.py", "b.py"], or ["a.py", "a.py"] with --runs 2
/// ```
///
/// Edge cases: a missing or unreadable file, a file that is not `.py`, a
/// count other than 2 for `--runs`, or `--runs` with two scripts is a usage
/// error (one sentence, exit 2).
struct ComparePlan {
  struct Run {
    /// The script's path as given.
    var path: String
    /// The script's text.
    var text: String
    /// How the report names the run's trace (`a.trace`, `b.trace`: the
    /// names `--keep` writes; with `--runs 2`, a is run 1).
    var name: String
    /// Seeds the stand-in for OS entropy (and the string-hash secret when
    /// PYTHONHASHSEED is unset) of this run.
    var entropySeed: UInt64
    /// Seeds the order of this run's GPU sums (`--device gpu`): distinct per
    /// run even when both scripts share their entropy, as two processes on a
    /// GPU do not share the order their atomic adds land in.
    var reductionSeed: UInt64
  }

  var runs: [Run]
  var arguments: [String]
  var environment: [String: String]
  /// `--profile tf1-keras`, for every run.
  var tf1Keras: Bool
  var timeout: Double?
  /// `--device` and `--threads`, for every run.
  var device: String?
  var threads: Int?

  init(_ parsed: ParsedArguments, scriptArguments: [String]) throws {
    let command = "compare"
    timeout = try RunCommand.parseTimeout(parsed.values["--timeout"], command: command)
    let givenSeed = try RunCommand.parseEntropySeed(parsed.values["--entropy-seed"], command: command)
    (environment, tf1Keras) = try RunCommand.profile(parsed.values["--profile"], command: command)
    arguments = scriptArguments
    (device, threads) = try RunCommand.device(parsed, command: command)
    // One base for the whole command: from --entropy-seed, else fresh.
    let base = givenSeed ?? UInt64.random(in: .min ... .max)
    if let count = parsed.values["--runs"] {
      guard count == "2" else {
        throw UsageError("--runs takes 2 (a script run twice), not '\(count)'", command: command)
      }
      guard parsed.positionals.count == 1 else {
        throw UsageError(
          "--runs 2 runs one script twice; got \(parsed.positionals.count) scripts: rngdiff compare <a.py> --runs 2", command: command)
      }
      let path = parsed.positionals[0]
      let text = try Self.read(path)
      runs = (1...2).map { i in
        Run(path: path, text: text, name: i == 1 ? "a.trace" : "b.trace", entropySeed: Self.derive(base, run: UInt64(i)),
            reductionSeed: Self.derive(~base, run: UInt64(i)))
      }
    } else {
      guard parsed.positionals.count == 2 else {
        throw UsageError(
          "expected two scripts to compare, got \(parsed.positionals.count): rngdiff compare <a.py> <b.py> (or <a.py> --runs 2)",
          command: command)
      }
      runs = try zip(parsed.positionals, ["a.trace", "b.trace"]).enumerated().map { i, run in
        Run(path: run.0, text: try Self.read(run.0), name: run.1, entropySeed: base, reductionSeed: Self.derive(~base, run: UInt64(i + 1)))
      }
    }
  }

  /// Run `run`'s entropy seed: distinct per run, a function of `base` only.
  ///
  /// SplitMix64's finaliser of `base + run · golden ratio`, so consecutive
  /// runs get unrelated seeds.
  static func derive(_ base: UInt64, run: UInt64) -> UInt64 {
    var z = base &+ run &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The text of a `.py` script, or one sentence saying why not.
  static func read(_ path: String) throws -> String {
    guard path.hasSuffix(".py") else {
      throw UsageError("'\(path)' is not a Python script; rngdiff compare takes .py files (to diff two traces: rngdiff <a.trace> <b.trace>)", command: "compare")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw UsageError("cannot find the script '\(path)'", command: "compare")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError("cannot read the script '\(path)'", command: "compare")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SourceError("the script is not UTF-8 text", at: SourceLocation(line: 1, column: 1), in: path)
    }
    return text
  }
}
