/// The order in which float32 values are added. Float addition is not
/// associative, so the same values summed in another order can give another
/// float: the root of "same draws, different loss" on GPUs (atomic adds land
/// in scheduling order) and across thread counts (each thread sums a chunk).
///
/// ```swift
/// let v: [Float] = [1e8, 1, -1e8, 1]
/// Summation.sequential.sum(v)          // 1.0
/// Summation.ordered([0, 2, 1, 3]).sum(v)  // 2.0
/// ```
public enum Summation: Sendable, Hashable {
  /// First to last.
  case sequential
  /// `chunks` contiguous chunks (as many threads), each summed first to
  /// last, then the partial sums first to last.
  case chunked(Int)
  /// In the order of the indices given (each index once).
  case ordered([Int])

  /// The float32 sum of `values` in this order.
  public func sum(_ values: [Float]) -> Float {
    switch self {
    case .sequential:
      return values.reduce(0, +)
    case .chunked(let chunks):
      precondition(chunks > 0, "chunked summation needs at least one chunk")
      let size = (values.count + chunks - 1) / max(chunks, 1)
      var partials: [Float] = []
      var start = 0
      while start < values.count {
        partials.append(values[start..<min(start + size, values.count)].reduce(0, +))
        start += size
      }
      return partials.reduce(0, +)
    case .ordered(let order):
      precondition(order.count == values.count && Set(order).count == order.count, "an order must name each index once")
      return order.reduce(Float(0)) { $0 + values[$1] }
    }
  }

  /// The float32 mean: ``sum(_:)`` divided by the count.
  public func mean(_ values: [Float]) -> Float {
    sum(values) / Float(values.count)
  }
}
