/// The fixed unigram sampler's alias table (TensorFlow's
/// `DistributionSampler`, Walker's alias method as TensorFlow builds it).
///
/// Building: each weight scaled to `p = (w × n) / Σw` (the product in
/// float, the division in double); classes below 1 are "low", the others
/// "high". The last low class takes the last high class as its alias, and
/// that class's `p` drops by `1 − p_low` (it moves to the low list when it
/// falls below 1), until one list is empty; what is left in either list
/// keeps probability 1 and aliases itself. Probabilities are stored as floats.
///
/// Sampling: a float `r` from one word, then a class `i` exactly uniform
/// in [0, n); `i` when `r < prob[i]`, else `alias[i]`.
///
/// ```swift
/// let table = UnigramAliasTable(weights: [1, 3])   // prob [0.5, 1], alias [1, 1]
/// ```
public struct UnigramAliasTable: Sendable, Hashable {
  public private(set) var probabilities: [Float]
  public private(set) var aliases: [Int]

  public init(weights: [Float]) {
    let n = weights.count
    precondition(n > 0)
    var sum = 0.0
    for w in weights { sum += Double(w) }
    var scaled = [Double](repeating: 0, count: n)
    var low: [Int] = []
    var high: [Int] = []
    for i in 0..<n {
      scaled[i] = Double(weights[i] * Float(n)) / sum
      if scaled[i] < 1 { low.append(i) } else { high.append(i) }
    }
    var aliases = [Int](repeating: -1, count: n)
    while let l = low.last, let h = high.last {
      low.removeLast()
      high.removeLast()
      aliases[l] = h
      let remaining = scaled[h] - (1.0 - scaled[l])
      scaled[h] = remaining
      if remaining < 1 { low.append(h) } else { high.append(h) }
    }
    var probabilities = scaled.map { Float($0) }
    for i in high + low {
      probabilities[i] = 1
      aliases[i] = i
    }
    self.probabilities = probabilities
    self.aliases = aliases
  }

  func sample(_ rnd: inout SimplePhilox) -> Int64 {
    let r = rnd.randFloat()
    let i = Int(rnd.uniform(UInt32(probabilities.count)))
    return Int64(r < probabilities[i] ? i : aliases[i])
  }
}
