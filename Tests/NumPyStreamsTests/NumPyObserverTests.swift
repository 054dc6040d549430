import NumPyStreams
import RNGStreams
import Testing

/// Draw reports: one per call, contiguous counters, and counts equal to the
/// words NumPy 2.4.6 itself consumed (measured with `get_state()` for
/// MT19937 and by stepping PCG64 until its state matched).
@Suite struct NumPyObserverTests {
  func checkContiguous(_ draws: [DrawReport], endingAt counter: UInt64) {
    #expect(draws.first?.counterBefore == 0)
    for (previous, next) in zip(draws, draws.dropFirst()) {
      #expect(next.counterBefore == previous.counterAfter, "\(previous.operation) -> \(next.operation)")
    }
    #expect(draws.last?.counterAfter == counter)
  }

  @Test func legacyReportsMatchNumPyWordCounts() throws {
    let log = DrawLog()
    var rs = try RandomState(seed: 0)
    rs.observer = log
    let randn3 = try rs.randn(count: 3)
    _ = try rs.random(count: 2)
    _ = try rs.randn(count: 1)
    _ = try rs.randint(low: 0, high: 10, count: 5)
    _ = try rs.randint(low: 0, high: 1 << 40, count: 4)
    let small = try rs.randint(low: 0, high: 5, count: 10, dtype: .uint8)
    var x = Array(0..<10)
    rs.shuffle(&x)
    _ = try rs.choice(.range(10), count: 3, replace: false)
    _ = try rs.uniform(low: 0, high: 1, count: 3)
    _ = try rs.normal(loc: 0, scale: 1, count: 2)
    _ = rs.permutation(5)
    _ = try rs.bytes(length: 5)

    #expect(log.draws.map(\.count) == [8, 4, 0, 5, 8, 4, 15, 11, 6, 4, 4, 2])
    #expect(log.draws.map(\.operation) == [
      "randn", "random", "randn", "randint", "randint", "randint", "shuffle", "choice", "uniform", "normal",
      "permutation", "bytes",
    ])
    checkContiguous(log.draws, endingAt: rs.bitGenerator.wordsDrawn)
    #expect(log.draws.allSatisfy { $0.stream.name == "global" && $0.stream.counterUnit == .word32 })
    #expect(log.draws[0].values == .float64(randn3))
    #expect(log.draws[5].values == small)
    #expect(log.draws[5].parameters.contains(DrawReport.Parameter("dtype", "uint8")))
    #expect(log.draws[0].stream.seedMaterial == "init_genrand(0)")
  }

  @Test func generatorReportsMatchNumPyWordCounts() throws {
    let log = DrawLog()
    var rng = try NumPyGenerator(seed: 0)
    rng.observer = log
    _ = try rng.integers(low: 0, high: 10, count: 3)
    _ = try rng.random(count: 1)
    _ = try rng.integers(low: 0, high: 10, count: 1)
    _ = try rng.random(count: 1, dtype: .float32)
    _ = try rng.standardNormal(count: 5)
    _ = try rng.choice(.range(20), count: 5, replace: false)
    var x = Array(0..<6)
    rng.shuffle(&x)
    _ = try rng.integers(low: 0, high: 1 << 40, count: 2)

    #expect(log.draws.map(\.count) == [2, 1, 0, 1, 5, 4, 3, 2])
    checkContiguous(log.draws, endingAt: rng.bitGenerator.wordsDrawn)
    #expect(log.draws.allSatisfy { $0.stream.name == "default_rng(0)" && $0.stream.counterUnit == .word64 })
  }

  @Test func reseedingStartsANewStreamAndClearsTheCache() throws {
    let log = DrawLog()
    var rs = try RandomState(seed: 7, name: RandomState.instanceName(1))
    rs.observer = log
    _ = try rs.randn(count: 1)
    #expect(rs.hasGauss)
    try rs.seed(array: [1, 2, 3])
    #expect(!rs.hasGauss)
    _ = try rs.random(count: 1)
    #expect(log.draws.count == 2)
    #expect(log.draws[1].counterBefore == 0)
    #expect(log.draws[1].stream.seedMaterial == "init_by_array([1, 2, 3])")
    #expect(log.draws[1].stream.name == "RandomState#1")
  }

  /// `bytes(n)` word counts NumPy 2.4.6 consumed (`get_state()` positions):
  /// C division of `n - 1` by 4, so `bytes(0)` still draws a word.
  @Test(arguments: [(0, 1, 0), (-1, 1, 3), (-2, 1, 2), (-3, 0, 0), (-6, 0, 0), (1, 1, 1), (5, 2, 5), (8, 2, 8)])
  func bytesWordCounts(length: Int, words: Int, kept: Int) throws {
    let log = DrawLog()
    var rs = try RandomState(seed: 0)
    rs.observer = log
    #expect(try rs.bytes(length: length).count == kept)
    #expect(log.draws.map(\.count) == [UInt64(words)])
    #expect(throws: FrameworkError.self) { try rs.bytes(length: -7) }
  }

  @Test func noObserverDrawsTheSameValues() throws {
    var watched = try RandomState(seed: 3)
    watched.observer = DrawLog()
    var plain = try RandomState(seed: 3)
    #expect(try watched.randn(count: 9) == plain.randn(count: 9))
    var a = Array(0..<50)
    var b = a
    watched.shuffle(&a)
    plain.shuffle(&b)
    #expect(a == b)
  }
}
