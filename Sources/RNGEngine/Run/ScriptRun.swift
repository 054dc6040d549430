import RNGRecording
import Foundation
import PythonSubset
import RNGStreams
import RNGTrace
import RNGDigest

/// `rngdiff run SCRIPT`: runs a user's script in the engine and records
/// every random draw it makes into a trace.
///
/// The script runs as `python SCRIPT ARGS` would (`__name__ == "__main__"`,
/// `sys.argv`), printing what it prints; each draw is recorded with its
/// stream, counter and the script line that caused it. A construct outside
/// the subset stops the run before anything runs, with `file:line:col`.
///
/// ```swift
/// let result = try ScriptRun.run(ScriptRun.Options(path: "train.py", text: text)) { print($0, terminator: "") }
/// result.trace    // the trace's bytes (JSON Lines)
/// ```
///
/// Edge cases: the interpreter runs on a thread with a large stack, so deep
/// but legal scripts (CPython's recursion limit of 1000 calls) do not
/// exhaust the process stack; `timeout` stops an endless loop.
public enum ScriptRun {
  public struct Options: Sendable {
    /// The script's path as the user gave it (used in messages and the trace).
    public var path: String
    /// The script's text.
    public var text: String
    /// `sys.argv[1...]`.
    public var arguments: [String]
    /// Keep drawn values in the trace, not only digests.
    public var values: Bool
    /// Seconds after which the run stops; nil for none.
    public var timeout: Double?
    /// The process environment the script sees as `os.environ`.
    public var environment: [String: String]
    /// Seeds the stand-in for operating-system entropy, so streams the
    /// script never seeds start the same in every run (`--entropy-seed N`).
    public var entropySeed: UInt64?
    /// Variables holding Keras models to describe in ``Result/models``
    /// after the script ran (`rngdiff compare --models m1 m2`).
    public var models: [String] = []
    /// `--device gpu`: training's sums run in an order drawn per run, as GPU
    /// atomics add (``ReductionOrder``); nil or `"cpu"`: index order.
    public var device: String?
    /// `--threads N`: training's sums are cut into N blocks, as a thread pool splits them.
    public var threads: Int?
    /// `--profile tf1-keras`: `import tensorflow` is TensorFlow 1.x in graph
    /// mode, its `tf.keras` Keras 2.2.4-tf (docs/frameworks/tf-keras.md).
    public var tf1Keras = false
    /// Seeds the order of the GPU sums (recorded as `rngdiff.reduction_seed`);
    /// nil: derived from ``entropySeed`` when given, else fresh.
    public var reductionSeed: UInt64?

    public init(
      path: String, text: String, arguments: [String] = [], values: Bool = false, timeout: Double? = nil,
      environment: [String: String] = [:], entropySeed: UInt64? = nil
    ) {
      self.entropySeed = entropySeed
      self.path = path
      self.text = text
      self.arguments = arguments
      self.values = values
      self.timeout = timeout
      self.environment = environment
    }
  }

  public struct Result: Sendable {
    /// The trace, JSON Lines.
    public var trace: [UInt8]
    /// The models named by ``Options/models``, in that order.
    public var models: [ModelSummary] = []
  }

  /// The environment variables that change results; recorded in the trace's config.
  static let recordedVariables = [
    "PYTHONHASHSEED", "KERAS_BACKEND", "TF_DETERMINISTIC_OPS", "CUDA_VISIBLE_DEVICES", "CUBLAS_WORKSPACE_CONFIG", "XLA_FLAGS",
  ]

  /// Runs the script; `output` receives what it prints.
  public static func run(_ options: Options, output: @escaping @Sendable (String) -> Void) throws(SourceError) -> Result {
    let source = SourceText(name: options.path, text: options.text)
    let program = try Parser.parse(source)
    let hashSecret = try hashSecret(options)
    nonisolated(unsafe) var outcome: Swift.Result<Result, SourceError> = .failure(
      SourceError("the run did not finish", at: SourceLocation(line: 1, column: 1), in: options.path))
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      Entropy.$source.withValue(options.entropySeed.map(EntropySource.init(seed:))) {
        PythonHash.$secret.withValue(hashSecret.secret) {
          ReductionOrder.$current.withValue(reductionOrder(options)) {
            outcome = Swift.Result { () throws(SourceError) -> Result in
              try execute(program, source: source, options, hashSeed: hashSecret.recorded, output: output)
            }
          }
        }
      }
      done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
    return try outcome.get()
  }

  private static func execute(
    _ program: Program, source: SourceText, _ options: Options, hashSeed: String?, output: @escaping (String) -> Void
  ) throws(SourceError) -> Result {
    var config = RunConfig()
    config.pythonHashSeed = options.environment["PYTHONHASHSEED"]
    for name in recordedVariables.dropFirst() {
      if let value = options.environment[name] { config.environment.append(NamedValue(name, value)) }
    }
    if let seed = options.entropySeed { config.environment.append(NamedValue("rngdiff.entropy_seed", String(seed))) }
    config.device = options.device
    if let threads = options.threads { config.threads = [NamedValue("intra_op", String(threads))] }
    let header = RunHeader(
      producer: "rngdiff run", producerVersion: "0.1.0",
      profile: TraceProfile(framework: .python, version: "3.11"), label: options.path,
      source: SourceScript(path: options.path, sha256: SHA256.hex(Array(options.text.utf8))), config: config)
    let recorder = TraceRecorder(writer: TraceWriter(header: header), keepsValues: options.values)
    let modules: ScriptModules
    do {
      modules = try ScriptModules(recorder: recorder, arguments: [options.path] + options.arguments, environment: options.environment)
      modules.tf1Keras = options.tf1Keras
    } catch {
      throw SourceError("could not start the engine's Python process: \(error)", at: SourceLocation(line: 1, column: 1), in: options.path)
    }
    let interpreter = Interpreter(source: source, globals: ["__name__": .string("__main__")])
    interpreter.output = output
    interpreter.reportsTopLevelValues = false
    interpreter.importer = { name, range in try modules.module(name, at: range) }
    interpreter.onStatement = { [unowned interpreter] range in
      recorder.source = "\(options.path):\(range.start.line)"
      modules.torch?.noteNames([interpreter.scope.variables, interpreter.globals])
    }
    modules.output = output
    ReductionOrder.current?.environmentDeterminism = { [unowned modules] in modules.environmentDeterminism }
    modules.onStatement = { path, range in recorder.source = "\(path):\(range.start.line)" }
    let folder = (options.path as NSString).deletingLastPathComponent
    modules.scriptFolder = folder
    var deadline: RunDeadline?
    if let timeout = options.timeout {
      interpreter.deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
      interpreter.deadlineDescription = "--timeout \(PythonFloat.repr(timeout).replacingOccurrences(of: ".0", with: ""))s"
      deadline = interpreter.deadline.map { RunDeadline(instant: $0, description: interpreter.deadlineDescription) }
    }
    // Notes where the run first iterates a set whose order the string hash decides.
    let witness = PythonHash.OrderWitness { recorder.source }
    var failure: SourceError?
    PythonHash.$witness.withValue(witness) {
      RunDeadline.$current.withValue(deadline) {
        do throws(SourceError) { try interpreter.run(program) } catch { failure = error }
      }
    }
    if let failure { throw failure }
    let models = try models(
      options.models, globals: interpreter.globals, path: options.path, lastLine: options.text.split(separator: "\n", omittingEmptySubsequences: false).count)
    do {
      try recorder.finish()
    } catch {
      throw SourceError("could not write the trace: \(error)", at: SourceLocation(line: 1, column: 1), in: options.path)
    }
    // The header is known only now: the profile follows what the script imported, and the
    // environment what it set in os.environ (KERAS_BACKEND, TF_DETERMINISTIC_OPS, …).
    var final = header
    let (profile, libraries) = modules.profile
    final.profile = profile
    final.config.libraries = libraries
    if let torch = modules.torch {
      final.config.device = "cpu"
      final.config.determinism += torch.determinism
      final.config.threads += torch.threads
    }
    final.config.pythonHashSeed = modules.environmentValue("PYTHONHASHSEED").flatMap { $0 == "random" ? nil : $0 } ?? hashSeed
    final.config.environment = recordedVariables.dropFirst().compactMap { name in
      modules.environmentValue(name).map { NamedValue(name, $0) }
    } + final.config.environment.filter { $0.name == "rngdiff.entropy_seed" }
      + reductionSeedSetting()
      + (witness.first.map { [NamedValue("rngdiff.hash_order", $0)] } ?? [])
    if modules.opDeterminismEnabled {
      final.config.determinism.append(NamedValue("tf.config.experimental.enable_op_determinism", "True"))
    }
    var events = Array(recorder.writer.bytes.drop { $0 != UInt8(ascii: "\n") }.dropFirst())
    // Torch layers draw before the script names them: their paths come from the module tree now.
    if let torch = modules.torch { events = torch.renamed(events, globals: interpreter.globals) }
    return Result(trace: TraceWriter(header: final).bytes + events, models: models)
  }
}
