import RNGStreams
import Testing
@testable import TorchStreams

/// `torch.manual_seed` semantics. Expected values are the real library's:
/// golden cases, or what torch 2.15 printed for `torch.initial_seed()`.
@Suite struct SeedingTests {
  static let goldens = try! GoldenFile.load("torch-avx2.jsonl").cases

  static func golden(seed: String, call: String) -> GoldenOutput {
    let found = goldens.first { $0.seed.description == seed && $0.calls == [call] }
    return found!.outputs[0]
  }

  @Test func seedsEqualModulo2To32OnTheCPU() throws {
    // torch.manual_seed(2**32) and manual_seed(0) give the same CPU stream.
    let seedZero = Self.golden(seed: "0", call: "rand(5)").floats
    var g = try TorchGenerator(seed: UInt64(1) << 32)
    #expect(try g.rand([5]).doubles == seedZero)
    // -1 is 2**64 - 1, whose low 32 bits are 2**32 - 1.
    let seedMax32 = Self.golden(seed: "4294967295", call: "randn(7)").floats
    var h = try TorchGenerator(seed: -1)
    #expect(try h.randn([7]).doubles == seedMax32)
  }

  @Test func initialSeedKeepsTheFull64BitValue() throws {
    // Values printed by torch.initial_seed() after torch.manual_seed(s).
    #expect(try TorchGenerator(seed: -1).initialSeed == 18_446_744_073_709_551_615)
    #expect(try TorchGenerator(seed: Int64.min).initialSeed == 9_223_372_036_854_775_808)
    #expect(try TorchGenerator(seed: UInt64.max).initialSeed == 18_446_744_073_709_551_615)
    #expect(try TorchGenerator(seed: UInt64(1) << 32).initialSeed == 4_294_967_296)
    #expect(try TorchGenerator(seed: UInt64(1) << 32).stream.seedMaterial == "init_genrand(0)")
  }

  @Test func seedsOutsideTheInt64AndUInt64RangesThrow() throws {
    for seed in [Int128(1) << 64, -(Int128(1) << 63) - 1, Int128(1) << 100] {
      #expect(throws: FrameworkError.self) { _ = try TorchGenerator(seed: seed) }
      do {
        _ = try TorchGenerator(seed: seed)
      } catch let error as FrameworkError {
        #expect(error.message.hasPrefix("Overflow when unpacking long long"))
        #expect(error.parameter == "seed")
      }
    }
    var g = try TorchGenerator(seed: 3)
    _ = try g.rand([2])
    #expect(throws: FrameworkError.self) { try g.manualSeed(Int128(1) << 64) }
    #expect(g.initialSeed == 3 && g.wordsDrawn == 2, "a rejected seed leaves the generator unchanged")
    #expect(try TorchGenerator(seed: Int128(UInt64.max)).initialSeed == UInt64.max)
  }

  @Test func manualSeedClearsTheNormalCacheAndRestartsTheCounter() throws {
    var g = try TorchGenerator(seed: 0)
    _ = try g.randn([3])
    #expect(g.nextDoubleNormalSample != nil)
    try g.manualSeed(0)
    #expect(g.nextDoubleNormalSample == nil)
    #expect(g.wordsDrawn == 0)
    // Without the cache, randn(1) is the first value of a fresh seed-0 randn.
    let fresh = Self.golden(seed: "0", call: "randn(1)").floats
    #expect(try g.randn([1]).doubles == fresh)
  }

  @Test func theNormalCacheIsSharedAcrossDtypes() throws {
    // Golden: seed 1, `randn(1); randn(1, dtype=torch.float64); ...` -- the float64 call
    // returns, unrounded, the sine half of the pair the float32 call drew.
    let golden = try #require(Self.goldens.first { $0.seed.description == "1" && $0.calls.count == 4 })
    var g = try TorchGenerator(seed: 1)
    _ = try g.randn([1])
    let cached = try #require(g.nextDoubleNormalSample)
    let before = g.wordsDrawn
    let second = try g.randn([1], dtype: .float64)
    #expect(second == .float64([cached]))
    #expect(g.wordsDrawn == before)
    #expect(second.float64 == golden.outputs[1].floats)
  }

  @Test func unseededGeneratorsAreMarkedAsEntropy() {
    let g = TorchGenerator()
    #expect(g.stream.seeding == .entropy)
    #expect(g.stream.name == "cpu-default")
  }
}
