#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.stateless_categorical(logits, num_samples, seed, dtype=tf.int64)`:
  /// `numSamples` class indices per row of the 2-D `logits`, read from the
  /// seed's Philox stream from its first block.
  ///
  /// ```swift
  /// try StatelessRandomOps.categorical(.float32([0, 1, 2]), shape: [1, 3], numSamples: 10, seed: [1, 2])
  /// ```
  ///
  /// The kernel is `tf.random.categorical`'s (see
  /// ``TensorFlowEagerContext/categorical(_:shape:numSamples:dtype:seed:)``):
  /// per row, the CDF of `exp(logit − max)` over the finite logits, then per
  /// sample a double uniform (two words) times the total, located with
  /// `upper_bound`. As there, TensorFlow splits many rows across threads
  /// when the work estimate reaches 210,000 and then starts later shards
  /// from skipped streams; rngdiff reads all rows from one stream (exact for
  /// one row and below that bound) and says so in the report.
  ///
  /// - Throws: ``FrameworkError`` for logits that are not 2-D floats, no
  ///   classes, a negative `numSamples`, an output dtype other than
  ///   int32/int64, or a bad seed.
  public static func categorical(
    _ logits: DrawnValues, shape: [Int], numSamples: Int, seed: [Int64], dtype: TensorFlowDType = .int64,
    observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    guard dtype == .int32 || dtype == .int64 else {
      throw FrameworkError("dtype must be int32 or int64, got \(dtype.rawValue).", parameter: "dtype")
    }
    guard let logitsDType = TensorFlowDType(logits.dtype), logitsDType.isFloatingPoint else {
      throw FrameworkError("logits must be float32 or float64, got \(logits.dtypeName).", parameter: "logits")
    }
    guard shape.count == 2, try TensorShape.elementCount(shape) == logits.count else {
      throw FrameworkError("logits should be a matrix, got shape \(shape).", parameter: "logits")
    }
    guard numSamples >= 0 else {
      throw FrameworkError("num_samples should be nonnegative, got \(numSamples).", parameter: "num_samples")
    }
    guard shape[1] > 0 else {
      throw FrameworkError("num_classes should be positive, got \(shape[1]).", parameter: "logits")
    }
    let key = try StatelessKey(seed: seed)
    let (rows, classes) = (shape[0], shape[1])
    let lowest = logitsDType == .float64 ? -Double.greatestFiniteMagnitude : -Double(Float.greatestFiniteMagnitude)
    let indices = key.fill.categorical(logits: logits.doubles, rows: rows, classes: classes, samples: numSamples, lowest: lowest)
    let values: DrawnValues = dtype == .int64 ? .int64(indices) : .int32(indices.map { Int32($0) })
    let cost = 50 * (Double(numSamples) * log(Double(classes)) / log(2.0) + Double(classes))
    let oneShard = rows <= 1 || Double(rows) * Double(Int64(cost)) < 210_000
    report(key, blocks: UInt64((rows * numSamples * 2 + 3) / 4), operation: "stateless_categorical", distribution: "categorical",
           parameters: [.init("num_samples", String(numSamples)), .init("dtype", dtype.rawValue),
                        .init("sharding", oneShard ? "one shard" : "assumed one shard; TensorFlow splits these rows by thread")],
           shape: [rows, numSamples], values: values, observer: observer)
    return values
  }
}
