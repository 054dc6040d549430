/// One step of an alignment between two key sequences.
enum AlignOp: Equatable {
  /// a[i] and b[j] are the same consumer.
  case match(Int, Int)
  /// a[i] and b[j] have different names but the same shape of draw (a
  /// consumer renamed between runs: `dense_1` vs `dense_2`).
  case renamed(Int, Int)
  /// Only a has a[i].
  case deleteA(Int)
  /// Only b has b[j].
  case insertB(Int)
}

/// Aligns two sequences of alignment keys the way `git diff --patience`
/// does: anchor on keys that occur exactly once on each side (longest
/// increasing run of those), then a Myers diff between anchors; runs that
/// stay unmatched are aligned again on secondary keys (names ignored).
///
/// Like git's patience diff, the result is not always a longest common
/// subsequence (a unique key can anchor a worse alignment), but unique
/// consumer keys are exactly what makes a shifted trace read as one
/// insertion rather than many changes.
///
/// Memory is O(n + m + D²) with D, the number of differences inside one
/// block, bounded by ``maxDifferences``; past that a block is reported as
/// all deletions and insertions.
enum Aligner {
  static let maxDifferences = 1_024

  static func align(_ a: [UInt64], _ b: [UInt64], secondaryA: [UInt64], secondaryB: [UInt64]) -> [AlignOp] {
    var primary: [AlignOp] = []
    primary.reserveCapacity(max(a.count, b.count))
    alignPrimary(a, 0..<a.count, b, 0..<b.count, into: &primary)
    return realignReplacements(primary, secondaryA, secondaryB)
  }

  // MARK: Patience anchoring

  private static func alignPrimary(_ a: [UInt64], _ ra: Range<Int>, _ b: [UInt64], _ rb: Range<Int>, into ops: inout [AlignOp]) {
    var lo_a = ra.lowerBound, lo_b = rb.lowerBound
    var hi_a = ra.upperBound, hi_b = rb.upperBound
    // Common prefix and suffix.
    while lo_a < hi_a && lo_b < hi_b && a[lo_a] == b[lo_b] {
      ops.append(.match(lo_a, lo_b))
      lo_a += 1
      lo_b += 1
    }
    var suffix: [AlignOp] = []
    while lo_a < hi_a && lo_b < hi_b && a[hi_a - 1] == b[hi_b - 1] {
      hi_a -= 1
      hi_b -= 1
      suffix.append(.match(hi_a, hi_b))
    }
    if lo_a < hi_a || lo_b < hi_b {
      let anchors = patienceAnchors(a, lo_a..<hi_a, b, lo_b..<hi_b)
      var pa = lo_a, pb = lo_b
      for (i, j) in anchors {
        myers(a, pa..<i, b, pb..<j, into: &ops)
        ops.append(.match(i, j))
        pa = i + 1
        pb = j + 1
      }
      myers(a, pa..<hi_a, b, pb..<hi_b, into: &ops)
    }
    ops.append(contentsOf: suffix.reversed())
  }

  /// Pairs (i, j) of keys unique on both sides, forming the longest run
  /// increasing on both.
  private static func patienceAnchors(_ a: [UInt64], _ ra: Range<Int>, _ b: [UInt64], _ rb: Range<Int>) -> [(Int, Int)] {
    // count: (occurrences in a, occurrences in b, last index in a, last index in b)
    var table: [UInt64: (Int, Int, Int, Int)] = [:]
    table.reserveCapacity(ra.count + rb.count)
    for i in ra { let e = table[a[i], default: (0, 0, -1, -1)]; table[a[i]] = (e.0 + 1, e.1, i, e.3) }
    for j in rb { let e = table[b[j], default: (0, 0, -1, -1)]; table[b[j]] = (e.0, e.1 + 1, e.2, j) }
    var pairs: [(Int, Int)] = []
    for i in ra {
      if let e = table[a[i]], e.0 == 1 && e.1 == 1 { pairs.append((i, e.3)) }
    }
    guard !pairs.isEmpty else { return [] }
    // Longest increasing subsequence on j (patience sorting).
    var tails: [Int] = []  // index into pairs of the smallest tail of each length
    var previous = [Int](repeating: -1, count: pairs.count)
    for (k, pair) in pairs.enumerated() {
      var lo = 0, hi = tails.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if pairs[tails[mid]].1 < pair.1 { lo = mid + 1 } else { hi = mid }
      }
      if lo > 0 { previous[k] = tails[lo - 1] }
      if lo == tails.count { tails.append(k) } else { tails[lo] = k }
    }
    var out: [(Int, Int)] = []
    var k = tails.last ?? -1
    while k >= 0 {
      out.append(pairs[k])
      k = previous[k]
    }
    return out.reversed()
  }

  // MARK: Myers

  /// The shortest edit script between `a` and `b` alone (no anchoring).
  static func shortestEditScript(_ a: [UInt64], _ b: [UInt64]) -> [AlignOp] {
    var ops: [AlignOp] = []
    myers(a, 0..<a.count, b, 0..<b.count, into: &ops)
    return ops
  }

  /// Appends the shortest edit script between a[ra] and b[rb].
  private static func myers(_ a: [UInt64], _ ra: Range<Int>, _ b: [UInt64], _ rb: Range<Int>, into ops: inout [AlignOp]) {
    myers(ra.count, rb.count, equal: { a[ra.lowerBound + $0] == b[rb.lowerBound + $1] }, into: &ops,
          offsetA: ra.lowerBound, offsetB: rb.lowerBound, matched: { .match($0, $1) })
  }

  /// The greedy O((N+M)·D) algorithm with its V arrays kept for the
  /// backtrack. Deletions come before insertions at the same point.
  private static func myers(
    _ n: Int, _ m: Int, equal: (Int, Int) -> Bool, into ops: inout [AlignOp], offsetA: Int, offsetB: Int,
    matched: (Int, Int) -> AlignOp
  ) {
    if n == 0 || m == 0 {
      for i in 0..<n { ops.append(.deleteA(offsetA + i)) }
      for j in 0..<m { ops.append(.insertB(offsetB + j)) }
      return
    }
    let limit = min(n + m, maxDifferences)
    let offset = limit + 1
    var v = [Int](repeating: 0, count: 2 * limit + 3)
    var trace: [[Int]] = []
    var found = false
    search: for d in 0...limit {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
          x = v[offset + k + 1]
        } else {
          x = v[offset + k - 1] + 1
        }
        var y = x - k
        while x < n && y < m && equal(x, y) {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m {
          found = true
          break search
        }
      }
    }
    guard found else {
      // Too different to align cheaply: everything is a deletion and an insertion.
      for i in 0..<n { ops.append(.deleteA(offsetA + i)) }
      for j in 0..<m { ops.append(.insertB(offsetB + j)) }
      return
    }
    // Backtrack from (n, m).
    var script: [AlignOp] = []
    var x = n, y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let vd = trace[d]
      let k = x - y
      let prevK: Int
      if d == 0 {
        prevK = 0
      } else if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
        prevK = k + 1
      } else {
        prevK = k - 1
      }
      let prevX = d == 0 ? 0 : vd[offset + prevK]
      let prevY = prevX - prevK
      while x > prevX && y > prevY {
        x -= 1
        y -= 1
        script.append(matched(offsetA + x, offsetB + y))
      }
      if d > 0 {
        if x == prevX { script.append(.insertB(offsetB + prevY)) } else { script.append(.deleteA(offsetA + prevX)) }
      }
      x = prevX
      y = prevY
    }
    ops.append(contentsOf: script.reversed())
  }

  // MARK: Renamed consumers

  /// Within each run of deletions and insertions between matches, aligns
  /// the unmatched events again on their secondary keys.
  private static func realignReplacements(_ ops: [AlignOp], _ sa: [UInt64], _ sb: [UInt64]) -> [AlignOp] {
    var out: [AlignOp] = []
    out.reserveCapacity(ops.count)
    var dels: [Int] = []
    var ins: [Int] = []
    func flush() {
      if !dels.isEmpty && !ins.isEmpty {
        var local: [AlignOp] = []
        let d = dels, s = ins
        myers(d.count, s.count, equal: { sa[d[$0]] == sb[s[$1]] }, into: &local, offsetA: 0, offsetB: 0,
              matched: { .renamed($0, $1) })
        for op in local {
          switch op {
          case .renamed(let i, let j): out.append(.renamed(d[i], s[j]))
          case .deleteA(let i): out.append(.deleteA(d[i]))
          case .insertB(let j): out.append(.insertB(s[j]))
          case .match: break
          }
        }
      } else {
        for i in dels { out.append(.deleteA(i)) }
        for j in ins { out.append(.insertB(j)) }
      }
      dels.removeAll(keepingCapacity: true)
      ins.removeAll(keepingCapacity: true)
    }
    for op in ops {
      switch op {
      case .deleteA(let i): dels.append(i)
      case .insertB(let j): ins.append(j)
      default:
        flush()
        out.append(op)
      }
    }
    flush()
    return out
  }
}
