import RNGStreams

/// What a distribution call returns: the values and the shape NumPy gives
/// them, or `shape == nil` for a Python scalar (`size=None` with scalar
/// parameters).
///
/// ```swift
/// var rs = try RandomState(seed: 0)
/// try rs.poisson(lam: .init("lam", 2.0), size: nil).shape      // nil: one Python int
/// try rs.poisson(lam: .init("lam", 2.0), size: [2, 3]).shape   // [2, 3]
/// ```
public struct NumPySample: Sendable {
  /// The drawn values in C order.
  public var values: DrawnValues
  /// The result's shape; nil when NumPy returns one Python scalar.
  public var shape: [Int]?

  public init(values: DrawnValues, shape: [Int]?) {
    self.values = values
    self.shape = shape
  }
}
