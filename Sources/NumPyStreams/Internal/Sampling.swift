import RNGStreams

/// Shuffles and weighted choices shared by `RandomState` and `Generator`. Internal.
enum Sampling {
  /// Fisher–Yates from the end: for i = n-1 down to 1, swap row i with row
  /// `random_interval(i)`. Rows are `rowLength` consecutive elements (a
  /// shuffle along axis 0 of a C-order array). When `permutation` is given,
  /// the same swaps are applied to it.
  static func shuffle<B: NumPyBitSource, T>(
    _ bits: inout B, _ x: inout [T], rowLength: Int, permutation: inout [Int64]?
  ) {
    precondition(rowLength > 0 && x.count % rowLength == 0, "shuffle: rows must tile the array")
    let rows = x.count / rowLength
    guard rows > 1 else { return }
    x.withUnsafeMutableBufferPointer { buffer in
      for i in stride(from: rows - 1, through: 1, by: -1) {
        let j = Int(BoundedIntegers.interval(&bits, max: UInt64(i)))
        if rowLength == 1 {
          buffer.swapAt(i, j)
        } else if i != j {
          for k in 0..<rowLength { buffer.swapAt(i * rowLength + k, j * rowLength + k) }
        }
        permutation?.swapAt(i, j)
      }
    }
  }

  /// NumPy's `kahan_sum` of the probabilities.
  static func kahanSum(_ values: [Double]) -> Double {
    guard var sum = values.first else { return 0 }
    var compensation = 0.0
    for value in values.dropFirst() {
      let y = value - compensation
      let t = sum + y
      compensation = (t - sum) - y
      sum = t
    }
    return sum
  }

  /// The checks `choice` makes on `p` (RandomState and Generator differ only
  /// in wording, passed in `messages`).
  static func validate(p: [Double], populationSize: Int, messages: ProbabilityMessages) throws {
    if p.count != populationSize { throw FrameworkError(messages.size, parameter: "p") }
    let sum = kahanSum(p)
    if sum.isNaN { throw FrameworkError(messages.nan, parameter: "p") }
    if p.contains(where: { $0 < 0 }) { throw FrameworkError(messages.negative, parameter: "p") }
    // atol = sqrt(float64 eps), for probabilities given as float64.
    if abs(sum - 1.0) > 1.4901161193847656e-08 { throw FrameworkError(messages.sum, parameter: "p") }
  }

  struct ProbabilityMessages {
    var size: String
    var nan: String
    var negative: String
    var sum: String
    var fewerNonZero = "Fewer non-zero entries in p than size"
  }

  /// `cumsum(p)` divided by its last element.
  static func normalizedCDF(_ p: [Double]) -> [Double] {
    var cdf = [Double](repeating: 0, count: p.count)
    var running = 0.0
    for i in p.indices {
      running += p[i]
      cdf[i] = running
    }
    if let last = cdf.last {
      for i in cdf.indices { cdf[i] /= last }
    }
    return cdf
  }

  /// `cdf.searchsorted(u, side='right')`: the number of entries `<= u`.
  static func searchSortedRight(_ cdf: [Double], _ u: Double) -> Int {
    var low = 0
    var high = cdf.count
    while low < high {
      let mid = (low + high) / 2
      if cdf[mid] <= u { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// `choice(replace=False, p=p)`: repeated rounds of `uniforms(k)` draws
  /// against the renormalised cdf of the not-yet-chosen entries; each round
  /// keeps the new indices in order of first occurrence.
  static func weightedWithoutReplacement(
    p: [Double], count: Int, uniforms: (Int) -> [Double]
  ) -> [Int64] {
    var weights = p
    var found = [Int64]()
    found.reserveCapacity(count)
    while found.count < count {
      let u = uniforms(count - found.count)
      for index in found { weights[Int(index)] = 0 }
      let cdf = normalizedCDF(weights)
      var seen = Set<Int64>()
      for value in u {
        let index = Int64(searchSortedRight(cdf, value))
        if seen.insert(index).inserted { found.append(index) }
      }
    }
    return found
  }
}
