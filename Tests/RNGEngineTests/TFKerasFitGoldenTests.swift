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
  typealias Case = KerasFitReplay.Case

  static let cases = KerasFitReplay.cases("tf-keras")

  @Test func allThirteenCasesAreThere() {
    #expect(Self.cases.count == 13)
  }

  /// The script a case stands for (generate_keras_fit.py's plain tf-keras run, without its callback).
  static func script(_ c: Case) -> String {
    let spec = c.json["spec"]!
    let model = spec["model"]!
    let compile = spec["compile"]
    var lines = ["import random", "import numpy as np", "import tensorflow as tf", "import tf_keras"]
    lines += KerasFitReplay.seedingAndData(c, module: "tf_keras")
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
    lines += KerasFitReplay.steps(c, module: "tf_keras", afterFit: [], newModel: "model = make_model()")
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: cases)
  func theEngineReplaysTheCase(_ c: Case) throws {
    let replay = try KerasFitReplay(case: c, script: Self.script(c))
    #expect(replay.header["profile"]?["semantics"]?.string == "tf-keras", "profile")
    replay.expectInitialWeights()
    let shuffles = replay.events.filter { $0["event"]?.string == "draw" && $0["role"]?.string == "shuffle" }
    #expect(shuffles.allSatisfy { $0["consumer"]?.string?.hasSuffix("/fit") == true }, "shuffle consumer")
    let maskDraws = replay.expectBatchesAndMasks()

    // Claim (a): within one traced train function the masks are successive runs of one kernel
    // stream (same stream, counters increasing), not a new eager seed per batch.
    if c.number == 0 {
      let streams = Set(maskDraws.compactMap { $0["stream"]?.string })
      #expect(streams.count == 1, "one mask stream across batches: \(streams)")
    }

    replay.expectGlobalStateAfter()
    replay.expectLossesAndWeights()
  }
}
