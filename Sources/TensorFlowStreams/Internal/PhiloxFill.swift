// Internal: TensorFlow's CPU fill of a random op's output from a Philox
// start position. Stateful kernels and stateless ops share it.

import RNGBits

/// The Philox position one op run reads from, and the distributions that
/// fill an output from it.
///
/// Fixed-size distributions: output group `g` (4 values for 32-bit dtypes,
/// 2 for 64-bit ones, 4 normals for float32, 2 for float64) comes from the
/// block at `start + g`, so the result does not depend on thread sharding.
///
/// Variable-size distributions (truncated normal): group `g` reads words one
/// at a time from its own generator started at `start + g × skip`, where
/// `skip` = group size × 256 / 4 blocks (256 for float32, 128 for float64).
struct PhiloxFill: Sendable {
  var counter: SIMD4<UInt32>
  var key: SIMD2<UInt32>

  @inline(__always)
  func block(_ index: Int) -> SIMD4<UInt32> {
    Philox4x32.block(counter: Philox4x32.add(counter, UInt64(index)), key: key)
  }

  /// Blocks the fixed-size fill of `count` outputs reads.
  static func blocks(count: Int, perBlock: Int) -> UInt64 {
    UInt64((count + perBlock - 1) / perBlock)
  }

  private func fill<T>(_ count: Int, perBlock: Int, _ produce: (SIMD4<UInt32>, inout [T]) -> Void) -> [T] {
    var out: [T] = []
    out.reserveCapacity(count + perBlock)
    var g = 0
    while out.count < count {
      produce(block(g), &out)
      g += 1
    }
    out.removeLast(out.count - count)
    return out
  }

  func uniformFloat32(_ count: Int) -> [Float] {
    fill(count, perBlock: 4) { b, out in
      out.append(uint32ToFloat(b[0])); out.append(uint32ToFloat(b[1]))
      out.append(uint32ToFloat(b[2])); out.append(uint32ToFloat(b[3]))
    }
  }

  func uniformFloat64(_ count: Int) -> [Double] {
    fill(count, perBlock: 2) { b, out in
      out.append(uint64ToDouble(b[0], b[1])); out.append(uint64ToDouble(b[2], b[3]))
    }
  }

  /// `lo + word % range` (no rejection: slightly biased, exactly as TensorFlow).
  func uniformInt32(_ count: Int, lo: Int32, range: UInt32) -> [Int32] {
    fill(count, perBlock: 4) { b, out in
      for i in 0..<4 { out.append(lo &+ Int32(bitPattern: b[i] % range)) }
    }
  }

  /// `lo + (w[2i] | w[2i+1] << 32) % range`.
  func uniformInt64(_ count: Int, lo: Int64, range: UInt64) -> [Int64] {
    fill(count, perBlock: 2) { b, out in
      for i in 0..<2 {
        let bits = UInt64(b[2 * i]) | (UInt64(b[2 * i + 1]) << 32)
        out.append(lo &+ Int64(bitPattern: bits % range))
      }
    }
  }

  func fullInt32(_ count: Int) -> [Int32] {
    fill(count, perBlock: 4) { b, out in
      for i in 0..<4 { out.append(Int32(bitPattern: b[i])) }
    }
  }

  func fullInt64(_ count: Int) -> [Int64] {
    fill(count, perBlock: 2) { b, out in
      for i in 0..<2 { out.append(Int64(bitPattern: UInt64(b[2 * i]) | (UInt64(b[2 * i + 1]) << 32))) }
    }
  }

  func normalFloat32(_ count: Int) -> [Float] {
    fill(count, perBlock: 4) { b, out in
      let (f0, f1) = boxMullerFloat(b[0], b[1])
      let (f2, f3) = boxMullerFloat(b[2], b[3])
      out.append(f0); out.append(f1); out.append(f2); out.append(f3)
    }
  }

  func normalFloat64(_ count: Int) -> [Double] {
    fill(count, perBlock: 2) { b, out in
      let (d0, d1) = boxMullerDouble(b[0], b[1], b[2], b[3])
      out.append(d0); out.append(d1)
    }
  }

  /// Blocks a truncated-normal output group owns (its generator's skip).
  static func truncatedGroupSkip(_ dtype: TensorFlowDType) -> UInt64 {
    dtype == .float32 ? 256 : 128
  }

  /// Standard normals with |x| < 2, four per group; each pair of words gives
  /// two candidates, the first (sine) one tested first.
  func truncatedNormalFloat32(_ count: Int) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(count + 4)
    var g = 0
    while out.count < count {
      var words = WordReader(counter: Philox4x32.add(counter, UInt64(g) * 256), key: key)
      var found = 0
      while found < 4 {
        let (f0, f1) = boxMullerFloat(words.next(), words.next())
        if abs(f0) < 2 {
          out.append(f0); found += 1
          if found == 4 { break }
        }
        if abs(f1) < 2 {
          out.append(f1); found += 1
        }
      }
      g += 1
    }
    out.removeLast(out.count - count)
    return out
  }

  /// Two per group, four words per candidate pair.
  func truncatedNormalFloat64(_ count: Int) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(count + 2)
    var g = 0
    while out.count < count {
      var words = WordReader(counter: Philox4x32.add(counter, UInt64(g) * 128), key: key)
      var found = 0
      while found < 2 {
        let (d0, d1) = boxMullerDouble(words.next(), words.next(), words.next(), words.next())
        if abs(d0) < 2 {
          out.append(d0); found += 1
          if found == 2 { break }
        }
        if abs(d1) < 2 {
          out.append(d1); found += 1
        }
      }
      g += 1
    }
    out.removeLast(out.count - count)
    return out
  }

  /// The row order `RandomShuffle` produces for `rows` rows: a forward
  /// Fisher–Yates, swapping row `i` with `i + word % (rows - i)`.
  func shufflePermutation(_ rows: Int) -> [Int] {
    var order = Array(0..<rows)
    guard rows > 1 else { return order }
    var words = WordReader(counter: counter, key: key)
    for i in 0..<(rows - 1) {
      let j = i + Int(words.next() % UInt32(truncatingIfNeeded: rows - i))
      order.swapAt(i, j)
    }
    return order
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension PhiloxFill {
  /// `Multinomial`'s CPU sampling of all rows from one generator.
  ///
  /// - Parameter lowest: the logits dtype's lowest finite value, the start
  ///   of the running maximum.
  func categorical(logits: [Double], rows: Int, classes: Int, samples: Int, lowest: Double) -> [Int64] {
    var words = WordReader(counter: counter, key: key)
    var out: [Int64] = []
    out.reserveCapacity(rows * samples)
    var cdf = [Double](repeating: 0, count: classes)
    for r in 0..<rows {
      let row = logits[(r * classes)..<((r + 1) * classes)]
      var maxLogit = lowest
      for v in row where v.isFinite { maxLogit = Swift.max(maxLogit, v) }
      var total = 0.0
      for (j, v) in row.enumerated() {
        if v.isFinite { total += exp(v - maxLogit) }
        cdf[j] = total
      }
      for _ in 0..<samples {
        let target = uint64ToDouble(words.next(), words.next()) * total
        // upper_bound: the first entry greater than target.
        var lo = 0
        var hi = classes
        while lo < hi {
          let mid = (lo + hi) / 2
          if cdf[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        out.append(Int64(lo))
      }
    }
    return out
  }
}

/// Reads a Philox stream one 32-bit word at a time, in block order
/// (TensorFlow's `SingleSampleAdapter`).
struct WordReader {
  var philox: Philox4x32
  var buffer: SIMD4<UInt32> = .zero
  var used = 4

  init(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) {
    philox = Philox4x32(counter: counter, key: key)
  }

  @inline(__always)
  mutating func next() -> UInt32 {
    if used == 4 {
      buffer = philox.nextBlock()
      used = 0
    }
    defer { used += 1 }
    return buffer[used]
  }
}
