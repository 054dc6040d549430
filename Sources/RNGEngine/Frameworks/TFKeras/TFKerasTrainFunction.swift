import RNGStreams
import TensorFlowStreams

/// A tf-keras model's `train_function`: one `tf.function(reduce_retracing=True)`
/// that `fit` and `train_on_batch` share, whose traces (concrete functions)
/// are keyed by the batch dimension of the input they were traced for. Each
/// trace is its own graph: its Dropouts are new `RandomUniform` ops with their
/// own kernels (same op seeds when the global seed is the same: `get_seed`
/// counts per graph), so a retrace starts each Dropout's stream over at 0.
///
/// Which trace a call runs, as TensorFlow's dispatch does (measured with
/// tf-keras 2.21, docs/frameworks/tf-keras.md, "train_on_batch and fit"):
/// the trace for exactly its batch dimension, else the trace for any batch
/// (`None`), else a new trace, for its batch dimension when it is the
/// first, for `None` once another batch dimension was traced.
///
/// ```python
/// model.train_on_batch(x[:8], y[:8])          # traces (8, 3): kernel A from 0
/// model.fit(x[:10], y[:10], batch_size=4)     # (None, 3): traces again, kernel B from 0
/// model.train_on_batch(x[:8], y[:8])          # (8, 3): kernel A goes on
/// model.train_on_batch(x[:4], y[:4])          # (4, 3): the (None, 3) trace, kernel B goes on
/// ```
///
/// Edge case: `fit` on arrays feeds batches of exactly `batch_size` rows when
/// it divides the rows (else `None`: a last, smaller batch); on a `tf.data`
/// dataset, its batch size with `drop_remainder=True`, else `None`.
final class TFKerasTrainFunction {
  /// One trace: its batch dimension (nil: `None`), the global seed when it
  /// was traced, each Dropout's op seeds and kernel (made at its first step,
  /// re-made after a restart).
  final class Trace {
    let batch: Int?
    let traceSeed: Int64?
    var opSeeds: [ObjectIdentifier: OpSeeds] = [:]
    var kernels: [ObjectIdentifier: (kernel: StatefulRandomKernel, generation: Int, instance: Int)] = [:]
    init(batch: Int?, traceSeed: Int64?) {
      self.batch = batch
      self.traceSeed = traceSeed
    }
  }

  private(set) var traces: [Trace] = []
  /// The batch dimension of the input of the call now running (``TFKerasRun/willTrain(_:batch:)``).
  var callBatch: Int?

  /// The trace a call with input batch dimension `batch` runs, if one was made.
  func dispatch(_ batch: Int?) -> Trace? {
    traces.first { $0.batch == batch } ?? traces.first { $0.batch == nil }
  }

  /// The batch dimension a new trace for `batch` is made for: `batch`
  /// relaxed against every trace made before (`None` once they differ).
  func generalized(_ batch: Int?) -> Int? {
    traces.contains { $0.batch != batch } ? nil : batch
  }

  func add(_ trace: Trace) { traces.append(trace) }
}
