import PythonSubset
import RNGEngine

/// `rngdiff sample FRAMEWORK [--seed S] [--backend B] [--json] 'CALL; CALL'`.
enum SampleCommand {
  static let options = CommandOptions(
    flags: ["--json"], valued: [("--seed", "<seed>"), ("--backend", "<backend>"), ("--config", "<name>=<value>")], positionals: ["framework", "calls"],
    command: "sample")

  static let help = """
    OVERVIEW: Print a framework's random draws, exactly as the framework makes them.

    Seeds the framework's global state the way its own seeding call does, then evaluates
    the calls in order on that state and prints every value.

    USAGE: rngdiff sample <framework> [--seed <seed>] [--backend <backend>] [--json] <calls>

    ARGUMENTS:
      <framework>             numpy, numpy-generator, python, torch, tensorflow, keras,
                              tf-keras or jax.
      <calls>                 Calls in the framework's own Python syntax with the module
                              prefix left off, separated by ';'.

    OPTIONS:
      --seed <seed>           The global seed: an int, a list of ints or a quoted string.
                              numpy: np.random.seed(S)     numpy-generator: default_rng(S)
                              python: random.seed(S)       torch: torch.manual_seed(S)
                              tensorflow: tf.random.set_seed(S)
                              keras: keras.utils.set_random_seed(S)
                              tf-keras: tf_keras.utils.set_random_seed(S)
                              jax has no global seed: pass keys, e.g. uniform(key(0), (5,)).
                              Without --seed the framework starts unseeded, as a fresh process.
      --backend <backend>     Keras 3 backend: tensorflow (default) or jax.
      --config <name>=<value> A framework flag that changes values, as the framework's own
                              config call sets it (repeatable), e.g.
                              --config jax_threefry_partitionable=false
                              --config python_version=3.12  (CPython 3.9 to 3.13; default 3.11)
      --json                  One JSON object per output tensor per line:
                              {"call": i, "expr": "...", "dtype": "...", "shape": [...], "values": [...]}
      -h, --help              Show this help.

    EXAMPLES:
      rngdiff sample numpy --seed 0 'random(3); randn(3); randint(0, 2**40, 4)'
      rngdiff sample torch --seed 0 'rand(5); randn(33); nn.Linear(3, 4)'
      rngdiff sample tensorflow --seed 1234 'uniform([3]); uniform([3], seed=7)'
      rngdiff sample keras --backend jax --seed 5 'GlorotUniform(seed=9)((3, 4))'
      rngdiff sample jax 'uniform(key(0), (5,)); split(key(0))'

    Plain output prints one value per line; a float32 prints as the float64 it widens to,
    as Python's float(x) does.
    """

  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    let parsed = try ArgumentParser.parse(arguments, options)
    if parsed.wantsHelp {
      io.write(help + "\n")
      return .success
    }
    guard let frameworkText = parsed.positionals.first else {
      throw UsageError("missing <framework>; accepted: \(frameworkList)", command: "sample")
    }
    guard let framework = SampleFrameworkName(rawValue: frameworkText) else {
      throw UsageError("unknown framework '\(frameworkText)'; accepted: \(frameworkList)", command: "sample")
    }
    guard parsed.positionals.count >= 2 else {
      throw UsageError("missing <calls>, e.g. rngdiff sample \(framework.rawValue) --seed 0 'random(3)'", command: "sample")
    }
    guard parsed.positionals.count == 2 else {
      throw UsageError(
        "expected one <calls> argument after the framework, got \(parsed.positionals.count - 1); quote the calls and separate them with ';'",
        command: "sample")
    }
    var backend: KerasBackend?
    if let text = parsed.values["--backend"] {
      guard let b = KerasBackend(rawValue: text) else {
        throw UsageError("unknown backend '\(text)'; accepted: tensorflow, jax", command: "sample")
      }
      backend = b
    }
    if framework == .jax, parsed.values["--seed"] != nil {
      throw UsageError("jax has no global seed; pass keys explicitly, e.g. 'uniform(key(0), (5,))'", command: "sample")
    }
    var configuration: [String: String] = [:]
    for item in parsed.allValues["--config"] ?? [] {
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        throw UsageError("--config takes name=value, got '\(item)'", command: "sample")
      }
      configuration[String(item[..<eq])] = String(item[item.index(after: eq)...])
    }
    let outputs = try SampleSession.run(
      framework: framework, seed: parsed.values["--seed"], backend: backend, calls: parsed.positionals[1],
      options: configuration)
    var text = ""
    for output in outputs {
      if parsed.has("--json") {
        text += output.jsonLine + "\n"
      } else {
        for line in output.plainLines { text += line + "\n" }
      }
    }
    io.write(text)
    return .success
  }

  static var frameworkList: String { SampleFrameworkName.allCases.map(\.rawValue).joined(separator: ", ") }
}
