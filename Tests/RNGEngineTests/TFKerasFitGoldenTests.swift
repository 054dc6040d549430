import Foundation
import RNGEngine
import TestSupport
import Testing

/// Replays the 13 tf-keras cases of fixtures/reference/keras-fit (made by the real tf-keras 2.21.0
/// on TensorFlow 2.21.0) as scripts through `rngdiff run`, and checks: bit for bit, the initial
/// weights, every batch's row indices (the recorded `shuffle` draws), every step's Dropout keep
/// mask (the recorded `mask` draws: one kernel stream across batches, issue 7 claim (a)), and
/// Python's and NumPy's global state after the script; within the tolerances docs/scripts.md
/// states, the per-epoch losses and weights.
@Suite struct TFKerasFitGoldenTests {
  /// Largest relative error allowed on an epoch's loss.
  static let lossTolerance = 1e-5
  /// Largest absolute error allowed on a weight after an epoch.
  static let weightTolerance = 1e-6

  struct Case: CustomTestStringConvertible, Sendable {
    let number: Int
    let json: ExactJSON
    var testDescription: String { "tf-keras case \(number)" }
  }

  static let cases: [Case] = {
    let url = Fixtures.url("reference/keras-fit/keras-fit-tf-keras.jsonl")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().enumerated().compactMap { i, line in
      (try? ExactJSON.parse(String(line))).map { Case(number: i, json: $0) }
    }
  }()

  @Test func allThirteenCasesAreThere() {
    #expect(Self.cases.count == 13)
  }

  /// The script a case stands for (generate_keras_fit.py's plain tf-keras run, without its callback).
  static func script(_ c: Case) -> String {
    let spec = c.json["spec"]!
    let model = spec["model"]!
    let compile = spec["compile"]
    var lines = ["import random", "import numpy as np", "import tensorflow as tf", "import tf_keras"]
    if let seed = spec["seed"]?.number { lines.append("tf_keras.utils.set_random_seed(\(seed))") }
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
    lines += [
      "def make_model():",
      "    layers = [tf_keras.Input((\(spec["d"]!.number!),)), tf_keras.layers.Dense(\(model["hidden"]!.number!), activation='tanh')]",
      "    layers.append(tf_keras.layers.Dropout(\(model["rate"]!.number!), seed=\(model["dropout_seed"]?.number ?? "None")))",
      "    layers.append(tf_keras.layers.Dense(1))",
      "    m = tf_keras.Sequential(layers)",
      "    m.compile(optimizer=tf_keras.optimizers.\(optimizer)(learning_rate=\(compile?["lr"]?.number ?? "0.1")), loss='mse')",
      "    return m",
      "model = make_model()",
    ]
    for step in spec["steps"]?.array ?? [] {
      let items = step.array ?? []
      switch items.first?.string {
      case "fit":
        guard case .object(let args)? = items.last else { continue }
        let text = args.map { "\($0.0)=\($0.1 == .bool(true) ? "True" : $0.1 == .bool(false) ? "False" : $0.1.number ?? "None")" }
        lines.append("h = model.fit(x, y, verbose=0, \(text.joined(separator: ", ")))")
        lines.append("print('history', [repr(v) for v in h.history['loss']])")
      case "set_random_seed": lines.append("tf_keras.utils.set_random_seed(\(items.last?.number ?? "0"))")
      case "clear_session": lines.append("tf_keras.backend.clear_session()")
      case "new_model": lines.append("model = make_model()")
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
    let lines = String(decoding: result.trace, as: UTF8.self).split(separator: "\n")
    let header = try ExactJSON.parse(String(lines.first ?? ""))
    #expect(header["profile"]?["semantics"]?.string == "tf-keras", "profile")
    let events = lines.dropFirst().compactMap { try? ExactJSON.parse(String($0)) }
    let output = printed.text.split(separator: "\n").map(String.init)
    let goldenEvents = c.json["events"]?.array ?? []
    let fits = goldenEvents.filter { $0["event"]?.string == "fit" }

    // Initial weights, bit for bit.
    let initial = events.filter { $0["event"]?.string == "tensor" && $0["moment"]?.string == "init" }.map(KerasFitGoldenTests.floats)
    let goldenInitial = goldenEvents.filter { $0["event"]?.string == "model" }.flatMap { ($0["weights"]?.array ?? []).map(KerasFitGoldenTests.floats) }
    #expect(initial == goldenInitial, "initial weights")

    // Every batch's rows and every step's keep mask.
    let draws = events.filter { $0["event"]?.string == "draw" }
    let shuffles = draws.filter { $0["role"]?.string == "shuffle" }
    #expect(shuffles.allSatisfy { $0["consumer"]?.string?.hasSuffix("/fit") == true }, "shuffle consumer")
    var orders = shuffles.map { ($0["values"]?.array ?? []).compactMap(\.int) }.makeIterator()
    let maskDraws = draws.filter { $0["role"]?.string == "mask" }
    let masks = maskDraws.map { ($0["values"]?.array ?? []).map { $0 == .bool(true) ? "1" : "0" }.joined() }
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

    // Claim (a): within one traced train function the masks are successive runs of one kernel
    // stream (same stream, counters increasing), not a new eager seed per batch.
    if c.number == 0 {
      let streams = Set(maskDraws.compactMap { $0["stream"]?.string })
      #expect(streams.count == 1, "one mask stream across batches: \(streams)")
    }

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
    let epochWeights = events.filter { $0["event"]?.string == "tensor" && $0["moment"]?.string == "epoch" }.map(KerasFitGoldenTests.floats)
    let goldenEpochWeights = fits.flatMap { ($0["epochs"]?.array ?? []).flatMap { ($0["weights"]?.array ?? []).map(KerasFitGoldenTests.floats) } }
    #expect(epochWeights.count == goldenEpochWeights.count)
    for (got, want) in zip(epochWeights, goldenEpochWeights) {
      #expect(got.count == want.count)
      let worst = zip(got, want).map { abs(Double($0) - Double($1)) }.max() ?? 0
      #expect(worst <= Self.weightTolerance, "weight error \(worst)")
    }
  }
}
