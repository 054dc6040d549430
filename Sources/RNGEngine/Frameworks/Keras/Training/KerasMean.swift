/// Keras's `Mean` metric in float32: a running weighted total and count;
/// the result is `total / count` (0 when nothing was added).
///
/// ```swift
/// var m = KerasMean()
/// m.add(0.5, weight: 4)   // a batch of 4 rows with loss 0.5
/// m.add(1.0, weight: 2)
/// m.result                // (2 + 2) / 6
/// ```
struct KerasMean: Sendable, Hashable {
  private(set) var total: Float = 0
  private(set) var count: Float = 0

  /// A value with a weight (the loss tracker weights a batch's loss by its rows).
  mutating func add(_ value: Float, weight: Float) {
    total += value * weight
    count += weight
  }

  /// Several values of weight 1 (a metric's per-sample values).
  mutating func add(values: [Float]) {
    total += ReductionOrder.sum(values)
    count += Float(values.count)
  }

  var result: Float { count == 0 ? 0 : total / count }
}
