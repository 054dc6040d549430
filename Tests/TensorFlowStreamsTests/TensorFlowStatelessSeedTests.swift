import RNGStreams
import Testing
import TensorFlowStreams

/// `split`, `fold_in` and `stateless_shuffle`: the values TensorFlow's own
/// docstrings print, what an observer hears, and the errors. Every other
/// value is checked against the real TensorFlow in GoldenSampleCases
/// (tensorflow_stateless.jsonl).
@Suite struct TensorFlowStatelessSeedTests {
  @Test func docstringValues() throws {
    // tf.random.split and tf.random.experimental.stateless_fold_in docstrings (TF 2.21).
    #expect(try StatelessRandomOps.split(seed: [1, 2], num: 3)
      == .int32([1_105_988_140, 1_738_052_849, -335_576_002, 370_444_179, 10_670_227, -246_211_131]))
    #expect(try StatelessRandomOps.foldIn(seed: [1, 2], data: 3) == .int32([1_105_988_140, 3]))
    // stateless_shuffle docstring: rows of [[1, 2], [3, 4], [5, 6]] with seed [8, 9].
    #expect(try StatelessRandomOps.shuffle(.int32([1, 2, 3, 4, 5, 6]), shape: [3, 2], seed: [8, 9])
      == .int32([5, 6, 1, 2, 3, 4]))
  }

  @Test func splitReportsOneDrawAndADerivationPerNewSeed() throws {
    let log = DrawLog()
    let seeds = try StatelessRandomOps.split(seed: [1, 2], num: 3, observer: log)
    #expect(log.draws.count == 1)
    #expect(log.draws[0].stream.name == "stateless(1,2)")
    #expect(log.draws[0].counterBefore == 0)
    #expect(log.draws[0].count == 2)  // 6 int32 words: two Philox blocks
    #expect(log.draws[0].values == seeds)
    let splits = log.derivations.filter { $0.rule == "tf.random.split" }
    #expect(splits.compactMap(\.derived?.name)
      == ["stateless(1105988140,1738052849)", "stateless(-335576002,370444179)", "stateless(10670227,-246211131)"])
  }

  @Test func foldInReportsTheNewSeedsStream() throws {
    let log = DrawLog()
    let seed = try StatelessRandomOps.foldIn(seed: [1, 2], data: 1 << 40, dtype: .int64, observer: log)
    #expect(seed == .int64([7_464_880_146_280_614_444, 1 << 40]))
    #expect(log.draws.map(\.count) == [1])
    #expect(log.derivations.last?.rule == "tf.random.fold_in")
    #expect(log.derivations.last?.derived?.name == "stateless(7464880146280614444,1099511627776)")
  }

  @Test func shuffleOfOneRowDrawsNothing() throws {
    let log = DrawLog()
    #expect(try StatelessRandomOps.shuffle(.float32([7]), shape: [], seed: [1, 2], observer: log) == .float32([7]))
    #expect(log.draws.map(\.count) == [0])
    _ = try StatelessRandomOps.shuffle(.int32(Array(0..<10)), shape: [10], seed: [1, 2], observer: log)
    #expect(log.draws.last?.count == 3)  // 9 swaps: ⌈9 / 4⌉ blocks
  }

  @Test func errorsNameTheirParameter() {
    func parameter(_ body: () throws -> Any) -> String? {
      do {
        _ = try body()
        return nil
      } catch let error as FrameworkError {
        return error.parameter
      } catch {
        return "unexpected \(error)"
      }
    }
    #expect(parameter { try StatelessRandomOps.split(seed: [1, 2], num: -1) } == "num")
    #expect(parameter { try StatelessRandomOps.split(seed: [1, 2, 3]) } == "seed")
    #expect(parameter { try StatelessRandomOps.split(seed: [1, 2], dtype: .float32) } == "seed")
    #expect(parameter { try StatelessRandomOps.split(seed: [1, 2], alg: "threefry") } == "alg")
    #expect(parameter { try StatelessRandomOps.foldIn(seed: [1], data: 3) } == "seed")
    #expect(parameter { try StatelessRandomOps.foldIn(seed: [1, 2], data: 3, dtype: .float64) } == "data")
    #expect(parameter { try StatelessRandomOps.shuffle(.int32([1, 2]), shape: [3], seed: [1, 2]) } == "value")
    #expect(parameter { try StatelessRandomOps.shuffle(.int32([1, 2]), shape: [2], seed: [1, 2], alg: "fry") } == "alg")
    #expect(parameter { try StatelessRandomOps.uniform([2], seed: [1, 2], alg: "PHILOX") } == nil)
  }
}
