import Foundation
@testable import JAXStreams
import TestSupport
import Testing

/// XLA CPU's float32 `lgamma` for `x ≥ ½` (what `poisson`'s rejection
/// sampler calls) against jaxlib 0.10.2 over 2 097 152 inputs:
/// fixtures/reference/jax/xla_lgamma.json, written by generate_xla_lgamma.py,
/// which documents the inputs and the digest.
@Suite struct XLALgammaAgreementTests {
  struct Entry: Decodable {
    var count: Int
    var digest: String
    var samples: [[String]]
  }

  struct File: Decodable {
    var lgamma32: Entry
  }

  static let count = 1 << 20

  /// The inputs generate_xla_lgamma.py builds: every binade from ½ to 10⁷, then 1 … 2²⁰.
  static func inputs() -> [Float] {
    let lo = Float(0.5).bitPattern, hi = Float(1e7).bitPattern
    let step = (hi - lo) / UInt32(count)
    let spread = (0..<count).map { Float(bitPattern: lo + UInt32($0) * step) }
    return spread + (0..<count).map { Float($0 + 1) }
  }

  /// `lgamma(x)` as the loop computes it: `z = x − 1` in float32.
  static func lgamma(_ x: Float) -> Float { XLAFloat32Math.lgammaShifted(x - 1) }

  @Test func agreesBitForBit() throws {
    let data = try Data(contentsOf: Fixtures.url("reference/jax/xla_lgamma.json"))
    let entry = try JSONDecoder().decode(File.self, from: data).lgamma32
    let inputs = Self.inputs()
    #expect(inputs.count == entry.count)
    for pair in entry.samples {
      let x = try #require(Double(pair[0])), want = try #require(Double(pair[1]))
      let got = Self.lgamma(Float(x))
      #expect(Double(got).bitPattern == want.bitPattern, "lgamma(\(pair[0])) = \(got), JAX \(pair[1])")
    }
    var sum: UInt64 = 0
    for (i, x) in inputs.enumerated() {
      sum &+= (UInt64(Self.lgamma(x).bitPattern) ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    }
    #expect(String(sum) == entry.digest)
  }
}
