import RNGStreams

/// One parameter of a NumPy distribution call: a Python scalar or an array,
/// broadcast against the other parameters and `size` as NumPy does.
///
/// ```swift
/// let scale = NumPyParameter("scale", 2.0)                          // exponential(2.0)
/// let lam = NumPyParameter("lam", values: [1, 50], shape: [2])      // poisson([1, 50])
/// ```
///
/// Edge cases:
/// - A 0-d array (`shape == []`) counts as a scalar, as in NumPy's
///   `PyArray_NDIM(arr) == 0` test.
/// - Integer parameters (`binomial`'s `n`, `hypergeometric`'s counts) keep
///   their exact values in ``integers``; ``values`` holds them widened.
public struct NumPyParameter: Sendable, Equatable {
  /// The parameter's name in NumPy's signature (used in error messages).
  public var name: String
  /// The elements in C order, as float64.
  public var values: [Double]
  /// The exact integers, for integer parameters; nil otherwise.
  public var integers: [Int64]?
  /// The array shape; `[]` for a scalar.
  public var shape: [Int]

  /// A scalar float parameter.
  public init(_ name: String, _ value: Double) {
    self.name = name
    values = [value]
    shape = []
  }

  /// A scalar integer parameter.
  public init(_ name: String, integer: Int64) {
    self.name = name
    values = [Double(integer)]
    integers = [integer]
    shape = []
  }

  /// An array parameter (or a 0-d array when `shape` is `[]`).
  ///
  /// - Precondition: `values.count` is the product of `shape`.
  public init(_ name: String, values: [Double], shape: [Int], integers: [Int64]? = nil) {
    precondition(values.count == shape.reduce(1, *), "values do not fill the shape")
    self.name = name
    self.values = values
    self.integers = integers
    self.shape = shape
  }

  /// Whether this is a scalar (NumPy's 0-d test).
  public var isScalar: Bool { shape.isEmpty }

  /// The first element (the value of a scalar).
  var scalar: Double { values.first ?? .nan }

  /// How this parameter appears in a draw report.
  var described: DrawReport.Parameter {
    if isScalar {
      if let i = integers?.first { return .init(name, "\(i)") }
      return .init(name, scalar.description)
    }
    let shown = values.count <= 8
      ? (integers.map { $0.map { "\($0)" } } ?? values.map(\.description)).joined(separator: ", ")
      : "…"
    return .init(name, "array([\(shown)], shape=\(NumPyShapeText.tuple(shape)))")
  }
}
