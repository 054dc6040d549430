/// The seeds a PyTorch DataLoader worker starts with (torch ≥ 1.9,
/// `torch/utils/data/_utils/worker.py`): from the iterator's `base_seed`
/// (drawn once per `iter(loader)`, see ``TorchGenerator/drawSeed()``) and the
/// worker's id.
///
/// ```swift
/// let w = TorchWorkerSeeds(baseSeed: 900450186894289455, workerID: 1)
/// w.seed          // 900450186894289456: torch.manual_seed and random.seed
/// w.numpyState    // four uint32 words for np.random.seed (init_by_array)
/// ```
///
/// Edge cases: `seed` is `base_seed + worker_id` as a Python int; `base_seed`
/// is below 2^63, so it never wraps. NumPy is seeded only when the worker
/// process has NumPy imported; `worker_init_fn` runs after all three seedings.
public struct TorchWorkerSeeds: Sendable, Hashable {
  /// The iterator's `_base_seed`.
  public var baseSeed: UInt64
  /// `get_worker_info().id`.
  public var workerID: Int

  public init(baseSeed: UInt64, workerID: Int) {
    self.baseSeed = baseSeed
    self.workerID = workerID
  }

  /// `base_seed + worker_id`: the worker's `torch.manual_seed`, `random.seed`
  /// and `get_worker_info().seed`.
  public var seed: UInt64 { baseSeed &+ UInt64(workerID) }

  /// `_generate_state(base_seed, worker_id)`: the `np.random.seed` words, a
  /// SeedSequence-style hash of `[worker_id, base_seed & 0xFFFFFFFF,
  /// base_seed >> 32, 0]` into four 32-bit words.
  public var numpyState: [UInt32] {
    let entropy: [UInt32] = [
      UInt32(truncatingIfNeeded: workerID), UInt32(truncatingIfNeeded: baseSeed), UInt32(truncatingIfNeeded: baseSeed >> 32), 0,
    ]
    var hashConstant: UInt32 = 0x43B0_D7E5
    func hash(_ value: UInt32) -> UInt32 {
      var v = value ^ hashConstant
      hashConstant = hashConstant &* 0x931E_8875
      v = v &* hashConstant
      return v ^ (v >> 16)
    }
    func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
      let r = (0xCA01_F9DD &* x) &- (0x4973_F715 &* y)
      return r ^ (r >> 16)
    }
    var pool = entropy.map(hash)
    for source in 0..<4 {
      for destination in 0..<4 where source != destination {
        pool[destination] = mix(pool[destination], hash(pool[source]))
      }
    }
    var outputConstant: UInt32 = 0x8B51_F9DD
    return pool.map { word in
      var v = word ^ outputConstant
      outputConstant = outputConstant &* 0x58F3_8DED
      v = v &* outputConstant
      return v ^ (v >> 16)
    }
  }
}
