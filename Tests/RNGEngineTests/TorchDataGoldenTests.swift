import Foundation
import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing
import TorchStreams

/// `torch.utils.data` against real torch 2.13.0 (CPU):
/// fixtures/reference/torch/torch-data.jsonl, written by generate_torch_data.py.
@Suite struct TorchDataGoldenTests {
  static let golden = try? GoldenFile.reference("torch/torch-data.jsonl")
  static func cases(_ kind: String) -> [ExactJSON] { (golden?.cases ?? []).filter { $0["kind"]?.string == kind } }

  @Test func theGoldenFileHasEveryKind() {
    #expect(Self.golden?.header["versions"]?["torch"]?.string == "2.13.0+cpu")
    #expect(Self.cases("sample").count >= 30)
    #expect(Self.cases("workers").count >= 9)
    #expect(Self.cases("seeder").count >= 15)
  }

  /// Every sample case through `rngdiff sample torch`'s code path: setup, then the calls,
  /// each output bit for bit.
  @Test func samplersLoadersAndSplitsMatchRealTorch() throws {
    for (index, c) in Self.cases("sample").enumerated() {
      let calls = GoldenFile.calls(c)
      let setup = c["setup"]?.string ?? ""
      let seed = GoldenSampleCases.seedText(c["seed"] ?? .null)
      let context = "case \(index): seed \(seed ?? "none") \(calls.joined(separator: "; "))"
      let outputs: [SampleOutput]
      do {
        outputs = try SampleSession.run(framework: .torch, seed: seed, calls: setup + "\n" + calls.joined(separator: "\n"))
      } catch {
        Issue.record("\(context): \(error)")
        continue
      }
      let expected = c["outputs"]?.array ?? []
      guard outputs.count == expected.count else {
        Issue.record("\(context): \(outputs.count) outputs, expected \(expected.count)")
        continue
      }
      for (output, want) in zip(outputs, expected) {
        #expect(output.expression == want["expr"]?.string, "\(context)")
        #expect(output.tensor.dtype.rawValue == want["dtype"]?.string, "\(context) \(output.expression)")
        #expect(output.tensor.shape == (want["shape"]?.array ?? []).compactMap(\.int), "\(context) \(output.expression)")
        let mismatch = GoldenSampleCases.firstMismatch(output.tensor, want["values"]?.array ?? [])
        #expect(mismatch == nil, "\(context) \(output.expression): \(mismatch ?? "")")
      }
    }
  }

  /// A changed golden value makes the comparison fail: the check can fail.
  @Test func aWrongOrderIsCaught() throws {
    let outputs = try SampleSession.run(framework: .torch, seed: "0", calls: "data = torch.utils.data\nlist(data.RandomSampler(range(10)))")
    let wrong: [ExactJSON] = [6, 9, 0, 7, 3, 5, 4, 2, 8, 1].map { .number(String($0)) }
    #expect(GoldenSampleCases.firstMismatch(outputs[0].tensor, wrong) != nil)
  }

  /// The worker cases at stream level: the base seed each real loader drew, each worker's
  /// seed and NumPy state, and the first draws of its torch, NumPy and `random` streams, in
  /// the order the loader gave the items.
  @Test func workerSeedsAndFirstDrawsMatchRealWorkers() throws {
    for c in Self.cases("workers") {
      let seed = Int64(c["seed"]?.number ?? "0") ?? 0
      let name = "seed \(seed) workers \(c["num_workers"]?.int ?? -1) init \(c["worker_init_fn"]?.string ?? "none")"
      var main = try TorchGenerator(seed: seed)
      var base: Int64
      if let g = c["generator_seed"]?.int {
        var generator = try TorchGenerator(seed: g)
        base = generator.drawSeed()
      } else {
        base = main.drawSeed()
      }
      #expect(String(base) == c["base_seed"]?.number, "\(name)")
      let items = c["items"]?.array ?? []
      // Per stream owner (a worker, or the main process): how many items it has loaded.
      var loaded: [Int: Int] = [:]
      var torchStreams: [Int: TorchGenerator] = [:]
      let initFunction = c["worker_init_fn"]?.string
      for item in items {
        let worker = item["worker"]?.int ?? -1
        let k = loaded[worker, default: 0]
        loaded[worker] = k + 1
        var torchSeed: UInt64?, numpySeed: String, pythonSeed: String
        if worker >= 0 {
          let seeds = TorchWorkerSeeds(baseSeed: UInt64(base), workerID: worker)
          #expect(item["seed"]?.number == String(seeds.seed), "\(name)")
          switch initFunction {
          case "reseed-all":
            torchSeed = UInt64(1000 + worker)
            pythonSeed = String(2000 + worker)
            numpySeed = String(3000 + worker)
          case "numpy-from-initial-seed":
            torchSeed = seeds.seed
            pythonSeed = String(seeds.seed)
            numpySeed = String(seeds.seed % (1 << 32))
          default:
            torchSeed = seeds.seed
            pythonSeed = String(seeds.seed)
            numpySeed = "[" + seeds.numpyState.map(String.init).joined(separator: ", ") + "]"
          }
        } else {
          torchSeed = nil  // the main generator, after the base seed
          pythonSeed = "77"
          numpySeed = "77"
        }
        // torch: rand(2) per item, from the worker's generator (or the main one).
        let torchValues: [Float]
        if let torchSeed {
          if torchStreams[worker] == nil { torchStreams[worker] = try TorchGenerator(seed: torchSeed) }
          torchValues = try float32(torchStreams[worker]!.rand([2]))
        } else {
          torchValues = try float32(main.rand([2]))
        }
        #expect(torchValues.map(Double.init) == numbers(item["torch"]), "\(name) torch item \(k)")
        let numpy = try SampleSession.run(framework: .numpy, seed: numpySeed, calls: "random(\(2 * (k + 1)))")
        #expect(Array(doubles(numpy[0].tensor).suffix(2)) == numbers(item["numpy"]), "\(name) numpy item \(k)")
        let python = try SampleSession.run(
          framework: .python, seed: pythonSeed, calls: Array(repeating: "random()", count: k + 1).joined(separator: "; "))
        #expect(doubles(python[k].tensor) == numbers(item["random"]), "\(name) random item \(k)")
      }
    }
  }

  /// `_generate_state` is a hash: neighbouring workers get unrelated NumPy states.
  @Test func numpyWorkerStatesDifferByWorker() {
    let a = TorchWorkerSeeds(baseSeed: 900_450_186_894_289_455, workerID: 0).numpyState
    let b = TorchWorkerSeeds(baseSeed: 900_450_186_894_289_455, workerID: 1).numpyState
    #expect(a.count == 4 && b.count == 4)
    #expect(zip(a, b).allSatisfy { $0 != $1 })
  }

  /// The seed lengths rule of random_split, with its refusals.
  @Test func splitLengthsFollowPyTorch() throws {
    #expect(try TorchSamplerOrder.splitLengths([.fraction(0.3), .fraction(0.3), .fraction(0.4)], count: 11) == [4, 3, 4])
    #expect(try TorchSamplerOrder.splitLengths([.count(3), .count(7)], count: 10) == [3, 7])
    #expect(throws: FrameworkError.self) { try TorchSamplerOrder.splitLengths([.count(3), .count(6)], count: 10) }
    #expect(throws: FrameworkError.self) { try TorchSamplerOrder.splitLengths([.fraction(1.5), .fraction(-0.5)], count: 10) }
  }

  private func float32(_ v: DrawnValues) throws -> [Float] {
    if case .float32(let f) = v { return f }
    Issue.record("not float32")
    return []
  }

  private func doubles(_ t: Tensor) -> [Double] {
    switch t.storage {
    case .double(let v): return v
    case .float(let v): return v.map(Double.init)
    default: return []
    }
  }

  private func numbers(_ json: ExactJSON?) -> [Double] { (json?.array ?? []).compactMap { $0.number.flatMap(Double.init) } }
}
