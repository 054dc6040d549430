import RNGStreams

extension TorchGenerator {
  /// `torch.randn(*size, dtype=dtype)`: standard normal values.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.randn([3])     // [1.5409961, -0.2934289, -2.1787894]   (scalar path, 8 words)
  /// try g.randn([1])     // served from the cached value: 0 words
  /// ```
  ///
  /// Two code paths, chosen by element count (see ``normal_(_:dtype:mean:std:)``).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for a negative dimension or a non-float dtype.
  public mutating func randn(_ size: [Int], dtype: TorchDType = .float32) throws -> DrawnValues {
    try normalDraw(size, dtype: dtype, mean: 0, std: 1, operation: "randn")
  }

  /// `Tensor.normal_(mean, std)` on a new tensor of `shape` and `dtype` (also what
  /// `nn.init.normal_` calls).
  ///
  /// ```swift
  /// try g.normal_([15], mean: 0.37, std: 1.913)     // scalar path
  /// try g.normal_([16], mean: 0.37, std: 1.913)     // vectorised path
  /// ```
  ///
  /// - Fewer than 16 elements: per element a double Box–Muller draw shared with the
  ///   generator's cache. A fresh pair takes two double uniforms (4 words), the first
  ///   for the angle, the second for the radius (`sqrt(-2·log1p(-u))`), returns
  ///   `r·cos` and caches `r·sin`. The element is `z·std + mean` in double (fused on
  ///   AVX2/AVX512 kernels), then cast to `dtype`.
  /// - 16 or more elements: fill with uniforms (float32: 1 word each; float64: 2),
  ///   transform each block of 16 (radius from the first half, angle from the second;
  ///   the cache is neither read nor written), and when the count is not a multiple of
  ///   16, overwrite the last 16 with fresh uniforms and transform them again. Float32
  ///   blocks use the kernel's math (``TorchCPUKernel``); float64 blocks use libm.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `std < 0` or is NaN, for a negative
  ///   dimension, or for a non-float dtype.
  public mutating func normal_(
    _ shape: [Int], dtype: TorchDType = .float32, mean: Double = 0, std: Double = 1
  ) throws -> DrawnValues {
    try normalDraw(shape, dtype: dtype, mean: mean, std: std, operation: "normal_")
  }

  /// `torch.normal(mean, std, size=size)` with float `mean` and `std`: the same
  /// draws as ``normal_(_:dtype:mean:std:)``.
  public mutating func normal(
    mean: Double, std: Double, size: [Int], dtype: TorchDType = .float32
  ) throws -> DrawnValues {
    try normalDraw(size, dtype: dtype, mean: mean, std: std, operation: "normal")
  }

  /// Checks, draws and reports one normal call.
  mutating func normalDraw(
    _ shape: [Int], dtype: TorchDType, mean: Double, std: Double, operation: String
  ) throws -> DrawnValues {
    if !(std >= 0) {
      throw FrameworkError("normal expects std >= 0.0, but found std \(cppDescription(std))", parameter: "std")
    }
    let count = try Shape.elementCount(shape)
    try Shape.requireFloatingPoint(dtype, kernel: "normal_kernel_cpu")
    let before = wordsDrawn
    let values = normalValues(count: count, dtype: dtype, mean: mean, std: std)
    report(
      from: before, operation: operation, distribution: "normal",
      parameters: [.init("mean", "\(mean)"), .init("std", "\(std)"), .init("dtype", dtype.name)],
      shape: shape, values: values)
    return values
  }

  /// The values of one normal kernel call, without checks or reporting.
  mutating func normalValues(count: Int, dtype: TorchDType, mean: Double, std: Double) -> DrawnValues {
    precondition(dtype.isFloatingPoint, "normal values are float32 or float64")
    if count < 16 {
      var doubles = [Double]()
      doubles.reserveCapacity(count)
      for _ in 0..<count {
        doubles.append(multiplyAdd(scalarNormal(), std, mean, fused: kernel.fusesMultiplyAdd))
      }
      return dtype == .float32 ? .float32(doubles.map { Float($0) }) : .float64(doubles)
    }
    if dtype == .float64 {
      var data = filledArray(count: count) { UniformDraws.float64(engine.next64()) }
      data.withUnsafeMutableBufferPointer { buffer in
        BoxMuller.fill(buffer, refill: { UniformDraws.float64(engine.next64()) }) { d, offset in
          BoxMuller.libmBlock(d, at: offset, mean: mean, std: std)
        }
      }
      return .float64(data)
    }
    let mean32 = Float(mean)
    let std32 = Float(std)
    let polynomial = kernel.usesAVX2NormalBlock
    var data = filledArray(count: count) { UniformDraws.float32(engine.next()) }
    data.withUnsafeMutableBufferPointer { buffer in
      BoxMuller.fill(buffer, refill: { UniformDraws.float32(engine.next()) }) { d, offset in
        if polynomial {
          BoxMuller.avx2Block(d, at: offset, mean: mean32, std: std32)
        } else {
          BoxMuller.libmBlock(d, at: offset, mean: mean32, std: std32)
        }
      }
    }
    return .float32(data)
  }

  /// One standard normal from the scalar path (`normal_distribution<double>`),
  /// using and refilling the generator's cached value.
  mutating func scalarNormal() -> Double {
    if let cached = nextDoubleNormalSample {
      nextDoubleNormalSample = nil
      return cached
    }
    let u1 = UniformDraws.float64(engine.next64())
    let u2 = UniformDraws.float64(engine.next64())
    let radius = (-2.0 * Libm.log1p(-u2)).squareRoot()
    let theta = BoxMuller.twoPi * u1
    nextDoubleNormalSample = radius * Libm.sin(theta)
    return radius * Libm.cos(theta)
  }
}
