import JAXStreams
import RNGStreams
import Testing

/// Values quoted in the research notes (shared/research/rng-semantics.md §7),
/// produced by jax 0.10.2 on CPU; the golden files cover the same ground at
/// scale.
@Suite struct JAXKnownAnswerTests {
  let random = JAXRandom()

  @Test func splitFoldInAndBits() throws {
    #expect(try random.split(random.prngKey(0), num: 3).map(\.data)
      == [[1_797_259_609, 2_579_123_966], [928_981_903, 3_453_687_069], [4_146_024_105, 2_718_843_009]])
    #expect(try random.foldIn(random.prngKey(0), 5).data == [1_524_306_142, 1_887_795_613])
    #expect(try random.split(random.prngKey(42)).map(\.data) == [[1_832_780_943, 270_669_613], [64_467_757, 2_916_123_636]])
    #expect(try random.bits(random.prngKey(0), shape: [3]).integers == [4_070_199_207, 4_202_968_722, 1_427_181_096])
  }

  @Test func uniformAndNormal() throws {
    #expect(try random.uniform(random.prngKey(0), shape: [3]).floats
      == [0.9476670026779175, 0.9785798788070679, 0.33229148387908936])
    #expect(try random.uniform(random.prngKey(42), shape: [3]).floats
      == [0.48870956897735596, 0.6797971725463867, 0.6162714958190918])
    let legacy = JAXRandom(config: JAXConfig(threefryPartitionable: false))
    #expect(try legacy.uniform(legacy.prngKey(0), shape: [3]).floats
      == [0.96532142162323, 0.31468164920806885, 0.6330299377441406])
    #expect(try random.normal(random.prngKey(0), shape: [3]).floats
      == [1.622642159461975, 2.0252647399902344, -0.4335944354534149])
    #expect(try random.normal(random.prngKey(42), shape: [3]).floats
      == [-0.02830461598932743, 0.4671318531036377, 0.2957029640674591])
  }

  @Test func seedsAreCutToThirtyTwoBitsWithoutX64() throws {
    #expect(try random.prngKey(42).data == [0, 42])
    #expect(try random.prngKey(4_294_967_301).data == [0, 5])
    #expect(try random.prngKey(-1).data == [0, 4_294_967_295])
    let x64 = JAXRandom(config: JAXConfig(enableX64: true))
    #expect(try x64.prngKey(4_294_967_301).data == [1, 5])
    #expect(try x64.prngKey(-1).data == [4_294_967_295, 4_294_967_295])
  }

  @Test func versionDefaults() throws {
    #expect(try JAXConfig(version: "0.4.35").threefryPartitionable == false)
    #expect(try JAXConfig(version: "0.5.0").threefryPartitionable == true)
    #expect(try JAXConfig(version: "0.10.2") == JAXConfig())
    #expect(try JAXConfig(version: "1.0").threefryPartitionable == true)
    #expect(throws: FrameworkError.self) { try JAXConfig(version: "latest") }
    #expect(throws: FrameworkError.self) { try JAXConfig(version: "") }
  }
}
