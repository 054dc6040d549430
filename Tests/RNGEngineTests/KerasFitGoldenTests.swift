import Foundation
import RNGEngine
import TestSupport
import Testing

/// Replays every case of fixtures/reference/keras-fit (made by the real Keras 3.15.1 on
/// TensorFlow 2.21.0 and JAX 0.10.2) as a script through `rngdiff run`, and checks:
/// bit for bit, the initial weights, every batch's row indices (from the recorded `shuffle`
/// draws), every step's Dropout keep mask (the recorded `mask` draws), the Dropout
/// SeedGenerator state after each fit, and Python's and NumPy's global state after the
/// script; within the tolerances docs/scripts.md states, the per-epoch losses and weights.
@Suite struct KerasFitGoldenTests {
  /// Largest relative error allowed on an epoch's loss (measured: 1.6e-6 over all cases).
  static let lossTolerance = 1e-5
  /// Largest absolute error allowed on a weight after an epoch (measured: 1.3e-7).
  static let weightTolerance = 1e-6

  struct Case: CustomTestStringConvertible, Sendable {
    let profile: String
    let number: Int
    let json: ExactJSON
    var testDescription: String { "\(profile) case \(number)" }
  }

  static let cases: [Case] = ["keras3-tensorflow", "keras3-jax"].flatMap { profile -> [Case] in
    let url = Fixtures.url("reference/keras-fit/keras-fit-\(profile).jsonl")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().enumerated().compactMap { i, line in
      (try? ExactJSON.parse(String(line))).map { Case(profile: profile, number: i, json: $0) }
    }
  }

  @Test func bothProfilesHaveTheirCases() {
    #expect(Self.cases.filter { $0.profile == "keras3-tensorflow" }.count == 13)
    #expect(Self.cases.filter { $0.profile == "keras3-jax" }.count == 12)
  }

  /// The script a case stands for (generate_keras_fit.py's plain run, without its recording callback).
  static func script(_ c: Case) -> String {
    let spec = c.json["spec"]!
    let model = spec["model"]!
    let compile = spec["compile"]
    var lines = [
      "import os", "os.environ['KERAS_BACKEND'] = '\(c.profile == "keras3-jax" ? "jax" : "tensorflow")'",
      "import random", "import numpy as np", "import keras", "import tensorflow as tf",
    ]
    if let seed = spec["seed"]?.number { lines.append("keras.utils.set_random_seed(\(seed))") }
    if case .object(let seeds)? = spec["seeds"] {
      for (name, value) in seeds {
        let call = ["random": "random.seed", "numpy": "np.random.seed", "tf": "tf.random.set_seed"][name] ?? "?"
        lines.append("\(call)(\(value.number ?? "None"))")
      }
    }
    let x = (c.json["x"]?.array ?? []).map { "[" + ($0.array ?? []).compactMap(\.number).joined(separator: ", ") + "]" }
    let y = (c.json["y"]?.array ?? []).compactMap(\.number).map { "[\($0)]" }
    lines.append("x = np.array([\(x.joined(separator: ", "))], dtype=np.float32)")
    lines.append("y = np.array([\(y.joined(separator: ", "))], dtype=np.float32)")
    let optimizer = compile?["optimizer"]?.string == "adam" ? "Adam" : "SGD"
    let jit = compile?["jit_compile"].map { ", jit_compile=\($0 == .bool(true) ? "True" : "False")" } ?? ""
    lines += [
      "def make_model():",
      "    dense = keras.layers.Dense(\(model["hidden"]!.number!), activation='\(model["activation"]?.string ?? "tanh")')",
      "    drop = keras.layers.Dropout(\(model["rate"]!.number!), seed=\(model["dropout_seed"]?.number ?? "None"))",
      "    m = keras.Sequential([keras.Input((\(spec["d"]!.number!),)), dense, drop, keras.layers.Dense(1)])",
      "    m.compile(optimizer=keras.optimizers.\(optimizer)(learning_rate=\(compile?["lr"]?.number ?? "0.1")), loss='mse'\(jit))",
      "    print('state', np.array(drop.seed_generator.state).tolist())",
      "    return m, drop",
      "model, drop = make_model()",
    ]
    for step in spec["steps"]?.array ?? [] {
      let items = step.array ?? []
      switch items.first?.string {
      case "fit":
        guard case .object(let args)? = items.last else { continue }
        let text = args.map { "\($0.0)=\($0.1 == .bool(true) ? "True" : $0.1 == .bool(false) ? "False" : $0.1.number ?? "None")" }
        lines.append("h = model.fit(x, y, verbose=0, \(text.joined(separator: ", ")))")
        lines.append("print('history', [repr(v) for v in h.history['loss']])")
        lines.append("print('state', np.array(drop.seed_generator.state).tolist())")
      case "set_random_seed": lines.append("keras.utils.set_random_seed(\(items.last?.number ?? "0"))")
      case "clear_session": lines.append("keras.backend.clear_session()")
      case "new_model": lines.append("model, drop = make_model()")
      default: break
      }
    }
    lines.append("print('after', repr(random.random()), repr(float(np.random.random())))")
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: cases)
  func theEngineReplaysTheCase(_ c: Case) throws {
    let printed = PrintedLines()
    let result = try ScriptRun.run(
      ScriptRun.Options(path: "case.py", text: Self.script(c), values: true, entropySeed: 5)) { printed.append($0) }
    let events = String(decoding: result.trace, as: UTF8.self).split(separator: "\n").dropFirst().compactMap {
      try? ExactJSON.parse(String($0))
    }
    let output = printed.text.split(separator: "\n").map(String.init)
    let goldenEvents = c.json["events"]?.array ?? []
    let fits = goldenEvents.filter { $0["event"]?.string == "fit" }

    // Initial weights, bit for bit (float32 values as the trace and the golden write them).
    let initial = events.filter { $0["event"]?.string == "tensor" && $0["moment"]?.string == "init" }.map(Self.floats)
    let goldenInitial = goldenEvents.filter { $0["event"]?.string == "model" }.flatMap { ($0["weights"]?.array ?? []).map(Self.floats) }
    #expect(initial == goldenInitial, "initial weights")

    // Every batch's rows and every step's keep mask.
    let draws = events.filter { $0["event"]?.string == "draw" }
    var orders = draws.filter { $0["role"]?.string == "shuffle" && $0["consumer"]?.string?.hasSuffix("symbolic_build") == false }
      .map { ($0["values"]?.array ?? []).compactMap(\.int) }.makeIterator()
    let masks = draws.filter { $0["role"]?.string == "mask" }.map { ($0["values"]?.array ?? []).map { $0 == .bool(true) ? "1" : "0" }.joined() }
    var batches: [[Int]] = []
    for fit in fits {
      let args = fit["args"]!
      let n = c.json["x"]?.array?.count ?? 0
      let split = Double(args["validation_split"]?.number ?? "0") ?? 0
      let rows = split > 0 ? Int((Double(n) * (1.0 - split)).rounded(.down)) : n
      let size = args["batch_size"]!.int!
      for _ in 0..<(args["epochs"]?.int ?? 1) {
        let order = args["shuffle"] == .bool(true) ? (orders.next() ?? []) : Array(0..<rows)
        batches += stride(from: 0, to: order.count, by: size).map { Array(order[$0..<min($0 + size, order.count)]) }
      }
    }
    let steps = fits.flatMap { $0["steps"]?.array ?? [] }
    #expect(batches == steps.map { ($0["indices"]?.array ?? []).compactMap(\.int) }, "batch rows")
    #expect(masks == steps.map { $0["keep"]?.string ?? "" }, "keep masks")
    #expect(orders.next() == nil, "no shuffle draw left over")

    // The SeedGenerator after each model's construction and each fit.
    let states = output.filter { $0.hasPrefix("state ") }.map { String($0.dropFirst(6)) }
    let goldenStates = goldenEvents.filter { ["model", "fit"].contains($0["event"]?.string) }.map {
      "[" + ($0["dropout_seed_state"]?.array ?? []).compactMap(\.number).joined(separator: ", ") + "]"
    }
    #expect(states == goldenStates, "seed states")

    // Python's and NumPy's global generators after the script.
    let after = output.last?.split(separator: " ").dropFirst().compactMap { Double($0) } ?? []
    let goldenAfter = [c.json["after"]?["python_random"], c.json["after"]?["numpy_random"]].compactMap { $0?.number.flatMap(Double.init) }
    #expect(after == goldenAfter, "global state after the script")

    // Losses and weights: the engine's own float32 arithmetic, within the documented tolerance.
    let losses = output.filter { $0.hasPrefix("history ") }.flatMap { line in
      line.split(separator: "'").compactMap { Double($0) }
    }
    let goldenLosses = fits.flatMap { $0["history"]?["loss"]?.array ?? [] }.compactMap { $0.number.flatMap(Double.init) }
    #expect(losses.count == goldenLosses.count)
    for (got, want) in zip(losses, goldenLosses) {
      #expect(abs(got - want) <= Self.lossTolerance * abs(want), "loss \(got) vs \(want)")
    }
    let epochWeights = events.filter { $0["event"]?.string == "tensor" && $0["moment"]?.string == "epoch" }.map(Self.floats)
    let goldenEpochWeights = fits.flatMap { ($0["epochs"]?.array ?? []).flatMap { ($0["weights"]?.array ?? []).map(Self.floats) } }
    #expect(epochWeights.count == goldenEpochWeights.count)
    for (got, want) in zip(epochWeights, goldenEpochWeights) {
      #expect(got.count == want.count)
      let worst = zip(got, want).map { abs(Double($0) - Double($1)) }.max() ?? 0
      #expect(worst <= Self.weightTolerance, "weight error \(worst)")
    }
  }

  /// fixtures/scripts/keras/fit_options.py with every number in full (each loss, optimizer,
  /// accuracy, validation, evaluate, train_on_batch, predict) against what the real Keras printed
  /// on each backend (fit-options-full.json): the same numbers within the loss tolerance.
  @Test(arguments: ["tensorflow", "jax"])
  func everyLossAndOptimizerAgreesWithKeras(_ backend: String) throws {
    let golden = try ExactJSON.parse(String(contentsOf: Fixtures.url("reference/keras-fit/fit-options-full.json"), encoding: .utf8))
    let want = try #require(golden["stdout"]?[backend]?.string)
    let script = Fixtures.url("scripts/keras/fit_options.py")
    let printed = PrintedLines()
    _ = try ScriptRun.run(ScriptRun.Options(
      path: script.path, text: String(contentsOf: script, encoding: .utf8), arguments: ["full"],
      environment: ["KERAS_BACKEND": backend])) { printed.append($0) }
    let gotLines = printed.text.split(separator: "\n"), wantLines = want.split(separator: "\n")
    #expect(gotLines.count == wantLines.count)
    var worst = 0.0
    for (got, want) in zip(gotLines, wantLines) {
      let a = Self.numbers(in: got), b = Self.numbers(in: want)
      #expect(a.count == b.count && got.split(separator: " ").first == want.split(separator: " ").first, "\(got) vs \(want)")
      for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(abs(y), 1e-12)) }
    }
    #expect(worst <= Self.lossTolerance, "largest relative error \(worst)")
  }

  /// The decimal numbers in a printed line (`1.25`, `-3e-05`), in order.
  static func numbers(in line: Substring) -> [Double] {
    var out: [Double] = [], current = ""
    for ch in line + " " {
      if ch.isNumber || ch == "." || ch == "-" || ch == "e" || ch == "+" && current.hasSuffix("e") {
        current.append(ch)
      } else {
        if current.contains("."), let d = Double(current) { out.append(d) }
        current = ""
      }
    }
    return out
  }

  /// A tensor event's or golden weight's values as float32.
  static func floats(_ json: ExactJSON) -> [Float] {
    (json["values"]?.array ?? []).compactMap { $0.number.flatMap(Double.init).map(Float.init) }
  }
}

/// What a script printed, collected from the run's output callback.
final class PrintedLines: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []
  func append(_ s: String) { lock.withLock { parts.append(s) } }
  var text: String { lock.withLock { parts.joined() } }
}
