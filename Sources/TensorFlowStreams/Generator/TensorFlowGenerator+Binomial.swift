import RNGBits
import RNGStreams

extension TensorFlowGenerator {
  /// `g.binomial(shape, counts, probs, dtype=tf.int32)`: the
  /// `StatefulRandomBinomial` kernel, the same sampler as
  /// ``StatelessRandomOps/binomial(_:seed:counts:countsShape:probs:probsShape:parameterType:dtype:observer:)``
  /// read from the generator's Philox counter and key.
  ///
  /// ```swift
  /// var g = try TensorFlowGenerator(seed: 1234)
  /// try g.binomial([10, 2], counts: [10, 20], countsShape: [2, 1], probs: [0.8], probsShape: [1, 1])
  /// ```
  ///
  /// The state's counter then advances as for a call of
  /// `batches · 2 · 100 · (samplesPerBatch + 3) / 4` elements (integer
  /// division; 256 blocks each), where `batches` is the element count of the
  /// broadcast batch shape and `samplesPerBatch` that of the rest of
  /// `shape` — not as for `n` elements like the other methods.
  ///
  /// - Throws: as the stateless op.
  public mutating func binomial(
    _ shape: [Int], counts: [Double], countsShape: [Int], probs: [Double], probsShape: [Int],
    parameterType: TensorFlowDType = .float32, dtype: TensorFlowDType = .int32, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    _ = try TensorShape.elementCount(shape)
    let batchRank = max(countsShape.count, probsShape.count)
    let batches = shape.suffix(batchRank).reduce(1, *)
    let samples = shape.dropLast(batchRank).reduce(1, *)
    let base = counter
    let philoxKey = key
    let values = try StatelessRandomOps.binomialValues(
      shape, counts: counts, countsShape: countsShape, probs: probs, probsShape: probsShape,
      parameterType: parameterType, dtype: dtype
    ) { draw, perDraw in
      Philox4x32(counter: Philox4x32.add(base, draw &* perDraw), key: philoxKey)
    }
    // int64 arithmetic in the kernel: batches * 2 * 100 * (samples + 3) / 4
    // "elements", each 256 blocks as for the other methods.
    let read = readAndSkip(elements: batches * 200 * (samples + 3) / 4)
    report(read, operation: "Generator.binomial", distribution: "binomial",
           parameters: [.init("dtype", dtype.rawValue)], shape: shape, values: values, observer: observer)
    return values
  }
}
