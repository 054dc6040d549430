import RNGTrace

/// `--device gpu` and `--threads N`: the order of training's sums
/// (``ReductionOrder``), made once per run.
///
/// ```swift
/// var options = ScriptRun.Options(path: "train.py", text: text)
/// options.device = "gpu"          // sums in an order drawn from a per-run seed
/// options.threads = 4             // or: sums cut into 4 blocks
/// ```
///
/// Edge cases: `--device cpu`, no option, or `--threads 1` keep the index
/// order; with both `--device gpu` and `--threads N`, the GPU's order is used
/// (the engine's training runs on one device).
extension ScriptRun {
  /// The devices `--device` accepts.
  public static let devices = ["cpu", "gpu"]

  static func reductionOrder(_ options: Options) -> ReductionOrder? {
    if options.device == "gpu" { return ReductionOrder(.gpu(seed: reductionSeed(options))) }
    if let threads = options.threads, threads > 1 { return ReductionOrder(.threads(threads)) }
    return nil
  }

  /// The run's seed for the GPU order: given, else derived from the entropy
  /// seed (so `--entropy-seed N` repeats it), else fresh.
  static func reductionSeed(_ options: Options) -> UInt64 {
    if let seed = options.reductionSeed { return seed }
    if let entropy = options.entropySeed { return entropy ^ 0x6F72_6465_7273_756D }  // "ordersum"
    return UInt64.random(in: .min ... .max)
  }

  /// `rngdiff.reduction_seed` for the trace's config, when the run's sums have a drawn order.
  static func reductionSeedSetting() -> [NamedValue] {
    guard case .gpu(let seed)? = ReductionOrder.current?.mode else { return [] }
    return [NamedValue("rngdiff.reduction_seed", String(seed))]
  }
}
