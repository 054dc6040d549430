import PythonStreams
import RNGStreams
import Testing

/// Draw reports: one per call, contiguous counters, and counts equal to the
/// words CPython 3.11.7 consumed (measured with `random.getstate()`).
@Suite struct PythonObserverTests {
  @Test func reportsMatchCPythonWordCounts() throws {
    let log = DrawLog()
    var r = PythonRandom(seed: 42)
    r.observer = log
    _ = r.random()
    _ = r.gauss()
    _ = r.gauss()
    _ = try r.randrange(10)
    _ = try r.getrandbitsWords(100)
    var x = Array(0..<10)
    r.shuffle(&x)
    _ = try r.sample(populationSize: 100, k: 5)
    _ = try r.randint(a: -(1 << 63), b: (1 << 63) - 1)
    _ = r.normalvariate()
    _ = try r.choice([1, 2, 3])

    #expect(log.draws.map(\.count) == [2, 4, 0, 1, 4, 14, 5, 3, 4, 2])
    #expect(log.draws.first?.counterBefore == 0)
    for (previous, next) in zip(log.draws, log.draws.dropFirst()) {
      #expect(next.counterBefore == previous.counterAfter)
    }
    #expect(log.draws.last?.counterAfter == r.mt.wordsDrawn)
    #expect(log.draws.allSatisfy { $0.stream.framework == .python && $0.stream.name == "global" })
    #expect(log.draws[0].stream.seedMaterial == "init_by_array([42])")
  }

  /// The helpers TensorFlow's emulation uses report too, once per call.
  @Test func primitiveCallsReportOnce() {
    let log = DrawLog()
    var r = PythonRandom(seed: 7, name: PythonRandom.instanceName(3))
    r.observer = log
    _ = r.randint(0, 2_147_483_647)
    _ = r.getrandbits(64)
    _ = r.randbelow(1000)
    #expect(log.draws.map(\.operation) == ["randint", "getrandbits", "_randbelow"])
    #expect(log.draws.map(\.count) == [1, 2, 1])
    #expect(log.draws[0].stream.name == "Random#3")
  }

  @Test func copiesShareTheObserverButNotTheState() {
    let log = DrawLog()
    var a = PythonRandom(seed: 1)
    a.observer = log
    var b = a
    #expect(a == b)
    _ = a.random()
    #expect(a != b)
    _ = b.random()
    #expect(log.draws.count == 2)
    #expect(log.draws[0].values == log.draws[1].values)
  }
}

@Suite struct PythonStateTests {
  /// `getstate()`/`setstate()` replay the same values, `gauss` cache included.
  @Test func stateRoundTrip() throws {
    var r = PythonRandom(seed: 9)
    _ = r.gauss()
    let saved = r.getState()
    #expect(saved.gaussNext != nil)
    let next = [r.gauss(), r.random(), r.gauss()]
    try r.setState(key: saved.key, position: saved.position, gaussNext: saved.gaussNext)
    #expect([r.gauss(), r.random(), r.gauss()] == next)
    #expect(throws: FrameworkError.self) { try r.setState(key: [1], position: 0, gaussNext: nil) }
  }
}
