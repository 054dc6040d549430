import Foundation
import TestSupport
import RNGBits
import Testing
@testable import TorchStreams

/// randperm's two shuffles. The forward shuffle is goldened (randperm(0…300) and a
/// 300 007-element checksum); the inside-out shuffle only runs from n = 214 748 364
/// on, so its logic is checked here against a separately written model of the
/// documented algorithm, and against the real library's checksum when
/// RNGDIFF_LARGE_TESTS=1 (about 2 GB of memory).
@Suite struct PermutationTests {
  @Test func thresholdIsUInt32MaxOver20() {
    #expect(Permutation.insideOutThreshold == 214_748_364)
  }

  /// The documented inside-out algorithm, written as "build the array by
  /// appending": element i goes to a random slot z and the old occupant of z moves
  /// to the end.
  static func insideOutModel(_ n: Int, words: inout MT19937) -> [Int64] {
    var a: [Int64] = []
    for i in 0..<n {
      let z = Int(words.next64() % UInt64(i + 1))
      if z == i {
        a.append(Int64(i))
      } else {
        a.append(a[z])
        a[z] = Int64(i)
      }
    }
    return a
  }

  @Test func insideOutFollowsTheDocumentedAlgorithm() {
    for n in [0, 1, 2, 3, 10, 97, 1000] {
      var source = MT19937(seed: UInt32(n))
      var model = MT19937(seed: UInt32(n))
      let shuffled = Permutation.insideOut(n) { source.next64() }
      #expect(shuffled == Self.insideOutModel(n, words: &model))
      #expect(source.wordsDrawn == UInt64(2 * n), "two words per element")
      #expect(shuffled.sorted() == (0..<n).map(Int64.init), "a permutation")
    }
  }

  @Test func forwardShuffleDrawsOneWordPerSwap() {
    for n in [0, 1, 2, 50] {
      var source = MT19937(seed: 9)
      let shuffled = Permutation.forward(n) { source.next() }
      #expect(source.wordsDrawn == UInt64(max(n - 1, 0)))
      #expect(shuffled.sorted() == (0..<n).map(Int64.init))
    }
  }

  struct LargeCase: Decodable {
    let n: Int64
    let checksum: String
    let first: [Int64]
    let last: [Int64]
  }

  struct LargeFile: Decodable { let cases: [LargeCase] }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["RNGDIFF_LARGE_TESTS"] == "1"))
  func bothBranchesMatchTheLibraryAtTheThreshold() throws {
    let data = try Data(contentsOf: Fixtures.url("reference/torch/randperm-large.json"))
    let file = try JSONDecoder().decode(LargeFile.self, from: data)
    #expect(file.cases.map(\.n) == [214_748_363, 214_748_364])
    for golden in file.cases {
      var g = try TorchGenerator(seed: 0)
      let values = try #require(try g.randperm(golden.n).integers)
      var checksum = Checksum()
      for v in values { checksum.add(UInt64(bitPattern: v)) }
      #expect(Array(values.prefix(16)) == golden.first)
      #expect(Array(values.suffix(16)) == golden.last)
      #expect(checksum.hex == golden.checksum)
    }
  }
}
