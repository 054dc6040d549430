import RNGStreams

extension TorchGenerator {
  /// `torch.distributions.Categorical(probs).sample(sample_shape)`: category
  /// indices (int64) of shape `sampleShape + probs.shape.dropLast()`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// let p = TorchTensorValues(.float32([1, 2, 7]), shape: [3])
  /// try g.categorical(p, sampleShape: [4])      // 4 indices in 0..<3
  /// ```
  ///
  /// As PyTorch: the probabilities are first normalised along the last
  /// dimension (``categoricalProbabilities(_:)``), then
  /// `multinomial(rows, n, replacement: true)` draws `n = sampleShape`'s
  /// element count per row (two words per sample, row after row) and the
  /// result is transposed, so sample `i` of every row comes before sample
  /// `i + 1`.
  ///
  /// - Throws: as ``categoricalProbabilities(_:)`` and
  ///   ``multinomial(_:samples:replacement:)``, or for a negative dimension.
  public mutating func categorical(_ probs: TorchTensorValues, sampleShape: [Int]) throws -> TorchTensorValues {
    let normalized = try categoricalProbabilities(probs)
    let n = try Shape.elementCount(sampleShape)
    let categories = probs.shape.last ?? 1
    let batch = Array(probs.shape.dropLast())
    let rows = batch.reduce(1, *)
    let shape = sampleShape + batch
    _ = try Shape.elementCount(shape)
    if n == 0 || rows == 0 { return TorchTensorValues(.int64([]), shape: shape) }
    let drawn = try multinomial(TorchTensorValues(normalized.values, shape: [rows, categories]), samples: n, replacement: true)
    let indices = drawn.values.integers ?? []
    var transposed = [Int64](repeating: 0, count: indices.count)
    for row in 0..<rows {
      for i in 0..<n { transposed[i * rows + row] = indices[row * n + i] }
    }
    return TorchTensorValues(.int64(transposed), shape: shape)
  }

  /// `Categorical(probs).probs`: each row along the last dimension divided by
  /// its sum, the sum added in the order of PyTorch's CPU reduction (vector
  /// lanes of 8 floats or 4 doubles, 16 and 8 on AVX512) and the division
  /// rounded in the dtype.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for a 0-d tensor, a non-float
  ///   dtype, a negative or non-finite probability, a row summing to 0, or
  ///   rows longer than 64 vectors (PyTorch's cascaded sum is not emulated).
  public func categoricalProbabilities(_ probs: TorchTensorValues) throws -> TorchTensorValues {
    guard let categories = probs.shape.last else {
      throw FrameworkError("`probs` parameter must be at least one-dimensional.", parameter: "probs")
    }
    guard let dtype = probs.dtype, dtype.isFloatingPoint else {
      throw FrameworkError("Categorical needs float32 or float64 probabilities, got \(probs.values.dtypeName)", parameter: "probs")
    }
    let lanes = dtype == .float32 ? kernel.lanes(for: Float.self) : kernel.lanes(for: Double.self)
    if categories > RowSum.limit(lanes: lanes) {
      throw FrameworkError(
        "Categorical with \(categories) categories is not emulated: PyTorch sums rows longer than \(RowSum.limit(lanes: lanes)) with a cascade rngdiff does not reproduce",
        parameter: "probs")
    }
    let all = probs.doubles
    if !all.allSatisfy({ $0 >= 0 && $0 < .infinity }) {
      throw FrameworkError(
        "Expected parameter probs of distribution Categorical to satisfy the constraint Simplex(), but found negative, infinite or NaN values",
        parameter: "probs")
    }
    var out = [Double]()
    out.reserveCapacity(all.count)
    for start in stride(from: 0, to: all.count, by: max(categories, 1)) {
      let row = Array(all[start..<(start + categories)])
      if dtype == .float32 {
        let floats = row.map { Float($0) }
        let sum = RowSum.sum(floats, lanes: lanes)
        if !(sum > 0) { throw Self.zeroRow }
        out.append(contentsOf: floats.map { Double($0 / sum) })
      } else {
        let sum = RowSum.sum(row, lanes: lanes)
        if !(sum > 0) { throw Self.zeroRow }
        out.append(contentsOf: row.map { $0 / sum })
      }
    }
    let values: DrawnValues = dtype == .float32 ? .float32(out.map { Float($0) }) : .float64(out)
    return TorchTensorValues(values, shape: probs.shape)
  }

  private static var zeroRow: FrameworkError {
    FrameworkError(
      "Expected parameter probs of distribution Categorical to satisfy the constraint Simplex(), but a row sums to 0",
      parameter: "probs")
  }
}
