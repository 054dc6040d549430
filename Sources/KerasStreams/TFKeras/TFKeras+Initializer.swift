import PythonStreams
import RNGStreams
import TensorFlowStreams

extension TFKeras {
  /// A tf-keras random initializer: `init(shape, dtype)` in Python.
  ///
  /// Calling it fixes its seed on the first call (see ``RandomGenerator``)
  /// and returns the values in C order. An unseeded initializer returns
  /// identical values on every call (tf-keras warns about it).
  ///
  /// ```swift
  /// var he = TFKeras.VarianceScaling.heNormal(seed: 3)
  /// let w = try he([3, 3, 16, 32], backend: &backend, python: &python)
  /// ```
  public protocol Initializer {
    /// The Python class name (`"GlorotUniform"`), used as the consumer of seed draws.
    var className: String { get }
    /// `initializer(shape, dtype=dtype)`.
    ///
    /// - Parameters:
    ///   - python: the process's global `random`, which an unseeded
    ///     initializer draws its seed from when `set_random_seed` was not called.
    /// - Throws: `FrameworkError` for a dtype the initializer rejects or a
    ///   negative dimension.
    mutating func callAsFunction(
      _ shape: [Int], dtype: TensorFlowDType, backend: inout Backend, python: inout PythonRandom
    ) throws -> DrawnValues
  }

  /// `_compute_fans(shape)`: rank 0 → (1, 1); rank 1 → (n, n); rank 2 →
  /// (shape[0], shape[1]); higher ranks multiply both by the receptive
  /// field `prod(shape[:-2])` and use the last two dimensions.
  ///
  /// ```swift
  /// TFKeras.fans([3, 3, 16, 32])   // (144, 288)
  /// ```
  public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
    switch shape.count {
    case 0: return (1, 1)
    case 1: return (shape[0], shape[0])
    case 2: return (shape[0], shape[1])
    default:
      let receptiveField = shape.dropLast(2).reduce(1, *)
      return (shape[shape.count - 2] * receptiveField, shape[shape.count - 1] * receptiveField)
    }
  }
}

extension TensorFlowDType {
  /// `_assert_float_dtype`.
  func requireFloat(_ className: String) throws {
    guard isFloatingPoint else {
      throw FrameworkError("\(className) expects a floating point dtype, got \(rawValue).", parameter: "dtype")
    }
  }
}
