import RNGStreams
import Testing
import TensorFlowStreams

/// `tf.random.Generator`: values and states printed by the real
/// TensorFlow 2.21 (CPU) for a few calls, how far each call advances the
/// state, what an observer hears, and the errors. The full matrix of calls
/// is checked against tensorflow_generator.jsonl in GoldenSampleCases.
@Suite struct TensorFlowGeneratorTests {
  /// `Generator.from_seed(seed)` for a small non-negative int: state `[seed, 0, 0]`.
  func fromSeed(_ seed: UInt64) -> TensorFlowGenerator {
    TensorFlowGenerator(
      seedVector: TensorFlowGenerator.state(fromSeedWords: [seed], negative: false), name: "generator#1",
      seeding: .explicit(call: "Generator.from_seed"))
  }

  @Test func everyCallAdvancesTheCounterBy256BlocksPerElement() throws {
    // g = tf.random.Generator.from_seed(1234); g.uniform([3]); g.state; g.normal([5]); ...
    var g = fromSeed(1234)
    #expect(g.state == [1234, 0, 0])
    #expect(try g.uniform([3]) == .float32([0.3581475019454956, 0.11322760581970215, 0.566709041595459]))
    #expect(g.state == [2002, 0, 0])
    #expect(try g.normal([5]) == .float32([1.1264246, -1.0338292, 0.25710702, -0.10831461, -0.39451364]))
    #expect(g.state == [3282, 0, 0])
    #expect(try g.truncatedNormal([5]) == .float32([0.033584028482437134, -0.004219466354697943, 0.44982507824897766, 1.2387582063674927, -0.002865039510652423]))
    #expect(g.state == [4562, 0, 0])
    #expect(try g.uniformFullInt([3])
      == .uint64([13_550_080_746_247_647_081, 12_595_002_055_440_747_698, 15_859_094_415_861_869_136]))
    #expect(g.state == [5330, 0, 0])
    #expect(try g.makeSeeds(count: 2) == [-8_011_759_062_544_157_638, 5_830_123_041_989_737_674, 0, 0])
    #expect(g.state == [5842, 0, 0])
    let children = try g.split(names: ["a", "b"])
    #expect(children.map(\.state) == [[0, 0, -1_723_169_384_922_343_483], [0, 0, 2_721_854_723_098_062_781]])
    #expect(g.state == [6354, 0, 0])
    #expect(try g.uniform([3], minval: 2, maxval: 9, dtype: .int32) == .int32([8, 7, 3]))
    #expect(try g.uniform([3], minval: nil, maxval: nil, dtype: .int64)
      == .int64([-4_418_417_772_478_619_720, -8_115_386_375_356_442_330, -1_561_464_140_214_881_698]))
    #expect(try g.uniform([], dtype: .float64) == .float64([0.8954551807729696]))
    #expect(g.state == [8146, 0, 0])
  }

  @Test func theCounterIs128Bits() throws {
    // tf.random.Generator.from_state([-1, -1, 3], alg=1).uniform([2]) wraps the counter.
    var g = try TensorFlowGenerator(state: [-1, -1, 3], name: "g", seeding: .entropy)
    #expect(try g.uniform([2]) == .float32([0.4554547, 0.9778563]))
    #expect(g.state == [511, 0, 3])
    var h = try TensorFlowGenerator(state: [1, 2, 3], name: "h", seeding: .entropy)
    #expect(try h.uniform([2]) == .float32([0.45901167, 0.53342485]))
    #expect(h.state == [513, 2, 3])
  }

  @Test func seedsBecomeStatesAsCreateRngStateMakesThem() {
    #expect(TensorFlowGenerator.state(fromSeedVector: [1, 2]) == [0, 1, 2])
    #expect(TensorFlowGenerator(seedVector: [1, 2], name: "g", seeding: .entropy).state == [0, 1, 2])
    #expect(TensorFlowGenerator.state(fromSeedVector: [1, 2, 3, 4]) == [1, 2, 3])
    #expect(TensorFlowGenerator.state(fromSeedWords: [UInt64.max], negative: true) == [-1, -1, -1])
    #expect(TensorFlowGenerator.state(fromSeedWords: [5, 64], negative: false) == [5, 64, 0])
  }

  @Test func reportsAreContiguousAndResetsStartANewStream() throws {
    let log = DrawLog()
    var g = fromSeed(7)
    _ = try g.uniform([3], observer: log)
    _ = try g.normal([2], dtype: .float64, observer: log)
    #expect(log.draws.map(\.counterBefore) == [0, 768])
    #expect(log.draws.map(\.count) == [768, 512])
    #expect(log.draws.map(\.stream.name) == ["generator#1", "generator#1"])
    try g.reset(state: [7, 0, 0], seeding: .explicit(call: "reset_from_seed(7)"))
    let again = try g.uniform([3], observer: log)
    #expect(log.draws.last?.stream.name == "generator#1/reset1")
    #expect(log.draws.last?.counterBefore == 0)
    #expect(log.draws.first?.values == again)  // same state, same values
    let children = try g.split(names: ["generator#2"], observer: log)
    #expect(log.derivations.last?.rule == "tf.random.Generator.split")
    #expect(log.derivations.last?.derived == children[0].stream)
  }

  @Test func badInputIsRefusedWithoutAdvancing() throws {
    var g = fromSeed(1)
    #expect(throws: FrameworkError.self) { try g.uniform([3], minval: 0, maxval: nil, dtype: .int32) }
    #expect(throws: FrameworkError.self) { try g.uniform([3], minval: 5, maxval: 5, dtype: .int64) }
    #expect(throws: FrameworkError.self) { try g.normal([3], dtype: .int32) }
    #expect(throws: FrameworkError.self) { try g.uniform([-1]) }
    #expect(g.state == [1, 0, 0])
    #expect(throws: FrameworkError.self) { try TensorFlowGenerator(state: [1, 2], name: "g", seeding: .entropy) }
  }
}
