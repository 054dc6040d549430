import NumPyStreams
import RNGBits
import RNGStreams
import TestSupport
import Testing

/// `RandomState<PCG64>`, `<PCG64DXSM>`, `<Philox4x64>`, `<SFC64>` as a Swift
/// caller builds them (each specialised at compile time, not through
/// `NumPyAnyBitGenerator`): the values real NumPy 2.4.6 printed for
/// `RandomState(X(5))` in numpy-bits/numpy_randomstate_bits.jsonl, and the
/// outputs each call consumed.
@Suite struct RandomStateBitGeneratorTests {
  /// The golden values and counts of `RandomState(<kind>(5))`'s call number `call`.
  func golden(_ kind: String, call: Int) throws -> (values: [String], count: UInt64?) {
    let file = try GoldenFile.reference("numpy-bits/numpy_randomstate_bits.jsonl")
    let goldenCase = try #require(file.cases.first { GoldenFile.calls($0).first == "b = \(kind)(5)" })
    let output = try #require(GoldenFile.outputs(goldenCase, call: call).first)
    let count = goldenCase["counts"]?.array?[call].int.map(UInt64.init)
    return (GoldenFile.values(output), count)
  }

  func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
  func bits(_ texts: [String]) -> [UInt64] { texts.compactMap { Double($0)?.bitPattern } }

  func check<B: NumPyBitSource>(_: B.Type, _ kind: String) throws {
    let log = DrawLog()
    let seq = SeedSequence(entropy: [5])
    var rs = RandomState(bitGenerator: B(seedSequence: seq), seedSequence: seq, name: "RandomState#1", observer: log)
    // Calls 2...7 of the case: random_sample(3), standard_normal(3), standard_normal(2), randn(),
    // randint(0, 10, 5), randint(0, 2**40, 3).
    let uniform = try rs.randomSample(count: 3)
    let normal3 = try rs.standardNormal(count: 3)
    let normal2 = try rs.standardNormal(count: 2)
    let normal1 = try rs.randn(count: 1, shape: [])
    let small = try rs.randint(low: 0, high: 10, count: 5)
    let wide = try rs.randint(low: 0, high: 1 << 40, count: 3)
    #expect(bits(uniform) == bits(try golden(kind, call: 2).values))
    #expect(bits(normal3) == bits(try golden(kind, call: 3).values))
    #expect(bits(normal2) == bits(try golden(kind, call: 4).values))
    #expect(bits(normal1) == bits(try golden(kind, call: 5).values))
    #expect(small == .int64(try golden(kind, call: 6).values.compactMap { Int64($0) }))
    #expect(wide == .int64(try golden(kind, call: 7).values.compactMap { Int64($0) }))
    let counts = try (2...7).map { try golden(kind, call: $0).count }
    #expect(log.draws.map(\.count) == counts.compactMap { $0 })
    #expect(log.draws.allSatisfy { $0.stream.counterUnit == .word64 && $0.stream.algorithm == rs.bitGenerator.algorithm })
  }

  @Test func pcg64() throws { try check(PCG64.self, "PCG64") }
  @Test func pcg64dxsm() throws { try check(PCG64DXSM.self, "PCG64DXSM") }
  @Test func philox() throws { try check(Philox4x64.self, "Philox") }
  @Test func sfc64() throws { try check(SFC64.self, "SFC64") }
}
