#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The base distribution of one TensorFlow candidate sampler kernel
/// (`RangeSampler` and its kinds), with the state a learned sampler keeps
/// between runs.
///
/// ```swift
/// var sampler = CandidateSampler.uniform(range: 10)
/// var rnd = SimplePhilox(counter: counter, key: key)
/// let batch = sampler.sampleBatch(&rnd, count: 5, unique: true, extras: [1, 2])
/// ```
public enum CandidateSampler: Sendable, Hashable {
  /// Uniform over [0, range): an exact 64-bit uniform; probability `1/range` in float.
  case uniform(range: Int64)
  /// Log-uniform (Zipfian) over [0, range): `⌊exp(u × log1p(range))⌋ − 1`
  /// (mod range) with `u` a double; probability
  /// `log((v + 2) / (v + 1)) / log1p(range)`.
  case logUniform(range: Int64)
  /// Unigram counts learned from the true classes of every run.
  case learnedUnigram(UnigramCounts)
  /// Fixed unigram weights (already distorted), their float total, and their alias table.
  case fixedUnigram(weights: [Float], total: Float, table: UnigramAliasTable)
  /// Every class in order (`AllSampler`): range = the number sampled.
  case all(range: Int64)

  /// The sampler's range: candidates lie in [0, range).
  public var range: Int64 {
    switch self {
    case .uniform(let range), .logUniform(let range), .all(let range): return range
    case .learnedUnigram(let counts): return Int64(counts.classes)
    case .fixedUnigram(let weights, _, _): return Int64(weights.count)
    }
  }

  /// One batch's result.
  public struct Batch: Sendable, Hashable {
    public var candidates: [Int64]
    public var candidateExpectedCounts: [Float]
    public var extraExpectedCounts: [Float]
    /// Draws taken (more than `candidates.count` when unique rejected some).
    public var tries: Int
  }

  /// `count` candidates (distinct ones when `unique`, redrawing repeats),
  /// and the expected counts of the candidates and of `extras`: with
  /// `p` the float probability, `p × count` when no draw was rejected,
  /// else `−expm1f(tries × log1pf(−p))`.
  ///
  /// - Precondition: `unique` implies `count <= range`; not ``all(range:)``
  ///   with `count != range`.
  mutating func sampleBatch(_ rnd: inout SimplePhilox, count: Int, unique: Bool, extras: [Int64]) -> Batch {
    if case .all(let range) = self {
      precondition(Int64(count) == range)
      return Batch(
        candidates: (0..<range).map { $0 }, candidateExpectedCounts: Array(repeating: 1, count: count),
        extraExpectedCounts: Array(repeating: 1, count: extras.count), tries: count)
    }
    var candidates: [Int64] = []
    candidates.reserveCapacity(count)
    var tries = 0
    if unique {
      precondition(Int64(count) <= range)
      var seen = Set<Int64>()
      while candidates.count < count {
        tries += 1
        let value = sample(&rnd)
        if seen.insert(value).inserted { candidates.append(value) }
      }
    } else {
      for _ in 0..<count { candidates.append(sample(&rnd)) }
      tries = count
    }
    func expected(_ value: Int64) -> Float {
      let p = probability(of: value)
      if tries == count { return p * Float(count) }
      return -expm1f(Float(tries) * log1pf(-p))
    }
    return Batch(
      candidates: candidates, candidateExpectedCounts: candidates.map(expected),
      extraExpectedCounts: extras.map(expected), tries: tries)
  }

  /// After a run: a learned sampler counts the run's true classes.
  mutating func learn(_ trueClasses: [Int64]) {
    if case .learnedUnigram(var counts) = self {
      counts.learn(trueClasses)
      self = .learnedUnigram(counts)
    }
  }

  func sample(_ rnd: inout SimplePhilox) -> Int64 {
    switch self {
    case .uniform(let range):
      return Int64(rnd.uniform64(UInt64(range)))
    case .logUniform(let range):
      let value = Int64(exp(rnd.randDouble() * log1p(Double(range)))) - 1
      return value % range
    case .learnedUnigram(let counts):
      return counts.pick(&rnd)
    case .fixedUnigram(_, _, let table):
      return table.sample(&rnd)
    case .all:
      preconditionFailure("AllSampler does not draw")
    }
  }

  /// The float probability of drawing `value` in one draw.
  public func probability(of value: Int64) -> Float {
    switch self {
    case .uniform(let range):
      return Float(1.0 / Double(range))
    case .logUniform(let range):
      let v = Double(value)
      return Float(log((v + 2.0) / (v + 1.0)) / log1p(Double(range)))
    case .learnedUnigram(let counts):
      return counts.probability(of: Int(value))
    case .fixedUnigram(let weights, let total, _):
      guard value >= 0 && value < Int64(weights.count) else { return 0 }
      return weights[Int(value)] / total
    case .all:
      return 1
    }
  }
}
