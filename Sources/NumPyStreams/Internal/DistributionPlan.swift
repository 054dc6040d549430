import RNGStreams

/// Where each output element of a distribution call takes its parameters
/// from: NumPy's `cont`/`disc` dispatch in `_common.pyx`. Internal.
///
/// All scalars: the output has shape `size` (nil: one Python scalar) and
/// every element uses the same values. Any array: the parameters broadcast
/// to one shape; with `size` that shape must broadcast to `size` exactly
/// (the output is `size`), without it the output takes the broadcast shape.
///
/// ```swift
/// let plan = try DistributionPlan([NumPyParameter("lam", values: [1, 2], shape: [2])], size: [3, 2])
/// plan.shape   // [3, 2]
/// (0..<6).map { plan.index(0, $0) }   // [0, 1, 0, 1, 0, 1]
/// ```
struct DistributionPlan {
  /// The output shape; nil for a Python scalar.
  let shape: [Int]?
  /// Output elements.
  let count: Int
  /// Whether every parameter is a scalar (NumPy's fast path).
  let allScalar: Bool
  private let maps: [((Int) -> Int)?]

  /// `sizeFirst`: whether NumPy's iterator lists the output before the
  /// parameters (`cont`/`disc`) or after them (`Generator.multinomial`),
  /// which decides the argument numbers in a shape-mismatch message.
  init(_ parameters: [NumPyParameter], size: [Int]?, sizeFirst: Bool = true) throws {
    allScalar = parameters.allSatisfy(\.isScalar)
    if allScalar {
      shape = size
      count = size.map { $0.reduce(1, *) } ?? 1
      maps = parameters.map { _ in nil }
      try ElementCount.check(size.map { $0.contains { $0 < 0 } ? -1 : 0 } ?? 0)
      return
    }
    // NumPy broadcasts the output array (when `size` is given) with the
    // parameters, in that order, and names the first pair that conflicts.
    let sizeShapes = size.map { [$0] } ?? []
    let shapes = sizeFirst ? sizeShapes + parameters.map(\.shape) : parameters.map(\.shape) + sizeShapes
    let firstParameter = sizeFirst ? sizeShapes.count : 0
    var joint: [Int] = []
    for (i, s) in shapes.enumerated() {
      guard let b = Self.broadcast(joint, s) else {
        let first = shapes[0..<i].firstIndex { Self.broadcast($0, s) == nil } ?? 0
        let isParameter = i >= firstParameter && i - firstParameter < parameters.count
        throw FrameworkError(
          "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg \(first) with shape \(NumPyShapeText.tuple(shapes[first])) and arg \(i) with shape \(NumPyShapeText.tuple(s)).",
          parameter: isParameter ? parameters[i - firstParameter].name : "size")
      }
      joint = b
    }
    if let size {
      guard joint == size else {
        throw FrameworkError(
          "Output size \(NumPyShapeText.tuple(size)) is not compatible with broadcast dimensions of inputs \(NumPyShapeText.tuple(joint)).",
          parameter: "size")
      }
      shape = size
    } else {
      shape = joint
    }
    let out = shape ?? []
    var total = 1
    for d in out {
      let (product, overflow) = total.multipliedReportingOverflow(by: d)
      guard !overflow, product <= Self.maximumElements else {
        throw FrameworkError("rngdiff makes at most 2**28 values per call; the parameters broadcast to \(NumPyShapeText.tuple(out))")
      }
      total = product
    }
    count = total
    maps = parameters.map { Broadcasting.index(from: $0.shape, to: out) }
  }

  /// The most elements one call makes (as the engine's `size` limit).
  static let maximumElements = 1 << 28

  /// The flat index into parameter `p` for output element `i`.
  @inline(__always)
  func index(_ p: Int, _ i: Int) -> Int { maps[p]?(i) ?? 0 }

  /// NumPy's broadcast of two shapes, or nil when they do not broadcast.
  static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
    let n = max(a.count, b.count)
    let pa = Array(repeating: 1, count: n - a.count) + a
    let pb = Array(repeating: 1, count: n - b.count) + b
    var out: [Int] = []
    for (x, y) in zip(pa, pb) {
      if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else { return nil }
    }
    return out
  }
}
