import Foundation
import RNGStreams

extension PythonRandom {
  /// `choice(seq)`: `seq[_randbelow(len(seq))]`.
  ///
  /// - Throws: ``FrameworkError`` ("Cannot choose from an empty sequence",
  ///   an `IndexError` in CPython).
  public mutating func choice<T>(_ seq: [T]) throws -> T {
    seq[try choice(count: seq.count)]
  }

  /// `choice(seq)` for a sequence of `count` elements that need not exist
  /// as an array (`choice(range(10**12))`): the chosen index.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 0)
  /// try r.choice(count: 1000)   // the index choice(range(1000)) picks
  /// ```
  ///
  /// - Throws: ``FrameworkError`` ("Cannot choose from an empty sequence")
  ///   when `count <= 0`.
  public mutating func choice(count: Int) throws -> Int {
    guard count > 0 else { throw FrameworkError("Cannot choose from an empty sequence", parameter: "seq") }
    let before = mt.wordsDrawn
    let index = Int(below(UInt64(count)))
    if observer != nil {
      report("choice", "choice", [.init("len", "\(count)")], from: before, values: .int64([Int64(index)]))
    }
    return index
  }

  /// `shuffle(x)`: for i = len-1 down to 1, swap `x[i]` with
  /// `x[_randbelow(i + 1)]` (Python 3 algorithm; Python 2's `int(random() * (i+1))`
  /// gives a different stream).
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 0)
  /// var x = Array(0..<10)
  /// r.shuffle(&x)    // [7, 8, 1, 5, 3, 4, 2, 0, 9, 6]
  /// ```
  public mutating func shuffle<T>(_ x: inout [T]) {
    let before = mt.wordsDrawn
    var permutation: [Int64]? = observer == nil ? nil : Array(0..<Int64(x.count))
    if x.count > 1 {
      for i in stride(from: x.count - 1, through: 1, by: -1) {
        let j = Int(below(UInt64(i + 1)))
        x.swapAt(i, j)
        permutation?.swapAt(i, j)
      }
    }
    if observer != nil {
      report("shuffle", "permutation", [], shape: [x.count], from: before, values: permutation.map { .int64($0) })
    }
  }

  /// `sample(population, k, counts=None)`: `k` distinct elements, in
  /// selection order.
  ///
  /// CPython 3.11 picks one of two algorithms: when the population is no
  /// larger than a set sized for `k` (`21 + 4**ceil(log(3k, 4))` for `k > 5`,
  /// else 21) it draws from a shrinking pool (`j = _randbelow(n - i)`, the
  /// last live element moves into the hole); otherwise it draws
  /// `_randbelow(n)` and redraws indices already selected.
  ///
  /// With `counts`, element `i` is repeated `counts[i]` times: `sample(range(sum), k)`
  /// is drawn and each selection mapped back by `bisect_right` on the running totals.
  ///
  /// - Throws: ``FrameworkError`` ("Sample larger than population or is
  ///   negative", "The number of counts does not match the population",
  ///   "Total of counts must be greater than zero").
  public mutating func sample<T>(_ population: [T], k: Int, counts: [Int]? = nil) throws -> [T] {
    let before = mt.wordsDrawn
    let picks: [Int]
    var parameters: [DrawReport.Parameter] = [.init("len", "\(population.count)"), .init("k", "\(k)")]
    if let counts {
      guard counts.count == population.count else {
        throw FrameworkError("The number of counts does not match the population", parameter: "counts")
      }
      var cumulative = [Int]()
      cumulative.reserveCapacity(counts.count)
      var running = 0
      for count in counts {
        running += count
        cumulative.append(running)
      }
      let total = cumulative.popLast() ?? 0
      guard total > 0 else { throw FrameworkError("Total of counts must be greater than zero", parameter: "counts") }
      let selections = try sampleIndices(populationSize: total, k: k)
      picks = selections.map { Self.bisectRight(cumulative, $0, upTo: cumulative.count) }
      parameters.append(.init("counts", "[" + counts.map(String.init).joined(separator: ", ") + "]"))
    } else {
      picks = try sampleIndices(populationSize: population.count, k: k)
    }
    if observer != nil {
      report("sample", "sample", parameters, shape: [k], from: before, values: .int64(picks.map(Int64.init)))
    }
    return picks.map { population[$0] }
  }

  /// `sample(range(n), k)` without materialising the population: the
  /// selected indices, in order.
  public mutating func sample(populationSize n: Int, k: Int) throws -> [Int] {
    let before = mt.wordsDrawn
    let picks = try sampleIndices(populationSize: n, k: k)
    if observer != nil {
      report("sample", "sample", [.init("len", "\(n)"), .init("k", "\(k)")], shape: [k], from: before,
             values: .int64(picks.map(Int64.init)))
    }
    return picks
  }

  /// Whether `sample` uses the pool (true) or the set (false) algorithm.
  public static func sampleUsesPool(populationSize n: Int, k: Int) -> Bool {
    var setSize = 21
    if k > 5 {
      let exponent = Int((log(Double(k * 3)) / log(4.0)).rounded(.up))
      var power = 1
      for _ in 0..<exponent { power *= 4 }
      setSize += power
    }
    return n <= setSize
  }

  mutating func sampleIndices(populationSize n: Int, k: Int) throws -> [Int] {
    guard k >= 0 && k <= n else {
      throw FrameworkError("Sample larger than population or is negative", parameter: "k")
    }
    var result = [Int]()
    result.reserveCapacity(k)
    if Self.sampleUsesPool(populationSize: n, k: k) {
      var pool = Array(0..<n)
      for i in 0..<k {
        let j = Int(below(UInt64(n - i)))
        result.append(pool[j])
        pool[j] = pool[n - i - 1]
      }
    } else {
      var selected = Set<Int>(minimumCapacity: k)
      for _ in 0..<k {
        var j = Int(below(UInt64(n)))
        while selected.contains(j) { j = Int(below(UInt64(n))) }
        selected.insert(j)
        result.append(j)
      }
    }
    return result
  }

  /// `bisect.bisect_right(a, x, 0, hi)`.
  static func bisectRight<T: Comparable>(_ a: [T], _ x: T, upTo hi: Int) -> Int {
    var low = 0
    var high = hi
    while low < high {
      let mid = (low + high) / 2
      if x < a[mid] { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// `choices(population, weights=None, *, cum_weights=None, k=1)`: `k`
  /// selections with replacement, one `random()` each.
  ///
  /// Without weights: `population[floor(random() * n)]`. With weights:
  /// `bisect_right(cum_weights, random() * total, 0, n - 1)`, where
  /// `cum_weights` is the running sum of `weights` (added as floats here;
  /// CPython adds int weights exactly, which differs only past 2^53).
  ///
  /// - Throws: ``FrameworkError`` with CPython's messages for mismatched
  ///   lengths, both weight kinds, a non-positive or non-finite total.
  public mutating func choices<T>(
    _ population: [T], weights: [Double]? = nil, cumWeights: [Double]? = nil, k: Int = 1
  ) throws -> [T] {
    try choices(count: population.count, weights: weights, cumWeights: cumWeights, k: k).map { population[$0] }
  }

  /// `choices(population, ...)` for a population of `count` elements that
  /// need not exist as an array: the chosen indices.
  public mutating func choices(
    count n: Int, weights: [Double]? = nil, cumWeights: [Double]? = nil, k: Int = 1
  ) throws -> [Int] {
    var picks = [Int]()
    picks.reserveCapacity(max(k, 0))
    let before = mt.wordsDrawn
    if weights == nil && cumWeights == nil {
      let size = Double(n)
      for _ in 0..<max(k, 0) {
        let index = Int((mt.nextDouble53() * size).rounded(.down))
        guard index < n else {
          throw FrameworkError("list index out of range", parameter: "population")
        }
        picks.append(index)
      }
    } else {
      if weights != nil && cumWeights != nil {
        throw FrameworkError("Cannot specify both weights and cumulative weights", parameter: "cum_weights")
      }
      var cumulative: [Double]
      if let weights {
        cumulative = []
        cumulative.reserveCapacity(weights.count)
        var running = 0.0
        for w in weights {
          running += w
          cumulative.append(running)
        }
      } else {
        cumulative = cumWeights ?? []
      }
      guard cumulative.count == n else {
        throw FrameworkError("The number of weights does not match the population", parameter: "weights")
      }
      guard n > 0 else { throw FrameworkError("list index out of range", parameter: "population") }
      let total = cumulative[n - 1] + 0.0
      guard total > 0.0 else { throw FrameworkError("Total of weights must be greater than zero", parameter: "weights") }
      guard total.isFinite else { throw FrameworkError("Total of weights must be finite", parameter: "weights") }
      for _ in 0..<max(k, 0) {
        picks.append(Self.bisectRight(cumulative, mt.nextDouble53() * total, upTo: n - 1))
      }
    }
    if observer != nil {
      report("choices", "choice", [.init("len", "\(n)"), .init("k", "\(k)")], shape: [max(k, 0)], from: before,
             values: .int64(picks.map(Int64.init)))
    }
    return picks
  }
}
