import RNGStreams

/// The index orders of `torch.utils.data`'s samplers, drawn from a
/// ``TorchGenerator`` exactly as PyTorch 2.13 draws them.
///
/// ```swift
/// var g = try TorchGenerator(seed: 3)
/// try TorchSamplerOrder.random(count: 10, generator: &g)               // one randperm(10)
/// try TorchSamplerOrder.random(count: 7, replacement: true, samples: 40, generator: &g)
/// ```
public enum TorchSamplerOrder {
  /// `RandomSampler(data, replacement, num_samples)`'s order on its generator.
  ///
  /// Without replacement: `samples / count` whole `randperm(count)`s, then one
  /// more cut to `samples % count` (drawn even when that is 0). With
  /// replacement: `randint(0, count, (32,))` per 32 samples, then one
  /// `randint` for the remainder (drawn even when it is 0).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `samples` is not positive, or
  ///   when `count` is 0 (PyTorch's own errors from `randperm`/`randint`).
  public static func random(
    count: Int, replacement: Bool = false, samples: Int? = nil, generator: inout TorchGenerator
  ) throws -> [Int] {
    let samples = samples ?? count
    guard samples > 0 else {
      throw FrameworkError("num_samples should be a positive integer value, but got num_samples=\(samples)", parameter: "num_samples")
    }
    var order: [Int] = []
    order.reserveCapacity(samples)
    if replacement {
      guard count > 0 else {
        throw FrameworkError("random_ expects 'from' to be less than 'to', but got from=0 >= to=0: the dataset is empty", parameter: "data_source")
      }
      for _ in 0..<(samples / 32) { order += try ints(generator.randint(Int64(count), [32])) }
      order += try ints(generator.randint(Int64(count), [samples % 32]))
    } else {
      guard count > 0 else {
        throw FrameworkError("integer division or modulo by zero: a RandomSampler over an empty dataset", parameter: "data_source")
      }
      for _ in 0..<(samples / count) { order += try ints(generator.randperm(Int64(count))) }
      order += try ints(generator.randperm(Int64(count))).prefix(samples % count)
    }
    return order
  }

  /// `SubsetRandomSampler(indices)`: `indices` in the order of one `randperm(len(indices))`.
  public static func subset<T>(_ indices: [T], generator: inout TorchGenerator) throws -> [T] {
    try ints(generator.randperm(Int64(indices.count))).map { indices[$0] }
  }

  /// `random_split(dataset, lengths)`'s index lists, after ``splitLengths(_:count:)``:
  /// one `randperm(sum(lengths))` cut into consecutive pieces.
  public static func split(lengths: [Int], generator: inout TorchGenerator) throws -> [[Int]] {
    let order = try ints(generator.randperm(Int64(lengths.reduce(0, +))))
    var pieces: [[Int]] = []
    var offset = 0
    for length in lengths {
      pieces.append(Array(order[offset..<(offset + length)]))
      offset += length
    }
    return pieces
  }

  /// One length of `random_split`: a count, or a fraction of the dataset.
  public enum SplitLength: Sendable, Hashable {
    case count(Int)
    case fraction(Double)
    var value: Double {
      switch self {
      case .count(let n): Double(n)
      case .fraction(let f): f
      }
    }
  }

  /// The lengths `random_split` uses. When the lengths sum to 1 (`math.isclose`,
  /// and not above 1) they are fractions: `floor(count · f)` each, then the
  /// remainder handed out one by one from the first split on. Otherwise they
  /// are counts and must sum to `count`.
  ///
  /// ```swift
  /// try TorchSamplerOrder.splitLengths([.fraction(0.3), .fraction(0.3), .fraction(0.4)], count: 11)  // [4, 3, 4]: 3, 3, 4, then the 1 left over to the first
  /// ```
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` (parameter `lengths`) for a fraction
  ///   outside [0, 1], or lengths that do not sum to `count`.
  public static func splitLengths(_ lengths: [SplitLength], count: Int) throws -> [Int] {
    let sum = lengths.reduce(0.0) { $0 + $1.value }
    var result: [Int]
    if abs(sum - 1) <= 1e-9 * max(abs(sum), 1), sum <= 1 {
      result = []
      for (i, length) in lengths.enumerated() {
        let f = length.value
        guard f >= 0, f <= 1 else { throw FrameworkError("Fraction at index \(i) is not between 0 and 1", parameter: "lengths") }
        result.append(Int((Double(count) * f).rounded(.down)))
      }
      let remainder = count - result.reduce(0, +)
      if !result.isEmpty {
        for i in 0..<max(remainder, 0) { result[i % result.count] += 1 }
      }
    } else {
      result = lengths.map { length in
        switch length {
        case .count(let n): n
        case .fraction(let f): Int(f)
        }
      }
      let isWhole = lengths.allSatisfy { if case .count = $0 { true } else { false } }
      if !isWhole || result.reduce(0, +) != count {
        throw FrameworkError(
          "Sum of input lengths does not equal the length of the input dataset! (lengths sum to \(formatted(sum)), the dataset has \(count) items)",
          parameter: "lengths")
      }
    }
    return result
  }

  private static func formatted(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }

  /// The indices of an int64 `randperm`/`randint` result.
  public static func ints(_ values: DrawnValues) -> [Int] {
    if case .int64(let v) = values { return v.map { Int($0) } }
    return []
  }
}
