import Foundation
import RNGStreams
import TestSupport
import TorchStreams

/// The checksum of fixtures/reference/torch/generate_torch.py:
/// `sum(bits[i] * M**(i+1)) mod 2**64` over each element's bit pattern widened to
/// 64 bits (float32 bits zero-extended, float64 bits, int64 two's complement).
/// `M` is odd, so any single changed element changes the checksum.
struct Checksum {
  static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
  private(set) var value: UInt64 = 0
  private var power: UInt64 = 1
  private(set) var count = 0

  mutating func add(_ word: UInt64) {
    power = power &* Self.multiplier
    value = value &+ word &* power
    count += 1
  }

  mutating func add(_ values: DrawnValues) {
    switch values {
    case .float32(let v): for x in v { add(UInt64(x.bitPattern)) }
    case .float64(let v): for x in v { add(x.bitPattern) }
    default: for x in values.integers ?? [] { add(UInt64(bitPattern: x)) }
    }
  }

  var hex: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// One run of checksums-<capability>.json.
struct ChecksumRun: Decodable {
  let seed: Int64
  let calls: [String]
  let dtype: String
  let count: Int
  let checksum: String
}

struct ChecksumFile: Decodable {
  let runs: [ChecksumRun]

  static func load(_ name: String) throws -> ChecksumFile {
    let data = try Data(contentsOf: Fixtures.url("reference/torch/\(name)"))
    return try JSONDecoder().decode(ChecksumFile.self, from: data)
  }
}
