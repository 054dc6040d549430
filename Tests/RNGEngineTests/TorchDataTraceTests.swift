import Foundation
import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// What `torch.utils.data` tells a trace: the seeds it draws (a `drawn` seeding for an
/// unseeded `RandomSampler`'s generator, a `torch.utils.data.worker_seed` derivation per
/// worker) and which stream each draw came from, checked against the base seeds and the
/// worker of every item that real torch 2.13.0 reported (torch-data.jsonl).
@Suite struct TorchDataTraceTests {
  static let golden = try? GoldenFile.reference("torch/torch-data.jsonl")

  /// Runs `calls` in `rngdiff sample torch --seed <seed>` with a log of every report.
  func run(_ calls: String, seed: String) throws -> DrawLog {
    let log = DrawLog()
    let torch = try TorchSampleFramework(configuration: .init(seed: try SampleSession.parseSeed(seed), observer: log))
    _ = try SampleSession.evaluate(calls: calls, in: torch, callDescription: "torch call")
    return log
  }

  /// An unseeded sampler's generator is seeded `drawn` from the draw that made its seed:
  /// after `rand(3)` that draw starts at word 3 of `cpu-default` and takes two words.
  @Test func anUnseededSamplersGeneratorIsSeededDrawn() throws {
    let log = try run("rand(3); list(torch.utils.data.RandomSampler(range(10)))", seed: "0")
    let main = log.draws.filter { $0.stream.name == "cpu-default" }
    #expect(main.map(\.counterBefore) == [0, 3])
    #expect(main.map(\.count) == [3, 2])
    let sampler = try #require(log.draws.first { $0.stream.name == "RandomSampler" })
    guard case .drawn(let from, let counter, _) = sampler.stream.seeding else {
      Issue.record("RandomSampler seeded \(sampler.stream.seeding), expected drawn")
      return
    }
    #expect(from == main[0].stream)
    #expect(counter == 3)
    #expect(sampler.operation == "randperm")
    #expect(sampler.counterBefore == 0)
  }

  /// With `generator=`, nothing is drawn from `cpu-default` for the order and no
  /// `RandomSampler` stream appears: both permutations PyTorch makes for one pass (the
  /// whole one, then one cut to `num_samples % n`, here to nothing) come from the generator.
  @Test func aSamplerWithAGeneratorDrawsNothingFromTheDefault() throws {
    let log = try run("list(torch.utils.data.RandomSampler(range(10), generator=torch.Generator().manual_seed(3)))", seed: "0")
    #expect(log.draws.filter { $0.stream.name == "cpu-default" }.isEmpty)
    #expect(log.draws.filter { $0.stream.name == "RandomSampler" }.isEmpty)
    #expect(log.draws.map(\.operation) == ["randperm", "randperm"])
    #expect(Set(log.draws.map(\.stream)).count == 1)
    #expect(log.draws.map(\.counterBefore) == [0, 9])
  }

  /// Workers: one derivation per worker from the base seed real torch drew, each worker's
  /// stream seeded `derived`, and every `__getitem__` draw on the stream of the worker real
  /// torch loaded the item in, counters contiguous per worker.
  @Test(arguments: ["num_workers=2)", "num_workers=3)", "generator=torch.Generator().manual_seed(21))"])
  func workerDrawsLandOnTheirOwnStreams(loaderTail: String) throws {
    let c = try #require((Self.golden?.cases ?? []).first {
      $0["kind"]?.string == "sample" && ($0["calls"]?.array?.first?.string ?? "").hasSuffix(loaderTail + " for t in batch]")
    })
    let calls = GoldenFile.calls(c)
    let seed = try #require(GoldenSampleCases.seedText(c["seed"] ?? .null))
    let log = try run((c["setup"]?.string ?? "") + "\n" + calls.joined(separator: "\n"), seed: seed)
    // Golden outputs per batch: indices, worker ids, worker seeds, draws.
    let outputs = c["outputs"]?.array ?? []
    let batches = stride(from: 0, to: outputs.count - 1, by: 4).map { outputs[$0..<$0 + 4].map { ($0["values"]?.array ?? []).compactMap(\.number) } }
    let workerOfItem = batches.flatMap { $0[1] }.compactMap { Int($0) }
    let seedOfWorker = Dictionary(batches.flatMap { zip($0[1], $0[2]) }.map { (Int($0.0) ?? -1, $0.1) }, uniquingKeysWith: { a, _ in a })
    #expect(!workerOfItem.isEmpty)

    let derivations = log.derivations.filter { $0.rule == "torch.utils.data.worker_seed" }
    let workerCount = derivations.count
    #expect(workerCount == Set(workerOfItem).count)
    for (id, derivation) in derivations.enumerated() {
      let inputs = Dictionary(derivation.inputs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      #expect(inputs["worker_id"] == String(id))
      #expect(derivation.result == seedOfWorker[id], "worker \(id)")
      if let base = inputs["base_seed"], let b = UInt64(base), let result = UInt64(derivation.result) {
        #expect(result == b + UInt64(id))
      } else {
        Issue.record("worker \(id): base_seed \(inputs["base_seed"] ?? "missing")")
      }
      let stream = try #require(derivation.derived)
      #expect(stream.name == "worker\(id)/cpu-default")
      guard case .derived(let rule, _) = stream.seeding else {
        Issue.record("worker \(id) seeded \(stream.seeding), expected derived")
        continue
      }
      #expect(rule == "torch.utils.data.worker_seed")
    }

    let itemDraws = log.draws.filter { $0.operation == "randint" }
    #expect(itemDraws.map(\.stream.name) == workerOfItem.map { "worker\($0)/cpu-default" })
    var next: [String: UInt64] = [:]
    for draw in itemDraws {
      #expect(draw.counterBefore == next[draw.stream.name, default: 0], "\(draw.stream.name)")
      next[draw.stream.name] = draw.counterAfter
    }
    // The main process drew only the base seed (from the default generator, or from the
    // loader's generator) and the final rand(1).
    let main = log.draws.filter { $0.stream.name == "cpu-default" }
    let ownGenerator = (c["calls"]?.array?.first?.string ?? "").contains("generator=")
    #expect(main.map(\.operation) == (ownGenerator ? ["rand"] : ["random_", "rand"]))
  }
}
