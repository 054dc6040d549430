import RNGStreams

extension TorchGenerator {
  /// `torch.multinomial(input, num_samples, replacement)`: category indices
  /// (int64) drawn by the weights in each row of `input` (one row, shape
  /// `[n]`, or `[rows, n]`); the result has shape `[num_samples]` or
  /// `[rows, num_samples]`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// let w = TorchTensorValues(.float32([0.1, 0.2, 0.7]), shape: [3])
  /// try g.multinomial(w, samples: 5, replacement: true)
  /// try g.multinomial(w, samples: 2)                    // without replacement
  /// ```
  ///
  /// - With replacement: per row, the running sum of the weights in the
  ///   input's dtype, each divided by the total; then per sample one double
  ///   uniform (two words) and a binary search for the first bucket whose
  ///   cumulative weight is not below it (the last bucket counts as 1).
  /// - Without replacement, and for a single sample either way: PyTorch's exponential trick, `exponential_(1)` on a
  ///   tensor of the input's shape and dtype (two words per element, every
  ///   row at once), `input / q`, then the index of the largest value
  ///   (`num_samples == 1`) or the `num_samples` largest in descending order.
  ///
  /// Edge cases: without replacement, asking for more samples than a row has
  /// positive weights is refused (PyTorch then picks among zero-weight
  /// categories in an order set by its `topk`, not emulated).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` with PyTorch's messages for an
  ///   input that is not 1-D or 2-D or not float32/float64, a weight that is
  ///   negative, infinite or NaN, a row summing to 0, `samples <= 0`, or more
  ///   samples than categories without replacement.
  public mutating func multinomial(_ input: TorchTensorValues, samples: Int, replacement: Bool = false) throws -> TorchTensorValues {
    guard input.shape.count == 1 || input.shape.count == 2 else {
      throw FrameworkError("prob_dist must be 1 or 2 dim", parameter: "input")
    }
    guard let dtype = input.dtype, dtype.isFloatingPoint else {
      let name = input.dtype?.scalarTypeName ?? input.values.dtypeName
      throw FrameworkError("multinomial only supports floating-point dtypes for input, got: \(name)", parameter: "input")
    }
    if samples <= 0 { throw FrameworkError("cannot sample n_sample <= 0 samples", parameter: "num_samples") }
    let categories = input.shape[input.shape.count - 1]
    let rows = input.shape.count == 2 ? input.shape[0] : 1
    if !replacement && samples > categories {
      throw FrameworkError("cannot sample n_sample > prob_dist.size(-1) samples without replacement", parameter: "num_samples")
    }
    if categories > 1 << 24 { throw FrameworkError("number of categories cannot exceed 2^24", parameter: "input") }
    let shape = input.shape.count == 2 ? [rows, samples] : [samples]
    _ = try Shape.elementCount(shape)
    let weights = input.doubles
    if !weights.allSatisfy({ $0 >= 0 && $0 < .infinity }) {
      throw FrameworkError("probability tensor contains either `inf`, `nan` or element < 0", parameter: "input")
    }
    for row in 0..<rows where categories > 0 {
      let slice = weights[(row * categories)..<((row + 1) * categories)]
      if !slice.contains(where: { $0 > 0 }) {
        throw FrameworkError("invalid multinomial distribution (sum of probabilities <= 0)", parameter: "input")
      }
      if !replacement && slice.lazy.filter({ $0 > 0 }).count < samples {
        throw FrameworkError(
          "multinomial without replacement of \(samples) samples from a row with \(slice.lazy.filter { $0 > 0 }.count) positive weights picks zero-weight categories in the order of PyTorch's topk, which rngdiff does not emulate; ask for at most that many samples",
          parameter: "num_samples")
      }
    }
    let before = wordsDrawn
    let indices: [Int64]
    if categories == 0 || rows == 0 {
      indices = []
    } else if replacement && samples > 1 {
      indices = dtype == .float32
        ? multinomialWithReplacement(weights.map { Float($0) }, rows: rows, categories: categories, samples: samples)
        : multinomialWithReplacement(weights, rows: rows, categories: categories, samples: samples)
    } else {
      let q = exponentialDoubles(count: weights.count, lambda: 1)
      let keys: [Double] = dtype == .float32
        ? zip(weights, q).map { w, e in Double(Float(w) / Float(e)) }
        : zip(weights, q).map { w, e in w / e }
      indices = Self.largest(keys, rows: rows, categories: categories, samples: samples)
    }
    let values = DrawnValues.int64(indices)
    report(
      from: before, operation: "multinomial", distribution: "multinomial",
      parameters: [.init("num_samples", "\(samples)"), .init("replacement", replacement ? "True" : "False")],
      shape: shape, values: values)
    return TorchTensorValues(values, shape: shape)
  }

  /// The with-replacement kernel, its cumulative sums in `Weight`'s precision.
  private mutating func multinomialWithReplacement<Weight: BinaryFloatingPoint>(
    _ weights: [Weight], rows: Int, categories: Int, samples: Int
  ) -> [Int64] {
    var result = [Int64]()
    result.reserveCapacity(rows * samples)
    var cumulative = [Weight](repeating: 0, count: categories)
    for row in 0..<rows {
      var sum: Weight = 0
      for j in 0..<categories {
        sum += weights[row * categories + j]
        cumulative[j] = sum
      }
      for j in 0..<categories { cumulative[j] /= sum }
      cumulative[categories - 1] = 1
      for _ in 0..<samples {
        let u = doubleUniform()
        var left = 0
        var right = categories
        while right > left {
          let mid = left + (right - left) / 2
          if Double(cumulative[mid]) < u { left = mid + 1 } else { right = mid }
        }
        result.append(Int64(left))
      }
    }
    return result
  }

  /// Per row, the indices of the `samples` largest keys, largest first (ties:
  /// lower index first). Keys are positive where the weight is, so the refusal
  /// of too many samples keeps zero keys out.
  private static func largest(_ keys: [Double], rows: Int, categories: Int, samples: Int) -> [Int64] {
    var result = [Int64]()
    result.reserveCapacity(rows * samples)
    for row in 0..<rows {
      let base = row * categories
      let order = (0..<categories).sorted { a, b in
        let ka = keys[base + a]
        let kb = keys[base + b]
        return ka != kb ? ka > kb : a < b
      }
      result.append(contentsOf: order.prefix(samples).map(Int64.init))
    }
    return result
  }
}
