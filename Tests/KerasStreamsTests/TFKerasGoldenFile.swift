// Test support (a copy of TensorFlowStreamsTests/GoldenFile.swift): reads fixtures/reference/*.jsonl golden cases and compares
// emulated values with them bit for bit.
//
// JSONDecoder, not JSONSerialization: on Linux JSONSerialization returns
// NSDecimalNumber, whose doubleValue is not always the nearest double
// (0.1748124361038208 came back as 0.17481243610382086).

import Foundation
import TensorFlowStreams
import TestSupport

/// A JSON number as both an exact Int64 (when it is one) and a Double.
struct GoldenNumber: Decodable {
  var int: Int64?
  var double: Double

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let b = try? c.decode(Bool.self) {
      int = b ? 1 : 0
      double = b ? 1 : 0
      return
    }
    int = try? c.decode(Int64.self)
    double = try c.decode(Double.self)
  }
}

struct GoldenOutput: Decodable {
  var call: Int
  var expr: String
  var dtype: String
  var shape: [Int]
  var values: [GoldenNumber]
}

struct GoldenCase: Decodable {
  var seed: Int64?
  var calls: [String]
  var outputs: [GoldenOutput]
}

struct GoldenDigest: Decodable {
  var seed: Int64?
  var call: String
  var dtype: String
  var shape: [Int]
  var fnv1a64: String
  var first: [Double]
}

enum Golden {
  static func lines(_ relative: String) throws -> [Data] {
    let text = try String(contentsOf: Fixtures.url(relative), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { Data($0.utf8) }
  }

  /// The cases of `fixtures/reference/<relative>` (header skipped).
  static func cases(_ relative: String) throws -> [GoldenCase] {
    try lines(relative).map { try JSONDecoder().decode(GoldenCase.self, from: $0) }
  }

  /// The digest cases of a `*_digests.jsonl` file.
  static func digests(_ relative: String) throws -> [GoldenDigest] {
    try lines(relative).map { try JSONDecoder().decode(GoldenDigest.self, from: $0) }
  }

  /// FNV-1a 64 over the little-endian bytes of the values, as the
  /// generator scripts compute it.
  static func fnv1a64(_ values: TensorValues) -> String {
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
    }
    let digits = String(h, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// `nil` when `values` equal the golden output bit for bit, otherwise a
  /// description of the first difference.
  static func mismatch(_ values: TensorValues, shape: [Int], _ golden: GoldenOutput) -> String? {
    if values.dtype.rawValue != golden.dtype { return "dtype \(values.dtype.rawValue) != \(golden.dtype)" }
    if shape != golden.shape { return "shape \(shape) != \(golden.shape)" }
    if values.count != golden.values.count { return "count \(values.count) != \(golden.values.count)" }
    for i in 0..<values.count {
      let g = golden.values[i]
      let same: Bool
      let ours: String
      switch values {
      case .float32(let v):
        same = Double(v[i]).bitPattern == g.double.bitPattern
        ours = "\(v[i])"
      case .float64(let v):
        same = v[i].bitPattern == g.double.bitPattern
        ours = "\(v[i])"
      case .int32(let v):
        same = Int64(v[i]) == g.int
        ours = "\(v[i])"
      case .int64(let v):
        same = v[i] == g.int
        ours = "\(v[i])"
      }
      if !same { return "element \(i): ours \(ours), golden \(g.int.map(String.init) ?? "\(g.double)")" }
    }
    return nil
  }
}
