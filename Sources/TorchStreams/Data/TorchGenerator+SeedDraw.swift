import RNGStreams

extension TorchGenerator {
  /// `torch.empty((), dtype=torch.int64).random_().item()`: the seed PyTorch's
  /// data utilities draw, a uniform int64 in `[0, 2^63)`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// g.drawSeed()        // 900450186894289455 (two words: random64() % 2^63)
  /// ```
  ///
  /// `RandomSampler` draws it (when it has no generator) to seed a fresh
  /// `torch.Generator`; every `iter(DataLoader)` draws it as `_base_seed`, the
  /// seed its workers derive theirs from, even with `num_workers=0`.
  /// Reported as one `random_` draw of two words, shape `[]`, with the
  /// parameters of a bare `random_()` (only its dtype), as the recorder sees it.
  public mutating func drawSeed() -> Int64 {
    let before = wordsDrawn
    let value = Int64(engine.next64() & UInt64(Int64.max))
    report(
      from: before, operation: "random_", distribution: "integers",
      parameters: [.init("dtype", "int64")],
      shape: [], values: .int64([value]))
    return value
  }
}
