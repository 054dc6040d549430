import Foundation
@testable import JAXStreams
import TestSupport
import Testing

/// XLA CPU's own float32 `exp`/`log` and float64 `exp` (and the C library's
/// float64 `log` with denormals-are-zero, and its `pow`/`powf` with
/// flush-to-zero) against jaxlib 0.10.2 over 2–3 million inputs each: fixtures/reference/jax/xla_math.json, written by
/// generate_xla_math.py, which documents the inputs and the digest.
@Suite struct XLAMathAgreementTests {
  struct Entry: Decodable {
    var count: Int
    var digest: String
    var samples: [[String]]
  }

  struct File: Decodable {
    var functions: [String: Entry]
  }

  /// The committed entry of `name` (`exp32`, `log64`, …).
  static func entry(_ name: String) throws -> Entry? {
    let data = try Data(contentsOf: Fixtures.url("reference/jax/xla_math.json"))
    return try JSONDecoder().decode(File.self, from: data).functions[name]
  }

  static let count = 1 << 20

  /// The inputs generate_xla_math.py builds, as bit patterns.
  static func inputs32(_ function: String) -> [UInt32] {
    let top = (function == "exp" ? Float(90) : Float(10)).bitPattern
    let spread = (0..<count).map { UInt32(truncatingIfNeeded: UInt64($0) &* 4096 &+ UInt64($0 % 4093)) }
    let dense = (0..<count).map { UInt32($0) &* (top >> 20) }
    return function == "log" ? spread.map { $0 & 0x7FFF_FFFF } + dense : spread + dense + dense.map { $0 | 0x8000_0000 }
  }

  static func inputs64(_ function: String) -> [UInt64] {
    let top = (function == "exp" ? Double(720) : Double(10)).bitPattern
    let spread = (0..<count).map { UInt64($0) &* (1 << 44) &+ UInt64($0) &* 7919 }
    let dense = (0..<count).map { UInt64($0) &* (top >> 20) }
    let sign: UInt64 = 1 << 63
    return function == "log" ? spread.map { $0 & ~sign } + dense : spread + dense + dense.map { $0 | sign }
  }

  static func digest(_ bits: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    for (i, b) in bits.enumerated() { sum &+= (b ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9 }
    return sum
  }

  /// The first sample (input, output) the emulation gets wrong, described.
  static func firstWrongSample(_ entry: Entry, _ f: (Double) -> Double) -> String? {
    for pair in entry.samples {
      guard let x = Double(pair[0]), let want = Double(pair[1]) else { return "unreadable sample \(pair)" }
      let got = f(x)
      if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) { return "f(\(pair[0])) = \(got), JAX \(pair[1])" }
    }
    return nil
  }

  @Test(arguments: ["exp", "log"])
  func float32AgreesBitForBit(function: String) throws {
    let entry = try #require(try Self.entry("\(function)32"))
    let exp = function == "exp"
    let f: (Float) -> Float = { exp ? XLAFloat32Math.exp($0) : XLAFloat32Math.log($0) }
    let inputs = Self.inputs32(function)
    #expect(inputs.count == entry.count)
    let outputs = inputs.map { bits -> UInt64 in
      let y = f(Float(bitPattern: bits))
      return UInt64(y.isNaN ? Float.nan.bitPattern : y.bitPattern)
    }
    #expect(Self.firstWrongSample(entry, { Double(f(Float($0))) }) == nil)
    #expect(String(Self.digest(outputs)) == entry.digest)
  }

  @Test(arguments: ["exp", "log"])
  func float64AgreesBitForBit(function: String) throws {
    let entry = try #require(try Self.entry("\(function)64"))
    let exp = function == "exp"
    let f: (Double) -> Double = { exp ? XLAFloat64Math.exp($0) : XLAFloat64Math.log($0) }
    let inputs = Self.inputs64(function)
    #expect(inputs.count == entry.count)
    let outputs = inputs.map { bits -> UInt64 in
      let y = f(Double(bitPattern: bits))
      return y.isNaN ? Double.nan.bitPattern : y.bitPattern
    }
    #expect(Self.firstWrongSample(entry, f) == nil)
    #expect(String(Self.digest(outputs)) == entry.digest)
  }

  /// The bases of the `pow` entries: the `log` inputs, subnormal ones scaled by 2⁶⁰ (see ``XLAPow``).
  static func powBases32() -> [Float] {
    inputs32("log").map { Float(bitPattern: $0) }.map { $0.isSubnormal ? $0 * 0x1p60 : $0 }
  }

  static func powBases64() -> [Double] {
    inputs64("log").map { Double(bitPattern: $0) }.map { $0.isSubnormal ? $0 * 0x1p60 : $0 }
  }

  /// The exponents of the `pow` entries (generate_xla_math.py): in [−8, 8), exact in float32.
  static func exponents() -> [Double] {
    (0..<(2 * count)).map { (i: Int) -> Double in
      let mixed: UInt64 = (UInt64(i) &* 2_654_435_761) % (1 << 21)
      let centred: Int64 = Int64(mixed) - (1 << 20)
      return Double(centred) / 131_072
    }
  }

  @Test func powFloat32AgreesBitForBit() throws {
    let entry = try #require(try Self.entry("pow32"))
    let x = Self.powBases32(), y = Self.exponents().map { Float($0) }
    #expect(x.count == entry.count)
    let outputs = zip(x, y).map { a, b -> UInt64 in
      let z = XLAPow.pow(a, b)
      return UInt64(z.isNaN ? Float.nan.bitPattern : z.bitPattern)
    }
    for pair in entry.samples {
      let (a, b, want) = (try #require(Float(pair[0])), try #require(Float(pair[1])), try #require(Float(pair[2])))
      let got = XLAPow.pow(a, b)
      #expect(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN), "pow(\(pair[0]), \(pair[1])) = \(got), JAX \(pair[2])")
    }
    #expect(String(Self.digest(outputs)) == entry.digest)
  }

  @Test func powFloat64AgreesBitForBit() throws {
    let entry = try #require(try Self.entry("pow64"))
    let x = Self.powBases64(), y = Self.exponents()
    #expect(x.count == entry.count)
    let outputs = zip(x, y).map { a, b -> UInt64 in
      let z = XLAPow.pow(a, b)
      return z.isNaN ? Double.nan.bitPattern : z.bitPattern
    }
    for pair in entry.samples {
      let (a, b, want) = (try #require(Double(pair[0])), try #require(Double(pair[1])), try #require(Double(pair[2])))
      let got = XLAPow.pow(a, b)
      #expect(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN), "pow(\(pair[0]), \(pair[1])) = \(got), JAX \(pair[2])")
    }
    #expect(String(Self.digest(outputs)) == entry.digest)
  }
}
