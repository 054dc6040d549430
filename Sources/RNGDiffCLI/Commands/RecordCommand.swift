import Foundation

/// `rngdiff record SCRIPT [--python PY] [-o TRACE] [--values] [--force] [-- ARGS...]`:
/// runs the script in the user's real Python with the recorder (recorder/
/// in the repository, embedded in this binary) and writes its trace.
enum RecordCommand {
  static let options = CommandOptions(
    flags: ["--values", "--force"],
    valued: [("-o", "<trace>"), ("--output", "<trace>"), ("--python", "<interpreter>")],
    positionals: ["script"], command: "record")

  static let help = """
    OVERVIEW: Run a Python script in your own Python and record every random draw it makes.

    The script runs as 'python SCRIPT ARGS' would: its output, exceptions and exit status
    are its own. A recorder (standard-library Python, loaded before the script) writes each
    draw of Python's random and NumPy's np.random with counters read from the generators'
    real state; 'rngdiff a.trace b.trace' diffs the trace against another run's, or against
    'rngdiff run' of the same script. See docs/recording.md.

    USAGE: rngdiff record <script> [--python <interpreter>] [-o <trace>] [--values] [--force] [-- <args>...]

    ARGUMENTS:
      <script>                The Python script.
      <args>                  The script's own arguments (sys.argv[1:]), after '--'.

    OPTIONS:
      --python <interpreter>  The Python to run (default: python3 on PATH), e.g. venv/bin/python.
      -o, --output <trace>    Where to write the trace (default: <script>.trace). Under a
                              launcher that sets RANK (torchrun) or SLURM_PROCID, each
                              process writes <name>.rank<N>.trace instead.
      --values                Keep every drawn value in the trace, not only digests.
      --force                 Overwrite an existing trace file.
      -h, --help              Show this help.

    EXAMPLES:
      rngdiff record train.py
      rngdiff record --python .venv/bin/python train.py -o real.trace -- --epochs 2

    Exit status: 0 when the script ran and the trace was written; the script's own status
    when it failed (1 after an uncaught exception, N after sys.exit(N)), with the trace
    written up to that point; 2 with one sentence when the script or the interpreter
    cannot be found or the trace exists.
    """

  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    let parsed = try ArgumentParser.parse(arguments, options)
    if parsed.wantsHelp {
      io.write(help + "\n")
      return .success
    }
    guard let script = parsed.positionals.first else {
      throw UsageError("missing <script>: the Python script to record", command: "record")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: script, isDirectory: &isDirectory), !isDirectory.boolValue,
      FileManager.default.isReadableFile(atPath: script)
    else {
      let why = isDirectory.boolValue ? "it is a directory" : "no such file"
      throw UsageError("cannot read the script '\(script)': \(why)", command: "record")
    }
    let requestedPath = parsed.values["-o"] ?? parsed.values["--output"] ?? script + ".trace"
    // Under a distributed launcher each process writes its own trace (the recorder
    // derives the same name from the requested one).
    let tracePath = LaunchRank.tracePath(requestedPath, rank: try LaunchRank.rank(in: io.environment))
    if FileManager.default.fileExists(atPath: tracePath) && !parsed.has("--force") {
      throw UsageError(
        "'\(tracePath)' exists; rngdiff record does not overwrite it without --force (or give -o another path)",
        command: "record")
    }
    let folder = (tracePath as NSString).deletingLastPathComponent
    var folderIsDirectory: ObjCBool = false
    if !folder.isEmpty,
      !FileManager.default.fileExists(atPath: folder, isDirectory: &folderIsDirectory) || !folderIsDirectory.boolValue
    {
      throw UsageError("cannot write the trace to '\(tracePath)': no folder '\(folder)'", command: "record")
    }
    let python = try PythonInterpreter.locate(parsed.values["--python"] ?? "python3", path: io.environment["PATH"])
    let install = try RecorderInstall()
    defer { install.remove() }

    var recorderArguments = ["-m", "rngdiff_recorder", "-o", requestedPath, "--force"]
    if parsed.has("--values") { recorderArguments.append("--values") }
    recorderArguments += ["--", script] + parsed.positionals.dropFirst()
    var environment = io.environment
    environment["PYTHONPATH"] = [install.folder.path, environment["PYTHONPATH"]].compactMap { $0 }.filter { !$0.isEmpty }
      .joined(separator: ":")
    let process = Process()
    process.executableURL = python
    process.arguments = recorderArguments
    process.environment = environment
    do {
      try process.run()
    } catch {
      throw UsageError("cannot run the Python interpreter '\(python.path)': \(error.localizedDescription)", command: "record")
    }
    process.waitUntilExit()
    let status = process.terminationStatus
    if process.terminationReason == .uncaughtSignal { return ExitCode(rawValue: 128 + status) }
    return ExitCode(rawValue: status)
  }
}
