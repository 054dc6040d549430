import KerasStreams
import PythonStreams
import RNGStreams
import Testing

/// What Keras 3 reports: every draw from Python's `random` on the `global`
/// stream with contiguous counters, one report per random op, and a named
/// seed derivation for every seed Keras computes.
@Suite struct Keras3ObserverTests {
  @Test(arguments: Keras3.Backend.allCases)
  func everyDrawAndSeedIsReported(backend: Keras3.Backend) throws {
    let log = DrawLog()
    var keras = Keras3.GlobalState(backend: backend, python: PythonRandom(seed: 1), observer: log)
    try keras.setRandomSeed(.int(5))
    var dense = try Keras3.Dense(units: 3, state: &keras)      // randint for the kernel seed
    let dropout = try Keras3.Dropout(rate: 0.5, state: &keras) // randint for its SeedGenerator
    try dense.build([nil, 4], state: &keras)                    // one draw on the kernel seed's stream
    _ = try dropout(try keras.ones([10]), training: true, state: &keras)
    _ = try keras.uniform([3])                                  // randint for the global SeedGenerator
    _ = try keras.uniform([3])
    _ = try keras.normal([2], seed: .int(9))

    // Python's global random: three randint draws, contiguous from word 0.
    let python = log.draws.filter { $0.stream.framework == .python }
    #expect(python.count == 3)
    #expect(python.allSatisfy { $0.stream.name == "global" && $0.operation == "randint" })
    #expect(python.first?.counterBefore == 0)
    for (a, b) in zip(python, python.dropFirst()) { #expect(b.counterBefore == a.counterAfter) }
    var reference = PythonRandom(seed: 5)
    let expectedSeeds = (0..<3).map { _ in reference.randint(1, 1_000_000_000) }
    #expect(python.map(\.values) == expectedSeeds.map { .int64([$0]) })

    // One report per random op: kernel, dropout, two uniforms, one normal.
    let ops = log.draws.filter { $0.stream.framework != .python }
    #expect(ops.count == 5)
    let opFramework: Framework = backend == .tensorflow ? .tensorflow : .jax
    #expect(ops.allSatisfy { $0.stream.framework == opFramework && $0.counterBefore == 0 })
    let kernelStream = backend == .tensorflow ? "stateless(\(expectedSeeds[0]),0)" : "key(\(expectedSeeds[0]),0)"
    #expect(ops[0].stream.name == kernelStream)
    #expect(ops[0].count > 0)

    let rules = log.derivations.map(\.rule).filter { $0.hasPrefix("keras.") }
    let expected = [
      "keras.utils.set_random_seed", "keras.make_default_seed", "keras.make_default_seed", "keras.draw_seed",
    ] + cast(backend) + ["keras.seed_generator.next"] + cast(backend)
      + ["keras.make_default_seed", "keras.global_seed_generator.next"] + cast(backend)
      + ["keras.global_seed_generator.next"] + cast(backend) + ["keras.draw_seed"] + cast(backend)
    #expect(rules == expected)
    let defaults = log.derivations.filter { $0.rule == "keras.make_default_seed" }
    #expect(defaults.map(\.result) == expectedSeeds.map(String.init))
    #expect(defaults.first?.inputs.first == .init("consumer", "GlorotUniform"))
  }

  func cast(_ backend: Keras3.Backend) -> [String] { backend == .tensorflow ? ["keras.tensorflow.cast_seed"] : [] }

  @Test func withoutAnObserverNothingIsReportedAndValuesAgree() throws {
    let log = DrawLog()
    var observed = Keras3.GlobalState(backend: .jax, python: PythonRandom(seed: 3), observer: log)
    var silent = Keras3.GlobalState(backend: .jax, python: PythonRandom(seed: 3))
    #expect(try observed.uniform([4]) == (try silent.uniform([4])))
    #expect(try observed.truncatedNormal([4], seed: .int(2)) == (try silent.truncatedNormal([4], seed: .int(2))))
    #expect(!log.draws.isEmpty)
  }

  @Test func seedGeneratorStepsAreReportedWithTheirState() throws {
    let log = DrawLog()
    var keras = Keras3.GlobalState(backend: .tensorflow, observer: log)
    let sg = try keras.makeSeedGenerator(seed: 3)
    #expect(keras.next(sg) == [3, 0])
    #expect(keras.next(sg, ordered: false) == [3, 1])
    #expect(keras.seedState(of: sg) == [21548, 10774])
    let steps = log.derivations.filter { $0.rule == "keras.seed_generator.next" }
    #expect(steps.count == 2)
    #expect(steps[0].inputs.contains(.init("generator", "seed_generator")))
    #expect(steps[1].result == "[3, 1] (state becomes [21548, 10774])")
  }
}
