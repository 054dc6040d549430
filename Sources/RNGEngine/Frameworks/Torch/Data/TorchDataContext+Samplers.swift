import PythonSubset
import RNGStreams
import TorchStreams

extension TorchDataContext {
  /// The generator a sampler or split draws from: the one passed, or none.
  func generatorArgument(_ args: BoundArguments, _ name: String = "generator") throws -> (any TorchGeneratorBox)? {
    guard let value = args.value(name), !value.isNone else { return nil }
    guard case .object(let g as any TorchGeneratorBox) = value else {
      throw args.error(name, "\(name) must be a torch.Generator, got \(value.typeName) \(value.repr)")
    }
    return g
  }

  /// `RandomSampler.__iter__`: without a generator, a seed drawn from the
  /// default generator (two words) at the first item seeds a fresh
  /// `torch.Generator` (stream `RandomSampler`, seeding `drawn`); then the
  /// permutations (or `randint` chunks of 32) are drawn as they are needed.
  /// The seed's draw is `consumer`'s with role `seed`, the orders' with role `shuffle`.
  func randomOrder(
    count: Int, replacement: Bool, samples: Int, generator explicit: (any TorchGeneratorBox)?, consumer: String,
    at range: SourceRange
  ) -> () throws -> Value? {
    var generator = explicit
    var buffer: [Int] = []
    var position = 0
    var produced = 0
    var wholePermutations = samples / max(count, 1)
    var lastDone = false
    var chunks = samples / 32
    return { [self] in
      guard produced < samples else {
        if !replacement && !lastDone && count > 0 {
          // PyTorch draws the last permutation even when it is cut to nothing.
          lastDone = true
          _ = try consumers.consuming(consumer, role: "shuffle") {
            try withFramework(range) { try generator?.state.randperm(Int64(count)) }
          }
        }
        return nil
      }
      if generator == nil {
        let counter = main.state.wordsDrawn
        let from = main.state.stream
        let seed = consumers.consuming(consumer, role: "seed") { main.state.drawSeed() }
        generator = TorchDefaultGenerator(TorchGenerator(
          seed: UInt64(seed), name: "RandomSampler",
          seeding: .drawn(from: from, counter: counter, call: "RandomSampler: torch.Generator().manual_seed(torch.empty((), dtype=torch.int64).random_().item())"),
          kernel: main.state.kernel, observer: main.state.observer))
      }
      guard let g = generator else { return nil }
      while position >= buffer.count {
        buffer = []
        position = 0
        if replacement {
          guard count > 0 else { throw EvaluationError("random_ expects 'from' to be less than 'to': the dataset is empty", at: range, type: "RuntimeError") }
          let size = chunks > 0 ? 32 : samples % 32
          if chunks > 0 { chunks -= 1 }
          buffer = TorchSamplerOrder.ints(try consumers.consuming(consumer, role: "shuffle") {
            try withFramework(range) { try g.state.randint(Int64(count), [size]) }
          })
        } else {
          guard count > 0 else { throw EvaluationError("integer division or modulo by zero: the dataset is empty", at: range, type: "ZeroDivisionError") }
          let order = TorchSamplerOrder.ints(try consumers.consuming(consumer, role: "shuffle") {
            try withFramework(range) { try g.state.randperm(Int64(count)) }
          })
          if wholePermutations > 0 {
            wholePermutations -= 1
            buffer = order
          } else {
            lastDone = true
            buffer = Array(order.prefix(samples % count))
          }
        }
      }
      defer {
        position += 1
        produced += 1
      }
      return .int(PythonInt(buffer[position]))
    }
  }

  /// Runs a sampler call, turning a ``RNGStreams/FrameworkError`` into a located error.
  func withFramework<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as FrameworkError { throw EvaluationError(e.message, at: range, type: "RuntimeError") }
  }

  /// `BatchSampler(sampler, batch_size, drop_last)`'s batches, lazily: lists of
  /// `batch_size` indices; a shorter last one unless `drop_last`.
  static func batches(of sampler: Value, size: Int, dropLast: Bool, at range: SourceRange) throws -> () throws -> Value? {
    let source = try iterator(of: sampler, at: range)
    var done = false
    return {
      guard !done else { return nil }
      var batch: [Value] = []
      while batch.count < size, let index = try source.next(at: range) { batch.append(index) }
      if batch.count < size {
        done = true
        if batch.isEmpty || dropLast { return nil }
      }
      return .object(ListObject(batch))
    }
  }
}
