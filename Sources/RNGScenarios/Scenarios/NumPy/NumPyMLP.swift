import NumPyStreams
import RNGTrace

/// A two-layer network written in plain NumPy, the way tutorials do: weights
/// from `randn`, dropout from `rand`, a shuffle per epoch. Two flavours of
/// the same program: the legacy global functions (`np.random.seed`, MT19937)
/// and a `Generator` (`np.random.default_rng`, PCG64).
enum NumPyMLP {
  static let numpyVersion = "2.4.6"

  enum Flavour {
    case legacy
    case generator
  }

  static func program(path: String, flavour: Flavour, command: String? = nil) -> ScenarioProgram {
    let (seeding, normal, permutation, uniform): (String, String, String, String)
    switch flavour {
    case .legacy:
      seeding = "np.random.seed(args.seed)"
      normal = "np.random.randn"
      permutation = "np.random.permutation(8)"
      uniform = "np.random.rand(*h.shape)"
    case .generator:
      seeding = "rng = np.random.default_rng(args.seed)"
      normal = "rng.standard_normal"
      permutation = "rng.permutation(8)"
      uniform = "rng.random(h.shape)"
    }
    let shape1 = flavour == .legacy ? "4, 8" : "(4, 8)"
    let shape2 = flavour == .legacy ? "8, 1" : "(8, 1)"
    return ScenarioProgram(path: path, text: """
      import argparse
      import numpy as np

      parser = argparse.ArgumentParser()
      parser.add_argument("--seed", type=int, default=0)
      args = parser.parse_args()

      x = np.arange(32, dtype=np.float32).reshape(8, 4) / 16 - 1
      y = (np.arange(8) % 2).astype(np.float32).reshape(8, 1)

      \(seeding)
      w1 = (\(normal)(\(shape1)) * 0.5).astype(np.float32)
      w2 = (\(normal)(\(shape2)) * 0.35).astype(np.float32)

      for epoch in range(1, 4):
          order = \(permutation)
          losses = []
          for batch in np.split(order, 2):
              h = np.maximum(x[batch] @ w1, 0)
              h *= (\(uniform) >= 0.5) / 0.5  # dropout
              losses.append(np.mean((h @ w2 - y[batch]) ** 2))
          print(f"epoch {epoch}: loss {np.mean(losses):.6f}")
      """, command: command)
  }

  /// The draws the program makes, from either flavour's generator.
  protocol Source {
    mutating func normal(count: Int, shape: [Int]) throws -> [Double]
    mutating func permutation(_ n: Int) throws -> [Int64]
    mutating func uniform(count: Int, shape: [Int]) throws -> [Double]
  }

  static func record(_ run: ScenarioRecording, _ source: inout some Source, scales: (Double, Double) = (0.5, 0.35)) throws {
    let inputs = Float32Matrix(rows: 8, columns: 4) { r, c in Float(r * 4 + c) / 16 - 1 }
    let targets = Float32Matrix(rows: 8, columns: 1) { r, _ in Float(r % 2) }
    let (w1, w2) = try run.phase("build", name: "model") { () throws -> (Float32Matrix, Float32Matrix) in
      run.at("w1 = (")
      let w1 = try run.consuming("w1", role: "init") { try source.normal(count: 32, shape: [4, 8]) }
        .map { Float($0 * scales.0) }
      run.at("w2 = (")
      let w2 = try run.consuming("w2", role: "init") { try source.normal(count: 8, shape: [8, 1]) }
        .map { Float($0 * scales.1) }
      try run.tensor("w1", moment: .initial, shape: [4, 8], values: w1)
      try run.tensor("w2", moment: .initial, shape: [8, 1], values: w2)
      return (Float32Matrix(rows: 4, columns: 8, values: w1), Float32Matrix(rows: 8, columns: 1, values: w2))
    }
    try run.phase("fit") {
      for epoch in 1...3 {
        try run.phase("epoch", index: epoch) {
          run.at("    order = ")
          let order = try run.consuming("fit/epoch", role: "shuffle") { try source.permutation(8) }.map { Int($0) }
          var losses: [Float] = []
          for start in [0, 4] {
            let batch = Array(order[start..<start + 4])
            let h = inputs.gathering(rows: batch).matmul(w1).map(Activation.relu.callAsFunction)
            run.at("h *= (")
            let u = try run.consuming("dropout", role: "mask") { try source.uniform(count: 32, shape: [4, 8]) }
            let mask = Float32Matrix(rows: 4, columns: 8, values: u.map { $0 >= 0.5 ? 2 : 0 })
            let prediction = h.multiplying(mask).matmul(w2)
            losses.append(MeanSquaredError.of(prediction, targets.gathering(rows: batch)))
          }
          try run.metric("loss", epoch: epoch, value: Double(Summation.sequential.mean(losses)))
        }
      }
    }
  }

  static func header(label: String, program: ScenarioProgram) -> RunHeader {
    ScenarioHeader.make(
      profile: TraceProfile(framework: .numpy, version: numpyVersion), label: label, program: program,
      config: RunConfig(device: "cpu", libraries: [NamedValue("numpy", numpyVersion)]))
  }
}

extension RandomState: NumPyMLP.Source {
  mutating func normal(count: Int, shape: [Int]) throws -> [Double] { try randn(count: count, shape: shape) }
  mutating func uniform(count: Int, shape: [Int]) throws -> [Double] { try rand(count: count, shape: shape) }
}

extension NumPyGenerator: NumPyMLP.Source {
  mutating func normal(count: Int, shape: [Int]) throws -> [Double] { try standardNormal(count: count, shape: shape) }
  mutating func uniform(count: Int, shape: [Int]) throws -> [Double] { try random(count: count, shape: shape) }
}
