import RNGStreams

extension TorchGenerator {
  /// A generator other than the default one: `torch.Generator().manual_seed(seed)`,
  /// a DataLoader worker's default generator, the generator a `RandomSampler`
  /// makes for itself. `name` keeps its streams apart from `cpu-default` in a
  /// trace; `seeding` says where the seed came from. The observer hears the seeding.
  ///
  /// ```swift
  /// var main = try TorchGenerator(seed: 0)
  /// let counter = main.wordsDrawn
  /// let seed = main.drawSeed()
  /// var g = TorchGenerator(seed: UInt64(seed), name: "RandomSampler",
  ///                        seeding: .drawn(from: main.stream, counter: counter, call: "generator.manual_seed(seed)"))
  /// try g.randperm(10)     // [6, 9, 0, 7, 3, 5, 4, 2, 1, 8]
  /// ```
  ///
  /// Only the low 32 bits of `seed` key MT19937, as for `manual_seed`.
  public init(
    seed: UInt64, name: String, seeding: StreamSeeding, kernel: TorchCPUKernel = .avx2,
    observer: (any DrawObserver)? = nil
  ) {
    self.init(value: seed, call: nil, kernel: kernel)
    stream = StreamIdentity(
      framework: .torch, name: name, algorithm: .mt19937,
      seedMaterial: "init_genrand(\(UInt32(truncatingIfNeeded: seed)))", seeding: seeding)
    self.observer = observer
    reportSeeding()
  }
}
