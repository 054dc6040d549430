import RNGStreams

/// The arithmetic `tf.nn.dropout` and `tf.nn.experimental.stateless_dropout`
/// share, around their uniform noise.
///
/// ```swift
/// let noiseShape = try DropoutMask.noiseShape(nil, for: [2, 3])   // [2, 3]
/// let (out, keep) = DropoutMask.apply(x, shape: [2, 3], rate: 0.5,
///                                     noiseShape: noiseShape, noise: u)
/// ```
///
/// `scale = 1 / (1 - rate)` in double, then converted to the dtype;
/// `ret = x * scale`; `keep = noise >= rate` (rate converted to the dtype);
/// the output is `keep ? ret : 0`, with `keep` broadcast from the noise
/// shape to x's shape.
public enum DropoutMask {
  /// Checks `rate` and the dtype of `x` as `_dropout` does, and returns
  /// that dtype.
  ///
  /// - Throws: ``FrameworkError`` for a rate outside `[0, 1)`, an integer
  ///   `x`, or a dtype that is not emulated.
  @discardableResult
  public static func validate(rate: Double, x: DrawnValues) throws -> TensorFlowDType {
    guard rate >= 0 && rate < 1 else {
      throw FrameworkError("rate must be a scalar tensor or a float in the range [0, 1), got \(rate).", parameter: "rate")
    }
    guard x.isFloatingPoint else {
      throw FrameworkError("x.dtype must be a floating point tensor, got \(x.dtypeName).", parameter: "x")
    }
    return try TensorFlowDType.of(x, parameter: "x")
  }

  /// The noise shape: x's shape when `nil`; otherwise it must broadcast to
  /// x's shape (each dimension 1 or equal, aligned from the right).
  ///
  /// - Throws: ``FrameworkError`` when it does not broadcast to `shape`.
  public static func noiseShape(_ given: [Int]?, for shape: [Int]) throws -> [Int] {
    guard let given else { return shape }
    _ = try TensorShape.elementCount(given, parameter: "noise_shape")
    guard Broadcasting.fits(given, to: shape) else {
      throw FrameworkError("noise_shape \(given) does not broadcast to x's shape \(shape).", parameter: "noise_shape")
    }
    return given
  }

  /// The dropped-out `x` and the keep mask (in noise-shape order).
  ///
  /// - Precondition: `x` has `shape`'s element count, `noise` has
  ///   `noiseShape`'s, both of the same floating dtype.
  public static func apply(
    _ x: DrawnValues, shape: [Int], rate: Double, noiseShape: [Int], noise: DrawnValues
  ) -> (DrawnValues, [Bool]) {
    let scale = 1.0 / (1.0 - rate)
    let keep: [Bool]
    switch noise {
    case .float32(let u):
      let r = Float(rate)
      keep = u.map { $0 >= r }
    case .float64(let u):
      keep = u.map { $0 >= rate }
    default:
      preconditionFailure("dropout noise must be floating point")
    }
    guard let map = Broadcasting.index(from: noiseShape, to: shape) else {
      preconditionFailure("the noise shape was checked by noiseShape(_:for:)")
    }
    switch x {
    case .float32(let v):
      let s = Float(scale)
      return (.float32(v.indices.map { keep[map($0)] ? v[$0] * s : 0 }), keep)
    case .float64(let v):
      return (.float64(v.indices.map { keep[map($0)] ? v[$0] * scale : 0 }), keep)
    default:
      preconditionFailure("dropout input must be floating point")
    }
  }
}
