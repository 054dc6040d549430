import RNGStreams

extension Keras3 {
  /// `compute_fans(shape, input_axes=None, output_axes=None)`: the number of
  /// input and output units of a weight shape.
  ///
  /// ```swift
  /// try Keras3.fans([3, 3, 16, 32])                                  // (144, 288)
  /// try Keras3.fans([3, 4, 5], inputAxes: [0], outputAxes: [1, 2])  // (3, 20)
  /// ```
  ///
  /// With both axis lists, each fan is the product of the shape's
  /// dimensions at those axes (negative axes count from the end). Otherwise
  /// rank 0 → (1, 1); rank 1 → (n, n); rank 2 → (shape[0], shape[1]);
  /// higher ranks multiply the last two dimensions by the receptive field
  /// `prod(shape[:-2])`.
  ///
  /// - Throws: ``FrameworkError`` for an axis outside the shape or a fan
  ///   that does not fit in an `Int`.
  public static func fans(_ shape: [Int], inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) throws -> (fanIn: Int, fanOut: Int) {
    func product(_ dims: [Int]) throws -> Int {
      try dims.reduce(1) { total, d in
        let (p, overflow) = total.multipliedReportingOverflow(by: d)
        guard !overflow else { throw FrameworkError("shape \(shape) is too large for its fans to be counted.", parameter: "shape") }
        return p
      }
    }
    if let inputAxes, let outputAxes {
      func dims(_ axes: [Int]) throws -> [Int] {
        try axes.map { axis in
          let i = axis < 0 ? axis + shape.count : axis
          guard (0..<shape.count).contains(i) else {
            throw FrameworkError("axis \(axis) is out of range for a weight of shape \(shape).", parameter: "shape")
          }
          return shape[i]
        }
      }
      return (try product(dims(inputAxes)), try product(dims(outputAxes)))
    }
    switch shape.count {
    case 0: return (1, 1)
    case 1: return (shape[0], shape[0])
    case 2: return (shape[0], shape[1])
    default:
      let receptiveField = try product(Array(shape.dropLast(2)))
      return (try product([shape[shape.count - 2], receptiveField]), try product([shape[shape.count - 1], receptiveField]))
    }
  }
}
