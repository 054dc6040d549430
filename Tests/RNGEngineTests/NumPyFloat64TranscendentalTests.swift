import Foundation
import TestSupport
import Testing

@testable import RNGEngine

/// The ports of NumPy's float64 `exp`, `log`, `expm1`, `log1p` (SVML's, on
/// X86_V4 processors) and `tanh` (NumPy's own kernel) against digests of the
/// real NumPy 2.4.6's results over 21.1 million inputs
/// (fixtures/reference/numpy/measure_float64_transcendentals.py, which
/// describes the input kinds and the digest; this file regenerates the same
/// inputs from each case's description).
@Suite struct NumPyFloat64TranscendentalTests {
  /// One measured case: the function, how its inputs are made, and NumPy's digest.
  struct Case: Sendable, CustomTestStringConvertible {
    var function: String, kind: String, seed: UInt64, count: Int, per: Int, low: Double, high: Double
    var centers: [UInt64], width: Int, inputs: Int, digest: String
    var testDescription: String { "np.\(function) \(kind) (\(inputs) inputs)" }
  }

  static let cases: [Case] = {
    let url = Fixtures.url("reference/numpy/numpy_float64_transcendentals.json")
    let doc = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    return (doc["cases"] as! [[String: Any]]).map { c in
      Case(
        function: c["function"] as! String, kind: c["kind"] as! String, seed: UInt64(c["seed"] as? Int ?? 0),
        count: c["count"] as? Int ?? 0, per: c["per"] as? Int ?? 0, low: double(c["low"]), high: double(c["high"]), centers: (c["centers"] as? [String] ?? []).map { UInt64($0, radix: 16)! },
        width: c["width"] as? Int ?? 0, inputs: c["inputs"] as! Int, digest: c["digest"] as! String)
    }
  }()

  /// A double given as the hex digits of its bits (0 when absent).
  static func double(_ hex: Any?) -> Double { (hex as? String).map { Double(bitPattern: UInt64($0, radix: 16)!) } ?? 0 }

  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  static func splitmix(_ seed: UInt64, _ index: Int) -> UInt64 { mix(seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15) }

  /// The inputs of one case, as the measuring script makes them.
  static func inputs(_ c: Case) -> [UInt64] {
    switch c.kind {
    case "bits":
      return (0..<c.count).map { splitmix(c.seed, $0) }
    case "binades":
      return (0..<(2 * 2048 * c.per)).map { i in
        UInt64(i & 1) << 63 | UInt64((i >> 1) & 2047) << 52 | splitmix(c.seed, i) & (1 << 52 - 1)
      }
    case "uniform":
      return (0..<c.count).map { i in (c.low + (c.high - c.low) * (Double(splitmix(c.seed, i) >> 11) * 0x1p-53)).bitPattern }
    case "ulps":
      return c.centers.flatMap { center in (-c.width...c.width).map { center &+ UInt64(bitPattern: Int64($0)) } }
    default:
      Issue.record("unknown kind \(c.kind)")
      return []
    }
  }

  static func digest(_ outputs: [Double]) -> UInt64 {
    var sum: UInt64 = 0
    for (i, value) in outputs.enumerated() {
      let bits = value.isNaN ? 0x7FF8_0000_0000_0000 : value.bitPattern
      sum &+= mix(bits &+ mix(UInt64(i + 1)))
    }
    return sum
  }

  @Test func theFixtureHasBothFunctionsAndMillionsOfInputs() {
    #expect(Set(Self.cases.map(\.function)) == ["exp", "log", "expm1", "log1p", "tanh"])
    #expect(Self.cases.map(\.inputs).reduce(0, +) > 9_000_000)
  }

  @Test(arguments: cases) func matchesNumPy(_ c: Case) {
    let xs = Self.inputs(c)
    #expect(xs.count == c.inputs)
    let outputs = xs.map { bits in
      let x = Double(bitPattern: bits)
      switch c.function {
      case "exp": return NumPyFloat64ExpLog.exp(x)
      case "log": return NumPyFloat64ExpLog.log(x)
      case "expm1": return NumPyFloat64Expm1.expm1(x)
      case "log1p": return NumPyFloat64Log1p.log1p(x)
      default: return NumPyFloat64Tanh.tanh(x)
      }
    }
    #expect(String(Self.digest(outputs), radix: 16).leftPadded(16) == c.digest)
  }

  /// The reciprocal's steps are the processor's: measured with vrcp14sd and vrndscalesd themselves
  /// (fixtures/reference/numpy/measure_rcp14_steps.c). A step one 2^36-ulp block off changes about one
  /// log in 40,000 of that block, too few for the digests above to be sure to see.
  @Test func theReciprocalStepsAreTheProcessors() throws {
    let url = Fixtures.url("reference/numpy/rcp14_steps.json")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let steps = try #require(doc["steps"] as? [String]).map { UInt64($0, radix: 16) }
    #expect(steps == NumPyFloat64ExpLog.reciprocalSteps)
    #expect(doc["disagreed"] as? Int == 0)
  }

  /// A few values worked out by hand from the definitions (not from the port).
  @Test func specialValues() {
    #expect(NumPyFloat64ExpLog.exp(0) == 1)
    #expect(NumPyFloat64ExpLog.exp(-.infinity) == 0)
    #expect(NumPyFloat64ExpLog.exp(.infinity) == .infinity)
    #expect(NumPyFloat64ExpLog.exp(710) == .infinity)
    #expect(NumPyFloat64ExpLog.exp(-746) == 0)
    #expect(NumPyFloat64ExpLog.exp(.nan).isNaN)
    #expect(NumPyFloat64ExpLog.log(1) == 0)
    #expect(NumPyFloat64ExpLog.log(0) == -.infinity)
    #expect(NumPyFloat64ExpLog.log(-0.0) == -.infinity)
    #expect(NumPyFloat64ExpLog.log(-1).isNaN)
    #expect(NumPyFloat64ExpLog.log(.infinity) == .infinity)
    #expect(NumPyFloat64ExpLog.log(2) == 0.6931471805599453)
    #expect(NumPyFloat64Tanh.tanh(0) == 0)
    #expect(NumPyFloat64Tanh.tanh(-0.0).sign == .minus)
    #expect(NumPyFloat64Tanh.tanh(.infinity) == 1)
    #expect(NumPyFloat64Tanh.tanh(-.infinity) == -1)
    #expect(NumPyFloat64Tanh.tanh(.nan).isNaN)
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
