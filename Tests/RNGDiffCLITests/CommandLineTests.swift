import RNGDiffCLI
import TestSupport
import Testing

/// What a user sees at the command line: help, usage mistakes, exit codes.
@Suite struct CommandLineBehaviour {
  func run(_ arguments: [String]) -> (ExitCode, String, String) {
    let io = TerminalIO.capturing()
    let status = RNGDiffCommand.run(arguments, io: io)
    return (status, io.standardOutputText, io.standardErrorText)
  }

  @Test func helpAndVersion() {
    let (status, out, err) = run(["--help"])
    #expect(status == .success && err.isEmpty)
    #expect(out.contains("USAGE: rngdiff <a.trace> <b.trace>"))
    #expect(run(["--version"]).1.hasPrefix("rngdiff "))
    #expect(run(["sample", "--help"]).1.contains("--seed <seed>"))
  }

  @Test func noArgumentsIsTroubleWithUsage() {
    let (status, out, err) = run([])
    #expect(status == .trouble)
    #expect(out.isEmpty)
    #expect(err.contains("USAGE:"))
  }

  @Test(arguments: [
    (["sample"], "rngdiff: missing <framework>; accepted: numpy, numpy-generator, python, torch, tensorflow, keras, tf-keras, jax (see 'rngdiff sample --help')"),
    (["sample", "numpi", "random()"], "rngdiff: unknown framework 'numpi'; accepted: numpy, numpy-generator, python, torch, tensorflow, keras, tf-keras, jax (see 'rngdiff sample --help')"),
    (["sample", "numpy"], "rngdiff: missing <calls>, e.g. rngdiff sample numpy --seed 0 'random(3)' (see 'rngdiff sample --help')"),
    (["sample", "numpy", "--sed", "0", "random()"], "rngdiff: unknown option '--sed'; accepted: --seed <seed>, --backend <backend>, --config <name>=<value>, --json (see 'rngdiff sample --help')"),
    (["sample", "numpy", "--seed"], "rngdiff: option '--seed' needs a value: --seed <seed> (see 'rngdiff sample --help')"),
    (["sample", "torch", "--backend", "jax", "rand(1)"], "rngdiff: --backend:1:1: --backend applies to keras only; torch has one backend"),
    (["sample", "keras", "--backend", "theano", "x"], "rngdiff: unknown backend 'theano'; accepted: tensorflow, jax (see 'rngdiff sample --help')"),
    (["sample", "jax", "--seed", "0", "uniform(key(0), (2,))"], "rngdiff: jax has no global seed; pass keys explicitly, e.g. 'uniform(key(0), (5,))' (see 'rngdiff sample --help')"),
    (["sample", "numpy", "random(1)", "random(2)"], "rngdiff: expected one <calls> argument after the framework, got 2; quote the calls and separate them with ';' (see 'rngdiff sample --help')"),
  ])
  func usageMistakesGetOneSentenceAndExitTwo(arguments: [String], message: String) {
    let (status, out, err) = run(arguments)
    #expect(status == .trouble)
    #expect(out.isEmpty)
    #expect(err == message + "\n")
  }

  @Test func theBinaryExitsTwoOnTroubleAndPrintsNoStackTrace() throws {
    let result = try RNGDiffBinary.run(["sample", "numpi", "random()"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("rngdiff: unknown framework 'numpi'"))
    #expect(result.standardError.split(separator: "\n").count == 1)
  }
}
