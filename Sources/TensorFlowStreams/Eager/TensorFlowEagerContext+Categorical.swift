import RNGStreams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension TensorFlowEagerContext {
  /// `tf.random.categorical(logits, num_samples, dtype=None, seed=None)`:
  /// `numSamples` class indices per row of the 2-D `logits`.
  ///
  /// ```swift
  /// try tf.categorical(.float32([0, 1, 2]), shape: [1, 3], numSamples: 10, seed: 1)
  /// ```
  ///
  /// Edge cases:
  /// - The kernel is keyed by the logits dtype and the output dtype.
  /// - TensorFlow splits the rows across threads when the estimated work,
  ///   `rows × 50 × (samples × log2(classes) + classes)` cycles, reaches
  ///   210,000 (Eigen's cost model) and there is more than one row; rows of
  ///   a later shard then start from a skipped generator, so results depend
  ///   on the thread count. The emulation reads all rows from one
  ///   generator (exact for one row and for work below that bound) and says
  ///   so in the draw report's `sharding` parameter otherwise.
  ///
  /// - Throws: ``FrameworkError`` for logits that are not 2-D floats, no
  ///   classes, a negative `numSamples`, or an output dtype other than
  ///   int32/int64.
  public mutating func categorical(
    _ logits: DrawnValues, shape: [Int], numSamples: Int, dtype: TensorFlowDType = .int64, seed: Int64? = nil
  ) throws -> DrawnValues {
    guard dtype == .int32 || dtype == .int64 else {
      throw FrameworkError("dtype must be int32 or int64, got \(dtype.rawValue).", parameter: "dtype")
    }
    guard let logitsDType = TensorFlowDType(logits.dtype), logitsDType.isFloatingPoint else {
      throw FrameworkError("logits must be float32 or float64, got \(logits.dtypeName).", parameter: "logits")
    }
    let wide = logits.doubles
    let key = try prepareKernel(.multinomial, dtype: dtype, opSeed: seed, inputDType: logitsDType)
    // The kernel's own checks run after get_seed.
    guard shape.count == 2, try TensorShape.elementCount(shape) == logits.count else {
      throw FrameworkError("logits should be a matrix, got shape \(shape).", parameter: "logits")
    }
    guard shape[1] > 0 else {
      throw FrameworkError("num_classes should be positive, got \(shape[1]).", parameter: "logits")
    }
    guard numSamples >= 0 else {
      throw FrameworkError("num_samples should be non-negative, got \(numSamples).", parameter: "num_samples")
    }
    let (rows, classes) = (shape[0], shape[1])
    let observer = self.observer
    return withKernel(key) { kernel in
      let (indices, run) = kernel.runCategorical(logits: wide, rows: rows, classes: classes, samples: numSamples)
      let values: DrawnValues = dtype == .int64 ? .int64(indices) : .int32(indices.map { Int32($0) })
      if let observer {
        let cost = Int64(50 * (Double(numSamples) * log(Double(classes)) / log(2.0) + Double(classes)))
        let oneShard = rows <= 1 || Double(rows) * Double(cost) < 210_000
        observer.observe(
          kernel.report(
            run, operation: "categorical",
            parameters: [
              .init("num_samples", String(numSamples)), .init("dtype", dtype.rawValue),
              .init("sharding", oneShard ? "one shard" : "assumed one shard; TensorFlow splits these rows by thread"),
            ],
            shape: [rows, numSamples], values: values))
      }
      return values
    }
  }
}
