import PythonStreams
import RNGStreams
import Testing

/// Known answers restated from CPython 3.11.7 (the golden files under
/// fixtures/reference/python are checked through `rngdiff sample` in
/// RNGEngineTests' GoldenSampleCases).
@Suite struct PythonKnownAnswerTests {
  @Test func knownAnswers() throws {
    var r = PythonRandom(seed: 0)
    #expect([r.random(), r.random(), r.random()] == [0.8444218515250481, 0.7579544029403025, 0.420571580830845])
    var h = try PythonRandom(seed: .string("hello"))
    #expect(h.random() == 0.3537754404730722)
    var g = PythonRandom(seed: 42)
    #expect(g.getrandbits(64) == 2_053_695_854_357_871_005)
  }
}
