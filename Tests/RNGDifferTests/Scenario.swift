import Foundation
import RNGDiffer
import RNGTrace
import TestSupport

/// Diffs two built traces, named a.trace and b.trace.
func diff(_ a: TraceBuilder, _ b: TraceBuilder, options: DiffOptions = DiffOptions()) throws -> DiffReport {
  try TraceDiffer.diff(
    a: TraceReader(bytes: a.bytes, name: "a.trace"), b: TraceReader(bytes: b.bytes, name: "b.trace"), options: options)
}

/// A small Keras-like run written through TraceBuilder: numpy's global
/// stream seeded, dense layers initialised from it, dropout masks from a
/// torch-like generator, a shuffle per epoch, weights and losses recorded.
/// Options change one thing at a time, the way two runs in a bug report differ.
struct Script {
  var label = "run"
  var seed = 0
  var seedCall: String? = nil
  var unseededMasks = false
  var maskAlgorithm: AlgorithmName = .philox4x32_10
  var layers: [(name: String, units: UInt64)] = [("model/dense", 40), ("model/dense_1", 22), ("model/dense_2", 12)]
  var dropoutScale = "0.5"
  var epochs = 2
  var batches = 3
  var reseedBeforeEachFit = true
  var fits = 1
  var extraShuffle = false
  var libraries: [NamedValue] = [NamedValue("numpy", "2.4.6"), NamedValue("torch", "2.15.0")]
  /// Element k of the final weights is perturbed in this run (numeric nondeterminism).
  var perturbWeights: [Int] = []
  var gapBeforeLayer: String? = nil
  var lossOffset = 0.0

  func build() -> TraceBuilder {
    var config = RunConfig(pythonHashSeed: "0", device: "cpu")
    config.libraries = libraries
    var b = TraceBuilder(label: label, profile: TraceProfile(framework: .numpy, version: "2.4.6"), config: config,
                         source: SourceScript(path: "\(label).py", sha256: String(repeating: "0", count: 64)))
    let call = seedCall ?? "np.random.seed(\(seed))"
    let np = b.stream("np", framework: .numpy, name: "global", algorithm: .mt19937, seed: "init_genrand(\(seed))",
                      seeding: .explicit(call: call, source: "\(label).py:3"))
    let masks = b.stream("gen", framework: .torch, name: "cpu-default", algorithm: maskAlgorithm,
                         seed: unseededMasks ? "entropy(0x5eed)" : "philox(\(seed))",
                         seeding: unseededMasks ? .entropy : .explicit(call: "torch.manual_seed(\(seed))", source: "\(label).py:4"))
    for fit in 1...fits {
      if fit > 1 && reseedBeforeEachFit { b.reseed(np, source: "\(label).py:3") }
      b.phase("build", .begin, name: "model")
      for (k, layer) in layers.enumerated() {
        if layer.name == gapBeforeLayer { b.skip(np, by: 16) }
        b.draw(np, count: layer.units, consumer: "\(layer.name)/kernel", role: "init", op: "randn", dist: "normal",
               params: [NamedValue("loc", "0.0"), NamedValue("scale", "1.0")], dtype: "float32", shape: [2, Int(layer.units) / 2],
               source: "\(label).py:\(10 + k)")
      }
      b.phase("build", .end, name: "model")
      for layer in layers {
        b.tensor("\(layer.name)/kernel", moment: .initial, values: .float32([Float(layer.units)]), keepValues: false,
                 digest: weightDigest(layer.units, moment: "init", fit: fit, np: b.counter(np)))
      }
      b.phase("fit", .begin)
      for epoch in 1...epochs {
        b.phase("epoch", .begin, index: epoch)
        b.draw(np, count: 8, consumer: "fit/epoch", role: "shuffle", op: "shuffle", dist: "permutation", dtype: "int64",
               shape: [8], source: "\(label).py:30")
        if extraShuffle {
          b.draw(np, count: 8, consumer: "data/augment", role: "shuffle", op: "shuffle", dist: "permutation",
                 dtype: "int64", shape: [8], source: "\(label).py:31")
        }
        for batch in 0..<batches {
          b.phase("batch", .begin, index: batch)
          b.draw(masks, count: 4, consumer: "model/dropout", role: "mask", op: "bernoulli_", dist: "bernoulli",
                 params: [NamedValue("p", dropoutScale)], dtype: "bool", shape: [4, 4], source: "\(label).py:20")
          b.phase("batch", .end, index: batch)
        }
        let weights: [Float] = (0..<6).map { k in
          let base = Float(epoch * 10 + k) + Float(b.counter(np)) / 1000
          return perturbWeights.contains(k) && epoch == epochs ? base + 0.001 * Float(k + 1) : base
        }
        b.tensor("model/dense/kernel", moment: .afterEpoch(epoch), values: .float32(weights), shape: [2, 3])
        let drift = epoch == epochs ? Double(perturbWeights.count) * 1e-7 : 0
        b.metric("loss", epoch: epoch, value: 1.0 / Double(epoch + 1) + Double(b.counter(np)) / 1e6 + lossOffset + drift)
        b.phase("epoch", .end, index: epoch)
      }
      b.phase("fit", .end)
    }
    return b
  }

  /// A stand-in for initial weights: they depend on where the layer's draw was.
  private func weightDigest(_ layer: UInt64, moment: String, fit: Int, np: UInt64) -> String {
    TraceDigest.hex(ofLittleEndianBytes: Array("\(layer)|\(moment)|\(fit)|\(seed)|\(np)".utf8))
  }
}

/// Compares `text` with Tests/RNGDifferTests/Expected/`name`. With
/// RNGDIFF_UPDATE_EXPECTED=1 in the environment, writes it instead (review
/// the diff before committing).
func expectMatchesGolden(_ text: String, _ name: String, file: StaticString = #filePath) throws -> (matches: Bool, expected: String) {
  let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Expected").appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RNGDIFF_UPDATE_EXPECTED"] == "1" {
    try text.write(to: url, atomically: true, encoding: .utf8)
    return (true, text)
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  return (expected == text, expected)
}
