import RNGStreams

extension TorchGenerator {
  /// `torch.bernoulli(p)`: zeros and ones of `p`'s shape and dtype, each 1
  /// with its element's probability.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.bernoulli(TorchTensorValues(.float32([0.1, 0.5, 0.9]), shape: [3]))
  /// ```
  ///
  /// - Throws: as ``bernoulli_(_:dtype:p:)-(_,_,TorchTensorValues)``.
  public mutating func bernoulli(_ p: TorchTensorValues) throws -> TorchTensorValues {
    guard let dtype = p.dtype else { throw Self.bernoulliDTypeError(p) }
    let values = try bernoulli_(p.shape, dtype: dtype, p: p, operation: "bernoulli")
    return TorchTensorValues(values, shape: p.shape)
  }

  /// `Tensor.bernoulli_(p)` with a tensor `p` broadcast to `shape`, on a new
  /// tensor of `shape` and `dtype`.
  ///
  /// The uniform's width follows `p`'s dtype, not the tensor's: a float64 `p`
  /// takes one double uniform per element (`random64()`, two words), a float32
  /// `p` one float uniform (`random()`, one word, 24 bits); the element is
  /// `u < p`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when an element of `p` is outside
  ///   `[0, 1]` or NaN (PyTorch draws the elements before it first; here
  ///   nothing is drawn), when `p` is not float32 or float64, when `p` does not
  ///   broadcast to `shape`, or for a negative dimension.
  public mutating func bernoulli_(_ shape: [Int], dtype: TorchDType = .float32, p: TorchTensorValues) throws -> DrawnValues {
    try bernoulli_(shape, dtype: dtype, p: p, operation: "bernoulli_")
  }

  private mutating func bernoulli_(_ shape: [Int], dtype: TorchDType, p: TorchTensorValues, operation: String) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    guard let pType = p.dtype, pType.isFloatingPoint else { throw Self.bernoulliDTypeError(p) }
    guard Broadcasting.fits(p.shape, to: shape) else {
      throw FrameworkError("bernoulli_: p of shape \(p.shape) does not broadcast to the tensor's shape \(shape)", parameter: "p")
    }
    let probabilities = p.doubles(broadcastTo: shape)
    if !probabilities.allSatisfy({ $0 >= 0 && $0 <= 1 }) {
      throw FrameworkError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.", parameter: "p")
    }
    let before = wordsDrawn
    var ones = [Int64]()
    ones.reserveCapacity(count)
    if pType == .float64 {
      for q in probabilities { ones.append(UniformDraws.float64(engine.next64()) < q ? 1 : 0) }
    } else {
      for q in probabilities { ones.append(UniformDraws.float32(engine.next()) < Float(q) ? 1 : 0) }
    }
    let values = DrawnValues(wrapping: ones, as: dtype.elementType)
    report(
      from: before, operation: operation, distribution: "bernoulli",
      parameters: [.init("p", "tensor"), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  private static func bernoulliDTypeError(_ p: TorchTensorValues) -> FrameworkError {
    let name = p.dtype?.scalarTypeName ?? p.values.dtypeName
    return FrameworkError("\"bernoulli_tensor_cpu_p_\" not implemented for '\(name)': give p as float32 or float64.", parameter: "p")
  }
}
