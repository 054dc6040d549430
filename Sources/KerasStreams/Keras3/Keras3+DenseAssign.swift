import RNGStreams

extension Keras3.Dense {
  /// `layer.set_weights([kernel, bias])`, and what training writes back
  /// after each step: float32 values of the built shapes.
  ///
  /// ```swift
  /// try dense.assign(kernel: newKernel, bias: newBias)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` when the layer is not built, a shape
  ///   differs from the built one, or a bias is given to a layer without one
  ///   (or missing from one with one).
  public mutating func assign(kernel newKernel: Keras3.Tensor, bias newBias: Keras3.Tensor?) throws {
    guard let kernel else {
      throw FrameworkError("You called `set_weights(weights)` on layer \"\(name)\" before it was built.")
    }
    guard newKernel.shape == kernel.shape else {
      throw FrameworkError(
        "Layer \(name) weight shape \(kernel.shape) is not compatible with provided weight shape \(newKernel.shape).")
    }
    switch (bias, newBias) {
    case (let old?, let new?):
      guard new.shape == old.shape else {
        throw FrameworkError("Layer \(name) weight shape \(old.shape) is not compatible with provided weight shape \(new.shape).")
      }
    case (nil, nil): break
    default:
      throw FrameworkError(
        "Layer \(name) expects \(bias == nil ? 1 : 2) weights, but the given weights list has \(newBias == nil ? 1 : 2).")
    }
    self.kernel = newKernel.cast(to: dtype.elementType)
    self.bias = newBias?.cast(to: dtype.elementType)
  }
}
