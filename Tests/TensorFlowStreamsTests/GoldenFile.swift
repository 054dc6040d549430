// Test support: reads fixtures/reference/tensorflow/tensorflow_digests.jsonl,
// the long-run digests (not in golden.py's case format, so the shared
// golden harness skips the file).
//
// JSONDecoder, not JSONSerialization: on Linux JSONSerialization returns
// NSDecimalNumber, whose doubleValue is not always the nearest double.

import Foundation
import RNGStreams
import TensorFlowStreams
import TestSupport

struct GoldenDigest: Decodable {
  var seed: Int64?
  var call: String
  var dtype: String
  var shape: [Int]
  var fnv1a64: String
  var first: [Double]
}

enum Golden {
  /// The digest cases of `fixtures/reference/<relative>` (header skipped).
  static func digests(_ relative: String) throws -> [GoldenDigest] {
    let text = try String(contentsOf: Fixtures.url(relative), encoding: .utf8)
    return try text.split(separator: "\n").dropFirst().map { try JSONDecoder().decode(GoldenDigest.self, from: Data($0.utf8)) }
  }

  /// FNV-1a 64 over the little-endian bytes of the values, as the
  /// generator script computes it.
  static func fnv1a64(_ values: DrawnValues) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    func eat(_ word: UInt64, bytes: Int) {
      for i in 0..<bytes {
        h ^= (word >> (8 * UInt64(i))) & 0xFF
        h = h &* 0x0000_0100_0000_01B3
      }
    }
    switch values {
    case .float32(let v): v.forEach { eat(UInt64($0.bitPattern), bytes: 4) }
    case .float64(let v): v.forEach { eat($0.bitPattern, bytes: 8) }
    case .int32(let v): v.forEach { eat(UInt64(UInt32(bitPattern: $0)), bytes: 4) }
    case .int64(let v): v.forEach { eat(UInt64(bitPattern: $0), bytes: 8) }
    default: preconditionFailure("TensorFlow ops return float32, float64, int32 or int64, got \(values.dtypeName)")
    }
    let digits = String(h, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
