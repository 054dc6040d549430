import RNGStreams

/// Shape checks shared by every op: the element count of a shape given as
/// a list of dimensions.
enum TensorShape {
  /// The number of elements of `shape` (1 for `[]`).
  ///
  /// - Throws: ``FrameworkError`` for a negative dimension or a count that
  ///   does not fit in an `Int`.
  static func elementCount(_ shape: [Int], parameter: String = "shape") throws -> Int {
    var count = 1
    for d in shape {
      guard d >= 0 else {
        throw FrameworkError("Dimension \(d) in \(parameter) \(shape) must be >= 0.", parameter: parameter)
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow else {
        throw FrameworkError("\(parameter) \(shape) has more elements than fit in memory.", parameter: parameter)
      }
      count = product
    }
    return count
  }
}
