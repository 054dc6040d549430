import RNGStreams

/// A tensor handed to a sampler as a parameter (`torch.normal(mean, std)`'s
/// tensors, `torch.bernoulli`'s probabilities) or returned by one: its
/// elements, flat in C order, and its shape.
///
/// ```swift
/// let mean = TorchTensorValues(.float32([0, 10, 100]), shape: [3])
/// var g = try TorchGenerator(seed: 0)
/// try g.normal(mean: mean, std: 1).shape     // [3]
/// ```
public struct TorchTensorValues: Sendable, Hashable {
  /// The elements, flat in C order; their dtype is the tensor's.
  public var values: DrawnValues
  /// The shape; its element count equals `values.count`.
  public var shape: [Int]

  /// A tensor of `shape` holding `values`.
  ///
  /// - Precondition: `values.count` is the element count of `shape`.
  public init(_ values: DrawnValues, shape: [Int]) {
    precondition(values.count == shape.reduce(1, *), "\(values.count) values do not fill shape \(shape)")
    self.values = values
    self.shape = shape
  }

  /// The torch dtype of the elements, or nil for one the samplers do not produce.
  public var dtype: TorchDType? { TorchDType(values.dtype) }

  /// The elements as doubles (exact for every float32 and float64 element).
  var doubles: [Double] { values.doubles }

  /// PyTorch's `infer_size`: the broadcast shape of `a` and `b`, or its error.
  public static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let rank = max(a.count, b.count)
    var shape = [Int](repeating: 1, count: rank)
    for k in 0..<rank {
      let da = k < rank - a.count ? 1 : a[k - (rank - a.count)]
      let db = k < rank - b.count ? 1 : b[k - (rank - b.count)]
      if da != db && da != 1 && db != 1 {
        throw FrameworkError(
          "The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(k)",
          parameter: "std")
      }
      shape[k] = da == 1 ? db : da
    }
    return shape
  }

  /// The elements broadcast to `shape` as doubles.
  func doubles(broadcastTo target: [Int]) -> [Double] {
    let source = doubles
    guard let index = Broadcasting.index(from: shape, to: target) else {
      preconditionFailure("\(shape) does not broadcast to \(target)")
    }
    return (0..<target.reduce(1, *)).map { source[index($0)] }
  }
}

extension TorchTensorValues {
  /// The tensor broadcast to `target` (PyTorch's `expand`), its dtype kept.
  ///
  /// ```swift
  /// TorchTensorValues(.float32([1, 2]), shape: [2]).expanded(to: [3, 2]).values.count   // 6
  /// ```
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `shape` does not broadcast to `target`.
  public func expanded(to target: [Int]) throws -> TorchTensorValues {
    if target == shape { return self }
    guard Broadcasting.fits(shape, to: target) else {
      throw FrameworkError("The expanded size of the tensor must match the existing size: \(shape) does not broadcast to \(target)")
    }
    let d = doubles(broadcastTo: target)
    switch values {
    case .float32: return TorchTensorValues(.float32(d.map { Float($0) }), shape: target)
    case .float64: return TorchTensorValues(.float64(d), shape: target)
    default:
      let integers = values.integers ?? d.map { Int64($0) }
      let index = Broadcasting.index(from: shape, to: target) ?? { $0 }
      let count = target.reduce(1, *)
      return TorchTensorValues(DrawnValues(wrapping: (0..<count).map { integers[index($0)] }, as: values.dtype), shape: target)
    }
  }
}
