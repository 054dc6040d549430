/// An `Embedding` as training computes it: each row of a batch holds
/// `steps` indices (as floats, the way the data arrives), each replaced by
/// its row of the `(inputDim, outputDim)` table.
///
/// ```swift
/// let lookup = KerasEmbeddingKernel(inputDim: 12, outputDim: 3)
/// let y = try lookup.forward(x, table: embeddings)   // rows of steps·3 values
/// ```
///
/// Edge cases: an index that is not a whole number in `0 ..< inputDim` is
/// an error naming it (TensorFlow's CPU kernel refuses it too).
struct KerasEmbeddingKernel: Sendable, Hashable {
  let inputDim: Int
  let outputDim: Int

  /// The looked-up rows; throws the message for the first bad index.
  func forward(_ x: KerasMatrix, table: [Float]) throws(KerasEmbeddingKernel.BadIndex) -> KerasMatrix {
    var out = KerasMatrix.zeros(rows: x.rows, columns: x.columns * outputDim)
    for (i, v) in x.values.enumerated() {
      guard v >= 0, v < Float(inputDim), v.rounded(.towardZero) == v else { throw BadIndex(value: v, inputDim: inputDim) }
      let row = Int(v)
      for d in 0..<outputDim { out.values[i * outputDim + d] = table[row * outputDim + d] }
    }
    return out
  }

  /// The table's gradient: each looked-up row's gradient added to its index's row.
  func backward(_ g: KerasMatrix, input x: KerasMatrix) -> [Float] {
    var table = [Float](repeating: 0, count: inputDim * outputDim)
    for (i, v) in x.values.enumerated() {
      let row = Int(v)
      for d in 0..<outputDim { table[row * outputDim + d] += g.values[i * outputDim + d] }
    }
    return table
  }

  /// Per element of the table, the sum over its lookups of the squared
  /// gradient of each lookup (`Σ gᵢ²`, where ``backward(_:input:)`` gives `Σ gᵢ`).
  func occurrenceSquares(_ g: KerasMatrix, input x: KerasMatrix) -> [Float] {
    var table = [Float](repeating: 0, count: inputDim * outputDim)
    for (i, v) in x.values.enumerated() {
      let row = Int(v)
      for d in 0..<outputDim {
        let gi = g.values[i * outputDim + d]
        table[row * outputDim + d] += gi * gi
      }
    }
    return table
  }

  /// An index outside the table.
  struct BadIndex: Error {
    let value: Float
    let inputDim: Int
    var message: String {
      "indices[...] = \(value) is not in [0, \(inputDim)): every input of an Embedding must be a whole number below input_dim"
    }
  }
}
