/// PyTorch's two CPU shuffles, as pure functions of a word source so each can be
/// checked on its own.
enum Permutation {
  /// `n` below which `randperm` uses the 32-bit forward shuffle: `(2^32 − 1) / 20`.
  static let insideOutThreshold: Int64 = Int64(UInt32.max / 20)

  /// Forward Fisher–Yates: for `i = 0 ..< n−1`, `z = random() % (n − i)` (biased
  /// modulo, one word), swap elements `i` and `i + z`. Draws `max(n − 1, 0)` words.
  static func forward(_ n: Int, random: () -> UInt32) -> [Int64] {
    var result = (0..<n).map { Int64($0) }
    if n < 2 { return result }
    result.withUnsafeMutableBufferPointer { r in
      for i in 0..<(n - 1) {
        let z = Int(UInt64(random()) % UInt64(n - i))
        r.swapAt(i, i + z)
      }
    }
    return result
  }

  /// The "inside-out" shuffle of large `n`: for `i = 0 ..< n`,
  /// `z = random64() % (i + 1)`, then `r[i] = r[z]; r[z] = i`. Draws `2n` words
  /// (one `random64()` per element, even when `i == 0`).
  static func insideOut(_ n: Int, random64: () -> UInt64) -> [Int64] {
    var result = [Int64](repeating: 0, count: n)
    result.withUnsafeMutableBufferPointer { r in
      for i in 0..<n {
        let z = Int(random64() % UInt64(i + 1))
        r[i] = r[z]
        r[z] = Int64(i)
      }
    }
    return result
  }
}
