import RNGStreams

/// Element-wise comparisons and differences of two broadcast parameters,
/// as NumPy's ufuncs compute them before a call. Internal.
enum Elementwise {
  /// Pairs of elements of `a` and `b` broadcast to one shape, with that shape.
  static func pairs(_ a: NumPyParameter, _ b: NumPyParameter) throws -> (shape: [Int], pairs: [(Double, Double)]) {
    guard let shape = DistributionPlan.broadcast(a.shape, b.shape),
      let ia = Broadcasting.index(from: a.shape, to: shape), let ib = Broadcasting.index(from: b.shape, to: shape)
    else {
      throw FrameworkError(
        "operands could not be broadcast together with shapes \(NumPyShapeText.tuple(a.shape)) \(NumPyShapeText.tuple(b.shape)) ",
        parameter: b.name)
    }
    let n = shape.reduce(1, *)
    return (shape, (0..<n).map { (a.values[ia($0)], b.values[ib($0)]) })
  }
}

/// The `range = high - low` parameter of `uniform`. Internal.
enum UniformRange {
  /// `high - low`, broadcast, as a parameter; throws NumPy's
  /// `OverflowError` text when any difference is not finite.
  static func range(low: NumPyParameter, high: NumPyParameter) throws -> NumPyParameter {
    if low.isScalar && high.isScalar {
      let r = high.scalar - low.scalar
      guard r.isFinite else { throw FrameworkError("Range exceeds valid bounds", parameter: "high") }
      return NumPyParameter("range", r)
    }
    let (shape, pairs) = try Elementwise.pairs(high, low)
    let values = pairs.map { $0.0 - $0.1 }
    guard values.allSatisfy(\.isFinite) else { throw FrameworkError("Range exceeds valid bounds", parameter: "high") }
    return NumPyParameter("range", values: values, shape: shape)
  }
}

/// `triangular`'s checks, in NumPy's order. Internal.
enum TriangularCheck {
  static func check(left: NumPyParameter, mode: NumPyParameter, right: NumPyParameter) throws {
    if left.isScalar && mode.isScalar && right.isScalar {
      if left.scalar > mode.scalar { throw FrameworkError("left > mode", parameter: "left") }
      if mode.scalar > right.scalar { throw FrameworkError("mode > right", parameter: "mode") }
      if left.scalar == right.scalar { throw FrameworkError("left == right", parameter: "left") }
      return
    }
    if try Elementwise.pairs(left, mode).pairs.contains(where: { $0.0 > $0.1 }) {
      throw FrameworkError("left > mode", parameter: "left")
    }
    if try Elementwise.pairs(mode, right).pairs.contains(where: { $0.0 > $0.1 }) {
      throw FrameworkError("mode > right", parameter: "mode")
    }
    if try Elementwise.pairs(left, right).pairs.contains(where: { $0.0 == $0.1 }) {
      throw FrameworkError("left == right", parameter: "left")
    }
  }
}

/// `hypergeometric`'s first check, "ngood + nbad < nsample". Internal.
enum HypergeometricCheck {
  static func checkTotal(ngood: NumPyParameter, nbad: NumPyParameter, nsample: NumPyParameter) throws {
    let message = FrameworkError("ngood + nbad < nsample", parameter: "nsample")
    let g = ngood.integers ?? ngood.values.map { CConversion.int64($0) }
    let b = nbad.integers ?? nbad.values.map { CConversion.int64($0) }
    let n = nsample.integers ?? nsample.values.map { CConversion.int64($0) }
    if ngood.isScalar && nbad.isScalar && nsample.isScalar {
      if g[0] &+ b[0] < n[0] { throw message }
      return
    }
    guard let s1 = DistributionPlan.broadcast(ngood.shape, nbad.shape), let shape = DistributionPlan.broadcast(s1, nsample.shape),
      let ig = Broadcasting.index(from: ngood.shape, to: shape), let ib = Broadcasting.index(from: nbad.shape, to: shape),
      let isample = Broadcasting.index(from: nsample.shape, to: shape)
    else { return }  // the plan reports the shape mismatch
    for i in 0..<shape.reduce(1, *) where g[ig(i)] &+ b[ib(i)] < n[isample(i)] { throw message }
  }
}
