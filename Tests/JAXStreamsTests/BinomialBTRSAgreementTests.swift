import Foundation
import JAXStreams
import TestSupport
import Testing

/// `jax.random.binomial`'s BTRS branch against jaxlib 0.10.2 over 2¹⁴ to
/// 2¹⁸ elements per case, float32 and float64: fixtures/reference/jax/jax_binomial_btrs_digests.json,
/// written by generate_jax_binomial_digests.py, which documents the digest.
/// So many elements are needed for XLA CPU's FMA contractions to show in
/// the samples; the few thousand values of jax_binomial_btrs.jsonl are
/// checked through `rngdiff sample jax` (JAXDistributionSampleTests).
@Suite struct BinomialBTRSAgreementTests {
  struct Case: Decodable, Sendable {
    var call: String
    var seed: Int
    var n: Double
    var p: Double
    var size: Int
    var x64: Bool
    var count: Int
    var digest: String
    var samples: [Double]
  }

  struct File: Decodable {
    var cases: [Case]
  }

  static let cases: [Case] = {
    guard let data = try? Data(contentsOf: Fixtures.url("reference/jax/jax_binomial_btrs_digests.json")),
          let file = try? JSONDecoder().decode(File.self, from: data)
    else { return [] }
    return file.cases
  }()

  static func digest(_ bits: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    for (i, b) in bits.enumerated() { sum &+= (b ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9 }
    return sum
  }

  @Test func theDigestFileIsThere() {
    #expect(Self.cases.count == 10)
    #expect(Set(Self.cases.map(\.x64)) == [false, true])
  }

  @Test(arguments: cases)
  func samplesAgreeBitForBit(_ c: Case) throws {
    let random = JAXRandom(config: JAXConfig(enableX64: c.x64))
    let values = try random.binomial(random.key(c.seed), n: [c.n], nShape: [], p: [c.p], pShape: [], shape: [c.size])
    let bits: [UInt64]
    let doubles: [Double]
    switch values {
    case .float32(let v): bits = v.map { UInt64($0.bitPattern) }; doubles = v.map { Double($0) }
    case .float64(let v): bits = v.map(\.bitPattern); doubles = v
    default: Issue.record("\(c.call) gave \(values)"); return
    }
    #expect(bits.count == c.count)
    let every = c.count / c.samples.count
    let firstWrong = c.samples.indices.first { doubles[$0 * every] != c.samples[$0] }
    #expect(firstWrong == nil, "\(c.call): element \((firstWrong ?? 0) * every) is \(doubles[(firstWrong ?? 0) * every]), JAX \(c.samples[firstWrong ?? 0])")
    #expect(String(Self.digest(bits)) == c.digest, "\(c.call), x64 \(c.x64)")
  }
}

extension BinomialBTRSAgreementTests.Case: CustomTestStringConvertible {
  var testDescription: String { "\(call) x64=\(x64)" }
}
