import RNGBits
import RNGStreams

extension NumPyGenerator {
  /// `shuffle(x)` along axis 0: Fisher–Yates from the end with masked
  /// `random_interval`, as in ``RandomState/shuffle(_:rowLength:shape:)``,
  /// but drawing from the Generator's bit generator (on the 64-bit ones a 32-bit draw takes half a 64-bit output).
  ///
  /// For an n-D array pass it flattened in C order with `rowLength` = the
  /// product of the trailing dimensions.
  public mutating func shuffle<T>(_ x: inout [T], rowLength: Int = 1, shape: [Int]? = nil) {
    let before = bitGenerator.wordsDrawn
    let rows = x.count / max(rowLength, 1)
    var permutation: [Int64]? = observer == nil ? nil : Array(0..<Int64(rows))
    drawing { Sampling.shuffle(&$0, &x, rowLength: rowLength, permutation: &permutation) }
    if observer != nil {
      report("shuffle", "permutation", [], shape: shape ?? [rows], from: before, values: permutation.map { .int64($0) })
    }
  }

  /// `permutation(n)`: a shuffled `arange(n)` (empty for `n <= 0`).
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func permutation(_ n: Int) -> [Int64] {
    let before = bitGenerator.wordsDrawn
    var values = Array(0..<Int64(max(n, 0)))
    var none: [Int64]? = nil
    drawing { Sampling.shuffle(&$0, &values, rowLength: 1, permutation: &none) }
    if observer != nil {
      report("permutation", "permutation", [.init("x", "\(n)")], shape: [values.count], from: before, values: .int64(values))
    }
    return values
  }

  /// `permutation(x)` for an array along axis 0: a shuffled copy.
  public mutating func permutation<T>(_ x: [T], rowLength: Int = 1, shape: [Int]? = nil) -> [T] {
    let before = bitGenerator.wordsDrawn
    let rows = x.count / max(rowLength, 1)
    var copy = x
    var permutation: [Int64]? = observer == nil ? nil : Array(0..<Int64(rows))
    drawing { Sampling.shuffle(&$0, &copy, rowLength: rowLength, permutation: &permutation) }
    if observer != nil {
      report("permutation", "permutation", [], shape: shape ?? [rows], from: before, values: permutation.map { .int64($0) })
    }
    return copy
  }

  static var probabilityMessages: Sampling.ProbabilityMessages {
    Sampling.ProbabilityMessages(
      size: "a and p must have same size", nan: "Probabilities contain NaN",
      negative: "Probabilities are not non-negative",
      sum: "Probabilities do not sum to 1. See Notes section of docstring for more information.")
  }

  /// `choice(a, size, replace, p, shuffle=True)` along axis 0: indices into
  /// the population, `count` of them.
  ///
  /// - `replace=True`, no `p`: `integers(0, len, size)` (Lemire).
  /// - `replace=True`, `p`: one `random()` per element against the normalised
  ///   `cumsum(p)`.
  /// - `replace=False`, no `p`: Floyd's algorithm (Lemire draws in `[0, j]`
  ///   for j = len-count … len-1), then, when `shuffle`, a Fisher–Yates of the
  ///   result with Lemire bounds; for populations over 10 000 with
  ///   `count > len // 50` (`// 20` without `shuffle`), instead a partial
  ///   Fisher–Yates of the last `count` positions of `arange(len)`.
  /// - `replace=False`, `p`: as in ``RandomState/choice(_:count:replace:p:shape:)``
  ///   with `random()` draws.
  ///
  /// - Throws: ``FrameworkError`` with the Generator's messages.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func choice(
    _ a: ChoicePopulation, count: Int, replace: Bool = true, p: [Double]? = nil, shuffle: Bool = true,
    shape: [Int]? = nil
  ) throws -> [Int64] {
    try ElementCount.check(count)
    let populationSize = a.size
    switch a {
    case .range(let n) where n <= 0 && count != 0:
      throw FrameworkError("a must be a positive integer unless no samples are taken", parameter: "a")
    case .array(let n) where n == 0 && count != 0:
      throw FrameworkError("a cannot be empty unless no samples are taken", parameter: "a")
    default: break
    }
    if let p { try Sampling.validate(p: p, populationSize: populationSize, messages: Self.probabilityMessages) }
    let before = bitGenerator.wordsDrawn
    var indices: [Int64]
    if replace {
      if let p {
        let cdf = Sampling.normalizedCDF(p)
        indices = (0..<count).map { _ in Int64(Sampling.searchSortedRight(cdf, bitGenerator.nextDouble())) }
      } else if count == 0 {
        indices = []
      } else {
        let interval = try IntegerDraw.closedInterval(low: 0, high: Int128(populationSize), closed: false, dtype: .int64)
        guard case .int64(let drawn) = IntegerDraw.draw(&bitGenerator, interval: interval, count: count, dtype: .int64, method: .lemire)
        else { return [] }
        indices = drawn
      }
    } else {
      if count > populationSize {
        throw FrameworkError("Cannot take a larger sample than population when replace is False", parameter: "size")
      }
      if count < 0 { throw FrameworkError("negative dimensions are not allowed", parameter: "size") }
      if let p {
        if p.filter({ $0 > 0 }).count < count {
          throw FrameworkError(Self.probabilityMessages.fewerNonZero, parameter: "p")
        }
        indices = Sampling.weightedWithoutReplacement(p: p, count: count) { k in
          (0..<k).map { _ in bitGenerator.nextDouble() }
        }
      } else {
        indices = distinctIndices(population: populationSize, count: count, shuffle: shuffle)
      }
    }
    if observer != nil {
      var parameters: [DrawReport.Parameter] = [
        .init("a", "\(populationSize)"), .init("replace", replace ? "True" : "False"),
      ]
      if let p { parameters.append(.init("p", "[" + p.map(\.description).joined(separator: ", ") + "]")) }
      if !replace && p == nil { parameters.append(.init("shuffle", shuffle ? "True" : "False")) }
      report("choice", "choice", parameters, shape: shape ?? [count], from: before, values: .int64(indices))
    }
    return indices
  }

  /// `choice(replace=False)` without `p`: tail shuffle or Floyd's algorithm.
  mutating func distinctIndices(population: Int, count: Int, shuffle: Bool) -> [Int64] {
    let cutoff = shuffle ? 50 : 20
    if population > 10_000 && count > population / cutoff {
      var all = Array(0..<Int64(population))
      let first = max(population - count, 1)
      for i in stride(from: population - 1, through: first, by: -1) {
        let j = Int(BoundedIntegers.bounded64(&bitGenerator, rng: UInt64(i), method: .lemire))
        all.swapAt(i, j)
      }
      return Array(all[(population - count)...])
    }
    var result = [Int64]()
    result.reserveCapacity(count)
    var chosen = Set<Int64>(minimumCapacity: count)
    for j in (population - count)..<population {
      let value = Int64(BoundedIntegers.bounded64(&bitGenerator, rng: UInt64(j), method: .lemire))
      if chosen.insert(value).inserted {
        result.append(value)
      } else {
        chosen.insert(Int64(j))
        result.append(Int64(j))
      }
    }
    if shuffle && count > 1 {
      for i in stride(from: count - 1, through: 1, by: -1) {
        let j = Int(BoundedIntegers.bounded64(&bitGenerator, rng: UInt64(i), method: .lemire))
        result.swapAt(i, j)
      }
    }
    return result
  }
}
