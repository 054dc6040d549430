import RNGBits
import RNGStreams

/// What `choice(a, ...)` samples from.
public enum ChoicePopulation: Sendable, Hashable {
  /// `a` is an int: choose from `arange(a)`.
  case range(Int)
  /// `a` is a 1-D array with this many elements: choose indices into it.
  case array(count: Int)

  var size: Int {
    switch self {
    case .range(let n): return n
    case .array(let n): return n
    }
  }
}

extension RandomState {
  /// `shuffle(x)`: Fisher–Yates from the end with masked `random_interval`
  /// (one `next_uint32` per attempt while `i < 2^32`), in place.
  ///
  /// For an n-D array pass it flattened in C order with `rowLength` = the
  /// product of the trailing dimensions: rows (axis 0) are permuted, as
  /// NumPy does, with the same draws as a 1-D shuffle of the row count.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 42)
  /// var x = Array(0..<10)
  /// rs.shuffle(&x)     // [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]
  /// ```
  @_specialize(exported: true, where Bits == MT19937, T == Int)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator, T == Int)
  public mutating func shuffle<T>(_ x: inout [T], rowLength: Int = 1, shape: [Int]? = nil) {
    let before = bitGenerator.wordsDrawn
    var permutation: [Int64]? = observer == nil ? nil : Array(0..<Int64(x.count / max(rowLength, 1)))
    drawing { Sampling.shuffle(&$0, &x, rowLength: rowLength, permutation: &permutation) }
    if observer != nil {
      report(
        "shuffle", "permutation", [], shape: shape ?? [x.count / max(rowLength, 1)], from: before,
        values: permutation.map { .int64($0) })
    }
  }

  /// `permutation(n)`: a shuffled `arange(n)` (empty for `n <= 0`).
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 0)
  /// rs.permutation(10)   // [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]
  /// ```
  @_specialize(exported: true, where Bits == MT19937)
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

  /// `permutation(x)` for an array: a shuffled copy (rows permuted for n-D,
  /// flattened in C order with `rowLength` elements per row).
  @_specialize(exported: true, where Bits == MT19937, T == Int)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator, T == Int)
  public mutating func permutation<T>(_ x: [T], rowLength: Int = 1, shape: [Int]? = nil) -> [T] {
    let before = bitGenerator.wordsDrawn
    var copy = x
    var permutation: [Int64]? = observer == nil ? nil : Array(0..<Int64(x.count / max(rowLength, 1)))
    drawing { Sampling.shuffle(&$0, &copy, rowLength: rowLength, permutation: &permutation) }
    if observer != nil {
      report(
        "permutation", "permutation", [], shape: shape ?? [x.count / max(rowLength, 1)], from: before,
        values: permutation.map { .int64($0) })
    }
    return copy
  }

  static var probabilityMessages: Sampling.ProbabilityMessages {
    Sampling.ProbabilityMessages(
      size: "'a' and 'p' must have same size", nan: "probabilities contain NaN",
      negative: "probabilities are not non-negative", sum: "probabilities do not sum to 1")
  }

  /// `choice(a, size, replace, p)`: indices into the population (for an int
  /// `a` these are the values themselves), `count` of them.
  ///
  /// - `replace=True`, no `p`: `randint(0, len, size)` (masked).
  /// - `replace=True`, `p`: one `random_sample` per element against the
  ///   normalised `cumsum(p)` (`searchsorted(side='right')`).
  /// - `replace=False`, no `p`: the first `count` of `permutation(len)`, so a
  ///   full shuffle of the population is drawn even for one element.
  /// - `replace=False`, `p`: rounds of `rand(count - found)` against the
  ///   renormalised remaining weights until `count` distinct indices are found.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 42)
  /// try rs.choice(.range(10), count: 3, replace: false)   // [8, 1, 5]
  /// ```
  ///
  /// - Throws: ``FrameworkError`` with NumPy's messages for an empty
  ///   population, a sample larger than the population without replacement,
  ///   and invalid `p` (size, NaN, negative, not summing to 1 within
  ///   `sqrt(eps)`, fewer non-zero entries than `count`).
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func choice(
    _ a: ChoicePopulation, count: Int, replace: Bool = true, p: [Double]? = nil, shape: [Int]? = nil
  ) throws -> [Int64] {
    try ElementCount.check(count)
    let populationSize = a.size
    switch a {
    case .range(let n) where n <= 0 && count != 0:
      throw FrameworkError("a must be greater than 0 unless no samples are taken", parameter: "a")
    case .array(let n) where n == 0 && count != 0:
      throw FrameworkError("'a' cannot be empty unless no samples are taken", parameter: "a")
    default: break
    }
    if let p { try Sampling.validate(p: p, populationSize: populationSize, messages: Self.probabilityMessages) }
    let before = bitGenerator.wordsDrawn
    var indices: [Int64]
    if replace {
      if let p {
        let cdf = Sampling.normalizedCDF(p)
        var u = [Double](repeating: 0, count: count)
        u.withUnsafeMutableBufferPointer { bitGenerator.fillDoubles($0) }
        indices = u.map { Int64(Sampling.searchSortedRight(cdf, $0)) }
      } else if count == 0 {
        indices = []
      } else {
        let interval = try IntegerDraw.closedInterval(low: 0, high: Int128(populationSize), closed: false, dtype: .int64)
        guard case .int64(let drawn) = drawing({ IntegerDraw.draw(&$0, interval: interval, count: count, dtype: .int64, method: .masked) })
        else { return [] }
        indices = drawn
      }
    } else {
      if count > populationSize {
        throw FrameworkError("Cannot take a larger sample than population when 'replace=False'", parameter: "size")
      }
      if count < 0 { throw FrameworkError("Negative dimensions are not allowed", parameter: "size") }
      if let p {
        if p.filter({ $0 > 0 }).count < count {
          throw FrameworkError(Self.probabilityMessages.fewerNonZero, parameter: "p")
        }
        indices = Sampling.weightedWithoutReplacement(p: p, count: count) { k in
          var u = [Double](repeating: 0, count: k)
          u.withUnsafeMutableBufferPointer { bitGenerator.fillDoubles($0) }
          return u
        }
      } else {
        var all = Array(0..<Int64(max(populationSize, 0)))
        var none: [Int64]? = nil
        drawing { Sampling.shuffle(&$0, &all, rowLength: 1, permutation: &none) }
        indices = Array(all.prefix(count))
      }
    }
    if observer != nil {
      var parameters: [DrawReport.Parameter] = [.init("a", "\(populationSize)"), .init("replace", replace ? "True" : "False")]
      if let p { parameters.append(.init("p", "[" + p.map(\.description).joined(separator: ", ") + "]")) }
      report("choice", "choice", parameters, shape: shape ?? [count], from: before, values: .int64(indices))
    }
    return indices
  }
}
