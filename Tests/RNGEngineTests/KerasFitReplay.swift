import Foundation
import RNGEngine
import TestSupport
import Testing

/// One case of fixtures/reference/keras-fit (made by the real Keras 3.15.1 or tf-keras 2.21.0) and
/// the checks every profile's golden test makes of the engine's replay of it.
///
/// ```swift
/// let replay = try KerasFitReplay(case: c, script: script)   // runs the script through `rngdiff run`
/// replay.expectInitialWeights()
/// let masks = replay.expectBatchesAndMasks()                  // the `mask` draws, for further checks
/// ```
///
/// The script is the case's `spec` written out by each suite (its module and layer calls differ);
/// it must print `history [...]` after each fit and `after <python> <numpy>` last.
struct KerasFitReplay {
  /// Largest relative error allowed on an epoch's loss (measured: 1.6e-6 on Keras 3, 3.8e-6 on tf-keras).
  static let lossTolerance = 1e-5
  /// Largest absolute error allowed on a weight after an epoch (measured: 1.3e-7).
  static let weightTolerance = 1e-6

  struct Case: CustomTestStringConvertible, Sendable {
    let profile: String
    let number: Int
    let json: ExactJSON
    var testDescription: String { "\(profile) case \(number)" }
  }

  /// The cases of one profile's golden file, in file order (line 1 is the header).
  static func cases(_ profile: String) -> [Case] {
    let url = Fixtures.url("reference/keras-fit/keras-fit-\(profile).jsonl")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().enumerated().compactMap { i, line in
      (try? ExactJSON.parse(String(line))).map { Case(profile: profile, number: i, json: $0) }
    }
  }

  /// The lines that seed as the case's `spec` says and define `x` and `y`.
  static func seedingAndData(_ c: Case, module: String) -> [String] {
    let spec = c.json["spec"]!
    var lines: [String] = []
    if let seed = spec["seed"]?.number { lines.append("\(module).utils.set_random_seed(\(seed))") }
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
    return lines
  }

  /// The lines of the case's steps (fit, set_random_seed, clear_session, new_model) and the
  /// closing `after` line; `afterFit` is printed after each fit's history, `newModel` makes a model.
  static func steps(_ c: Case, module: String, afterFit: [String], newModel: String) -> [String] {
    var lines: [String] = []
    for step in c.json["spec"]?["steps"]?.array ?? [] {
      let items = step.array ?? []
      switch items.first?.string {
      case "fit":
        guard case .object(let args)? = items.last else { continue }
        let text = args.map { "\($0.0)=\($0.1 == .bool(true) ? "True" : $0.1 == .bool(false) ? "False" : $0.1.number ?? "None")" }
        lines.append("h = model.fit(x, y, verbose=0, \(text.joined(separator: ", ")))")
        lines.append("print('history', [repr(v) for v in h.history['loss']])")
        lines += afterFit
      case "set_random_seed": lines.append("\(module).utils.set_random_seed(\(items.last?.number ?? "0"))")
      case "clear_session": lines.append("\(module).backend.clear_session()")
      case "new_model": lines.append(newModel)
      default: break
      }
    }
    lines.append("print('after', repr(random.random()), repr(float(np.random.random())))")
    return lines
  }

  let c: Case
  let header: ExactJSON
  let events: [ExactJSON]
  let output: [String]
  var goldenEvents: [ExactJSON] { c.json["events"]?.array ?? [] }
  var fits: [ExactJSON] { goldenEvents.filter { $0["event"]?.string == "fit" } }

  /// Runs `script` through the engine with values recorded and a fixed entropy seed.
  init(case c: Case, script: String) throws {
    let printed = PrintedLines()
    let result = try ScriptRun.run(
      ScriptRun.Options(path: "case.py", text: script, values: true, entropySeed: 5)) { printed.append($0) }
    let lines = String(decoding: result.trace, as: UTF8.self).split(separator: "\n")
    self.c = c
    header = try ExactJSON.parse(String(lines.first ?? ""))
    events = lines.dropFirst().compactMap { try? ExactJSON.parse(String($0)) }
    output = printed.text.split(separator: "\n").map(String.init)
  }

  /// Initial weights, bit for bit (float32 values as the trace and the golden write them).
  func expectInitialWeights() {
    let initial = events.filter { $0["event"]?.string == "tensor" && $0["moment"]?.string == "init" }.map(Self.floats)
    let goldenInitial = goldenEvents.filter { $0["event"]?.string == "model" }.flatMap { ($0["weights"]?.array ?? []).map(Self.floats) }
    #expect(initial == goldenInitial, "initial weights")
  }

  /// Every batch's rows (from the recorded `shuffle` draws other than `ignoring` ones) and every
  /// step's keep mask (the `mask` draws), bit for bit; returns the mask draws.
  @discardableResult
  func expectBatchesAndMasks(ignoring ignored: (ExactJSON) -> Bool = { _ in false }) -> [ExactJSON] {
    let draws = events.filter { $0["event"]?.string == "draw" }
    var orders = draws.filter { $0["role"]?.string == "shuffle" && !ignored($0) }
      .map { ($0["values"]?.array ?? []).compactMap(\.int) }.makeIterator()
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
    return maskDraws
  }

  /// Python's and NumPy's global generators after the script, exactly.
  func expectGlobalStateAfter() {
    let after = output.last?.split(separator: " ").dropFirst().compactMap { Double($0) } ?? []
    let goldenAfter = [c.json["after"]?["python_random"], c.json["after"]?["numpy_random"]].compactMap { $0?.number.flatMap(Double.init) }
    #expect(after == goldenAfter, "global state after the script")
  }

  /// Losses and per-epoch weights: the engine's own float32 arithmetic, within the tolerances.
  func expectLossesAndWeights() {
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
