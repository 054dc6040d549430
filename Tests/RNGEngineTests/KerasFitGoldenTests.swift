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
  typealias Case = KerasFitReplay.Case

  static let cases = ["keras3-tensorflow", "keras3-jax"].flatMap(KerasFitReplay.cases)

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
    lines += KerasFitReplay.seedingAndData(c, module: "keras")
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
    lines += KerasFitReplay.steps(
      c, module: "keras", afterFit: ["print('state', np.array(drop.seed_generator.state).tolist())"],
      newModel: "model, drop = make_model()")
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: cases)
  func theEngineReplaysTheCase(_ c: Case) throws {
    let replay = try KerasFitReplay(case: c, script: Self.script(c))
    replay.expectInitialWeights()
    // JAX's first fit peeks one permutation for the symbolic build: drawn, but no batch uses it.
    replay.expectBatchesAndMasks(ignoring: { $0["consumer"]?.string?.hasSuffix("symbolic_build") == true })

    // The SeedGenerator after each model's construction and each fit.
    let states = replay.output.filter { $0.hasPrefix("state ") }.map { String($0.dropFirst(6)) }
    let goldenStates = replay.goldenEvents.filter { ["model", "fit"].contains($0["event"]?.string) }.map {
      "[" + ($0["dropout_seed_state"]?.array ?? []).compactMap(\.number).joined(separator: ", ") + "]"
    }
    #expect(states == goldenStates, "seed states")

    replay.expectGlobalStateAfter()
    replay.expectLossesAndWeights()
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
    #expect(worst <= KerasFitReplay.lossTolerance, "largest relative error \(worst)")
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
}
