import Foundation
import PythonSubset
import RNGEngine

/// `rngdiff run SCRIPT [-o TRACE] [--values] [--timeout S] [--force] [-- ARGS...]`.
enum RunCommand {
  static let options = CommandOptions(
    flags: ["--values", "--force"], valued: [
      ("-o", "<trace>"), ("--output", "<trace>"), ("--timeout", "<seconds>"), ("--entropy-seed", "<n>"),
      ("--profile", "<profile>"), ("--device", "<device>"), ("--threads", "<n>"),
    ],
    positionals: ["script"], command: "run")

  static let help = """
    OVERVIEW: Run a Python script in rngdiff's engine and record every random draw it makes.

    The script runs as 'python SCRIPT ARGS' would, printing what it prints. Each draw is
    recorded with its stream, its counter and the script line that made it; the trace is
    what 'rngdiff a.trace b.trace' diffs. The engine runs a documented subset of Python
    and of each framework (docs/scripts.md); anything else stops with file:line:col.

    USAGE: rngdiff run <script> [-o <trace>] [--profile <profile>] [--values] [--timeout <seconds>]
                       [--entropy-seed <n>] [--device <device>] [--threads <n>] [--force] [-- <args>...]

    ARGUMENTS:
      <script>                The Python script.
      <args>                  The script's own arguments (sys.argv[1:]), after '--'.

    OPTIONS:
      -o, --output <trace>    Where to write the trace (default: <script>.trace).
      --profile <profile>     keras3-tensorflow or keras3-jax: the Keras 3 backend the script
                              starts with, as KERAS_BACKEND in its environment (a script that
                              sets os.environ["KERAS_BACKEND"] itself still wins, as in Python).
                              Without it the environment's KERAS_BACKEND, else tensorflow.
                              tf-keras: TF_USE_LEGACY_KERAS=1, so tf.keras is tf-keras (Keras
                              2); a script that imports tf_keras runs under tf-keras anyway.
                              tf1-keras: tensorflow is TensorFlow 1.x in graph mode and
                              tf.keras its Keras 2.2.4-tf: a seedless op's seed is the
                              graph's op count (the engine's own count; docs/frameworks/tf-keras.md).
      --values                Keep every drawn value in the trace, not only digests.
      --timeout <seconds>     Stop the script after this long (an endless loop), exit 2.
      --entropy-seed <n>      Streams the script never seeds start from operating-system
                              entropy, different in every run (as in Python); with this
                              option they start from a stand-in seeded with n, the same in
                              every run (recorded in the trace's config). With PYTHONHASHSEED
                              unset, the string-hash key (and so the order of a set of
                              strings) also comes from it.
      --device <device>       cpu (default) or gpu: with gpu, training's float32 sums (matmul
                              accumulation, bias gradients, the loss) add their terms in an
                              order drawn per run, as GPU atomics do, so two runs differ in
                              the last bits unless the script turns op determinism on
                              (docs/scripts.md, "Numeric nondeterminism").
      --threads <n>           Training's sums are cut into n blocks, as a pool of n threads
                              splits them: the same n gives the same results, another n
                              differs (recorded in the trace's config as threads.intra_op).
      --force                 Overwrite an existing trace file.
      -h, --help              Show this help.

    EXAMPLES:
      rngdiff run train.py
      rngdiff run train.py -o a.trace -- --epochs 2

    Exit status: 0 when the script ran and the trace was written; 2 with a located message
    when the script uses something outside the subset, raises, or the trace cannot be written.
    """

  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    let parsed = try ArgumentParser.parse(arguments, options)
    if parsed.wantsHelp {
      io.write(help + "\n")
      return .success
    }
    guard let script = parsed.positionals.first else {
      throw UsageError("missing <script>: the Python script to run", command: "run")
    }
    let scriptArguments = Array(parsed.positionals.dropFirst())
    let timeout = try parseTimeout(parsed.values["--timeout"], command: "run")
    let entropySeed = try parseEntropySeed(parsed.values["--entropy-seed"], command: "run")
    let tracePath = parsed.values["-o"] ?? parsed.values["--output"] ?? script + ".trace"
    guard let data = FileManager.default.contents(atPath: script) else {
      throw UsageError("cannot read the script '\(script)'", command: "run")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SourceError("the script is not UTF-8 text", at: SourceLocation(line: 1, column: 1), in: script)
    }
    if FileManager.default.fileExists(atPath: tracePath) && !parsed.has("--force") {
      throw UsageError("'\(tracePath)' exists; rngdiff run does not overwrite it without --force (or give -o another path)", command: "run")
    }
    let profile = try profile(parsed.values["--profile"], command: "run")
    var options = ScriptRun.Options(
      path: script, text: text, arguments: scriptArguments, values: parsed.has("--values"), timeout: timeout,
      environment: profile.environment, entropySeed: entropySeed)
    options.tf1Keras = profile.tf1Keras
    (options.device, options.threads) = try device(parsed, command: "run")
    let result = try ScriptRun.run(options) { io.write($0) }
    guard FileManager.default.createFile(atPath: tracePath, contents: Data(result.trace)) else {
      throw UsageError("cannot write the trace to '\(tracePath)'", command: "run")
    }
    return .success
  }

  /// `--timeout S`: a positive number of seconds.
  static func parseTimeout(_ text: String?, command: String) throws(UsageError) -> Double? {
    guard let text else { return nil }
    guard let t = Double(text), t > 0, t.isFinite else {
      throw UsageError("--timeout takes a positive number of seconds, not '\(text)'", command: command)
    }
    return t
  }

  /// `--device D` (cpu or gpu) and `--threads N` (a positive integer).
  static func device(_ parsed: ParsedArguments, command: String) throws(UsageError) -> (device: String?, threads: Int?) {
    let device = parsed.values["--device"]
    if let device, !ScriptRun.devices.contains(device) {
      throw UsageError("--device takes cpu or gpu, not '\(device)'", command: command)
    }
    guard let text = parsed.values["--threads"] else { return (device, nil) }
    guard let n = Int(text), n >= 1, n <= 4096 else {
      throw UsageError("--threads takes a whole number of threads from 1 to 4096, not '\(text)'", command: command)
    }
    return (device, n)
  }

  /// `--entropy-seed N`: a non-negative integer.
  static func parseEntropySeed(_ text: String?, command: String) throws(UsageError) -> UInt64? {
    guard let text else { return nil }
    guard let n = UInt64(text) else {
      throw UsageError("--entropy-seed takes a non-negative integer, not '\(text)'", command: command)
    }
    return n
  }

  /// What `--profile` sets up: the environment a script starts with (this
  /// process's, with `KERAS_BACKEND`, or for tf-keras `TF_USE_LEGACY_KERAS=1`),
  /// and whether `tensorflow` is TensorFlow 1.x (`tf1-keras`).
  static func profile(_ name: String?, command: String) throws(UsageError) -> (environment: [String: String], tf1Keras: Bool) {
    var environment = ProcessInfo.processInfo.environment
    guard let name else { return (environment, false) }
    switch name {
    case "keras3-tensorflow": environment["KERAS_BACKEND"] = "tensorflow"
    case "keras3-jax": environment["KERAS_BACKEND"] = "jax"
    case "tf-keras": environment["TF_USE_LEGACY_KERAS"] = "1"
    case "tf1-keras": return (environment, true)
    default:
      throw UsageError("unknown profile '\(name)'; accepted: keras3-tensorflow, keras3-jax, tf-keras, tf1-keras", command: command)
    }
    return (environment, false)
  }
}
