import Foundation
import PythonSubset
import RNGDiffer
import RNGEngine
import RNGTrace

/// `rngdiff compare A.py B.py` and `rngdiff compare A.py --runs 2`: runs
/// scripts in the engine under the same conditions, diffs their traces and
/// prints the differ's report (docs/compare.md).
///
/// ```
/// rngdiff compare sequential.py functional.py          // two scripts
/// rngdiff compare train.py --runs 2                    // one script, run twice
/// ```
///
/// Exit status as the differ's: 0 identical, 1 different, 2 trouble (a
/// script that stops, bad arguments).
enum CompareCommand {
  static let options = CommandOptions(
    flags: ["--json", "--all", "--force", "--show-output", "--values"],
    valued: [
      ("--runs", "<n>"), ("--keep", "<dir>"), ("--html", "<file>"), ("--color", "<when>"),
      ("--profile", "<profile>"), ("--timeout", "<seconds>"), ("--entropy-seed", "<n>"),
      ("--device", "<device>"), ("--threads", "<n>"),
    ],
    positionals: ["a.py", "b.py"], command: "compare")

  static let help = """
    OVERVIEW: Run two Python scripts (or one script twice) in rngdiff's engine and report where
    their random draws first diverge, why, and how to fix it.

    Both runs happen in this process under identical conditions: the same environment, the
    same profile, the same stand-in for operating-system entropy and the same string-hash
    secret. With --runs 2 the one script runs twice as a user re-running it would: each run
    gets its own entropy for the streams it never seeds and, unless PYTHONHASHSEED is set, its
    own string-hash secret.

    USAGE: rngdiff compare <a.py> <b.py> [options] [-- <args>...]
           rngdiff compare <a.py> --runs 2 [options] [-- <args>...]
           rngdiff compare <script.py> --models <m1> <m2> [options] [-- <args>...]
           rngdiff <a.py> <b.py>           (the same as 'rngdiff compare <a.py> <b.py>')

    ARGUMENTS:
      <a.py>, <b.py>          The scripts.
      <args>                  Arguments every run gets as sys.argv[1:], after '--'.

    OPTIONS:
      --runs <n>              Run <a.py> twice (the only count accepted is 2) and compare the runs.
      --models <m1> <m2>      Run one script and compare the two Keras models left in the variables
                              <m1> and <m2>, layer by layer by position: structure, the draws each
                              layer took (default seeds, initializers), initial weights.
      --keep <dir>            Also write the traces as <dir>/a.trace and <dir>/b.trace.
      --force                 Overwrite existing --keep traces or --html page.
      --show-output           Show what the scripts print, on standard error, each line
                              prefixed 'a| ' or 'b| ' (hidden by default).
      --json                  The report as one JSON object (docs/diff-report.md).
      --all                   List every divergence, not only the first cause and its effects.
      --html <file>           Also write the report as one HTML page.
      --color <when>          auto (default), always or never.
      --profile <profile>     keras3-tensorflow, keras3-jax, tf-keras or tf1-keras, for both
                              runs (as 'rngdiff run').
      --values                Keep every drawn value in the traces, not only digests (the report
                              then shows how far the values differ).
      --timeout <seconds>     Stop a run after this long, exit 2.
      --entropy-seed <n>      Seed the stand-in for OS entropy: both scripts get the same
                              entropy from it; with --runs 2 each run gets its own, derived
                              from <n>, the same every time the command is repeated.
      --device <device>       cpu (default) or gpu, for both runs (as 'rngdiff run'): with gpu each
                              run adds training's float32 sums in its own drawn order, as GPU
                              atomics do, so the report shows numeric-nondeterminism unless the
                              scripts turn op determinism on.
      --threads <n>           Training's sums cut into n blocks in both runs (as 'rngdiff run').
      -h, --help              Show this help.

    EXAMPLES:
      rngdiff compare sequential.py functional.py
      rngdiff compare train.py --runs 2 --json
      rngdiff compare a.py b.py --keep traces/ -- --epochs 1

    EXIT STATUS:
      0 the runs drew and computed the same, 1 they differ, 2 trouble (a script that stops with
      an error, bad arguments, a file that cannot be written).
    """

  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    // The scripts' own arguments follow the first '--'; '--models' takes two names.
    let split = arguments.firstIndex(of: "--") ?? arguments.endIndex
    var own = Array(arguments[..<split])
    var models: [String]?
    if let m = own.firstIndex(of: "--models") {
      guard m + 2 < own.count, !own[m + 1].hasPrefix("-"), !own[m + 2].hasPrefix("-") else {
        throw UsageError("--models takes two variable names: --models <m1> <m2>", command: "compare")
      }
      models = [own[m + 1], own[m + 2]]
      own.removeSubrange(m...(m + 2))
    }
    let parsed = try ArgumentParser.parse(own, options)
    if parsed.wantsHelp {
      io.write(help + "\n")
      return .success
    }
    if let models { return try compareModels(models, parsed, scriptArguments: Array(arguments[split...].dropFirst()), io: io) }
    let plan = try ComparePlan(parsed, scriptArguments: Array(arguments[split...].dropFirst()))
    let color = try io.useColor(parsed.values["--color"])
    let force = parsed.has("--force")
    let htmlPath = parsed.values["--html"]
    if let htmlPath { try HTMLOutput.check(htmlPath, force: force) }
    if let keep = parsed.values["--keep"] { try KeptTraces.check(keep, force: force) }

    let traces = try plan.runs.enumerated().map { index, run in
      try CompareCommand.execute(
        run, tag: index == 0 ? "a" : "b", plan: plan, values: parsed.has("--values"), showOutput: parsed.has("--show-output"), io: io)
    }
    if let keep = parsed.values["--keep"] { try KeptTraces.write(traces[0], traces[1], to: keep, force: force) }

    var diffOptions = DiffOptions()
    diffOptions.all = parsed.has("--all") || htmlPath != nil
    func reader(_ i: Int) throws -> TraceReader { try TraceReader(bytes: traces[i], name: plan.runs[i].name) }
    var report = try TraceDiffer.diff(a: reader(0), b: reader(1), options: diffOptions)
    if let htmlPath {
      // The scripts just ran are at hand: the page always has their text.
      var htmlOptions = HTMLOptions()
      htmlOptions.scripts.textsA[plan.runs[0].path] = plan.runs[0].text
      htmlOptions.scripts.textsB[plan.runs[1].path] = plan.runs[1].text
      try HTMLOutput.write(try report.html(a: reader(0), b: reader(1), options: htmlOptions), to: htmlPath, force: force)
      if !parsed.has("--all") {
        report.divergences = []
        report.omittedDivergences = 0
      }
    }
    if parsed.has("--json") {
      io.write(report.json() + "\n")
    } else {
      io.write(report.text(TextOptions(color: color, all: parsed.has("--all"))))
    }
    return report.exitStatus == 0 ? .success : .different
  }

  /// `--models m1 m2`: one script, two of its models compared by position.
  static func compareModels(_ names: [String], _ parsed: ParsedArguments, scriptArguments: [String], io: TerminalIO) throws -> ExitCode {
    for option in ["--runs", "--keep", "--html"] where parsed.values[option] != nil {
      throw UsageError("\(option) does not apply to --models (one script, two of its models)", command: "compare")
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(
        "--models compares two models of one script; got \(parsed.positionals.count) scripts: rngdiff compare <script.py> --models <m1> <m2>",
        command: "compare")
    }
    let path = parsed.positionals[0]
    let text = try ComparePlan.read(path)
    let profile = try RunCommand.profile(parsed.values["--profile"], command: "compare")
    var options = ScriptRun.Options(
      path: path, text: text, arguments: scriptArguments,
      timeout: try RunCommand.parseTimeout(parsed.values["--timeout"], command: "compare"),
      environment: profile.environment,
      entropySeed: try RunCommand.parseEntropySeed(parsed.values["--entropy-seed"], command: "compare") ?? UInt64.random(in: .min ... .max))
    options.tf1Keras = profile.tf1Keras
    options.models = names
    (options.device, options.threads) = try RunCommand.device(parsed, command: "compare")
    let output = ScriptOutput(prefix: "| ", show: parsed.has("--show-output"), io: io)
    let result = try ScriptRun.run(options) { output.write($0) }
    output.finish()
    let comparison = try ModelComparison(trace: result.trace, a: result.models[0], b: result.models[1])
    io.write(parsed.has("--json") ? comparison.json() + "\n" : comparison.text())
    return comparison.isIdentical ? .success : .different
  }

  /// Runs one script and returns its trace's bytes.
  static func execute(_ run: ComparePlan.Run, tag: String, plan: ComparePlan, values: Bool, showOutput: Bool, io: TerminalIO) throws -> [UInt8] {
    let output = ScriptOutput(prefix: tag + "| ", show: showOutput, io: io)
    var options = ScriptRun.Options(
      path: run.path, text: run.text, arguments: plan.arguments, values: values, timeout: plan.timeout,
      environment: plan.environment, entropySeed: run.entropySeed)
    options.device = plan.device
    options.threads = plan.threads
    options.tf1Keras = plan.tf1Keras
    options.reductionSeed = run.reductionSeed
    defer { output.finish() }
    return try ScriptRun.run(options) { output.write($0) }.trace
  }

  /// Whether plain `rngdiff A B` names two `.py` files (then it means `compare`).
  static func namesTwoScripts(_ arguments: [String]) -> Bool {
    let words = arguments.prefix { $0 != "--" }.filter { !$0.hasPrefix("-") }
    return words.count >= 2 && words.prefix(2).allSatisfy { $0.hasSuffix(".py") }
  }
}
