import RNGStreams

/// One named parameter of a module, as `module.named_parameters()` yields it.
///
/// ```swift
/// var g = try TorchGenerator(seed: 0)
/// let linear = try g.linear(4, 2)
/// linear.map(\.name)        // ["weight", "bias"]
/// linear[0].shape           // [2, 4]
/// ```
public struct TorchParameter: Sendable, Hashable {
  /// The parameter's name (`"weight"`, `"bias"`).
  public var name: String
  /// The parameter's shape.
  public var shape: [Int]
  /// The initial values, flat in C order.
  public var values: DrawnValues

  /// A parameter named `name` with `values` of `shape`.
  public init(name: String, shape: [Int], values: DrawnValues) {
    self.name = name
    self.shape = shape
    self.values = values
  }
}
