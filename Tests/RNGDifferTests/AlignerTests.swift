@testable import RNGDiffer
import Testing

/// The aligner against a dynamic-programming LCS, on seeded random sequences.
@Suite("Alignment")
struct AlignerTests {
  struct Rng {
    var state: UInt64
    mutating func below(_ n: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(n))
    }
  }

  /// The length of a longest common subsequence (quadratic DP, the oracle).
  static func lcs(_ a: [UInt64], _ b: [UInt64]) -> Int {
    var row = [Int](repeating: 0, count: b.count + 1)
    for x in a {
      var diagonal = 0
      for j in 0..<b.count {
        let up = row[j + 1]
        row[j + 1] = x == b[j] ? diagonal + 1 : max(row[j + 1], row[j])
        diagonal = up
      }
    }
    return row[b.count]
  }

  /// Every index of both sides appears once, in order; matches pair equal keys.
  static func check(_ ops: [AlignOp], _ a: [UInt64], _ b: [UInt64], secondA: [UInt64], secondB: [UInt64]) -> Int {
    var nextA = 0, nextB = 0, matches = 0
    for op in ops {
      switch op {
      case .match(let i, let j):
        #expect(i == nextA && j == nextB && a[i] == b[j])
        nextA += 1; nextB += 1; matches += 1
      case .renamed(let i, let j):
        #expect(i == nextA && j == nextB && secondA[i] == secondB[j] && a[i] != b[j])
        nextA += 1; nextB += 1
      case .deleteA(let i):
        #expect(i == nextA)
        nextA += 1
      case .insertB(let j):
        #expect(j == nextB)
        nextB += 1
      }
    }
    #expect(nextA == a.count && nextB == b.count)
    return matches
  }

  @Test("Myers' edit script is valid and as long as the LCS", arguments: 0..<5)
  func myersIsOptimal(round: Int) {
    var rng = Rng(state: UInt64(round) &+ 17)
    for _ in 0..<300 {
      let alphabet = 2 + rng.below(5)
      let a = (0..<rng.below(30)).map { _ in UInt64(rng.below(alphabet)) }
      let b = (0..<rng.below(30)).map { _ in UInt64(rng.below(alphabet)) }
      let ops = Aligner.shortestEditScript(a, b)
      #expect(Self.check(ops, a, b, secondA: a, secondB: b) == Self.lcs(a, b), "\(a) \(b)")
    }
  }

  @Test("patience may anchor on a unique key, like git's: [0,1,1] against [1,1,0]")
  func patienceAnchors() {
    let a: [UInt64] = [0, 1, 1], b: [UInt64] = [1, 1, 0]
    let ops = Aligner.align(a, b, secondaryA: a, secondaryB: b)
    #expect(Self.check(ops, a, b, secondA: a, secondB: b) == 1)
    #expect(ops.contains(.match(0, 2)))
  }

  @Test("patience anchors on unique keys: one insertion is one insertion")
  func oneInsertion() {
    let a: [UInt64] = Array(0..<50)
    var b = a
    b.insert(999, at: 10)
    let ops = Aligner.align(a, b, secondaryA: a, secondaryB: b)
    #expect(ops.filter { if case .insertB = $0 { return true }; return false }.count == 1)
    #expect(Self.check(ops, a, b, secondA: a, secondB: b) == 50)
  }

  @Test("unmatched runs are aligned again on secondary keys (renamed consumers)")
  func renamed() {
    let a: [UInt64] = [1, 2, 3, 4]
    let b: [UInt64] = [1, 20, 30, 4]
    let secondA: [UInt64] = [1, 7, 8, 4]
    let secondB: [UInt64] = [1, 7, 8, 4]
    let ops = Aligner.align(a, b, secondaryA: secondA, secondaryB: secondB)
    #expect(ops == [.match(0, 0), .renamed(1, 1), .renamed(2, 2), .match(3, 3)])
  }

  @Test("random edits with unique keys give valid scripts")
  func randomValid() {
    var rng = Rng(state: 99)
    for _ in 0..<300 {
      var a = (0..<UInt64(rng.below(40))).map { $0 * 3 }
      var b = a
      for _ in 0..<rng.below(6) {
        switch rng.below(3) {
        case 0 where !b.isEmpty: b.remove(at: rng.below(b.count))
        case 1: b.insert(UInt64(1000 + rng.below(50)), at: rng.below(b.count + 1))
        default: if b.count > 1 { b.swapAt(rng.below(b.count), rng.below(b.count)) }
        }
      }
      if rng.below(4) == 0 { a.shuffle(using: &rng) }
      let ops = Aligner.align(a, b, secondaryA: a, secondaryB: b)
      let matches = Self.check(ops, a, b, secondA: a, secondB: b)
      #expect(matches <= Self.lcs(a, b))
    }
  }
}

extension AlignerTests.Rng: RandomNumberGenerator {
  mutating func next() -> UInt64 {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return state
  }
}
