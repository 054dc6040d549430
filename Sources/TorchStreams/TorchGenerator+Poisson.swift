import RNGStreams

extension TorchGenerator {
  /// `torch.poisson(rates)`: one Poisson count per rate, as a tensor of the
  /// rates' shape and dtype.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.poisson(TorchTensorValues(.float32([0.5, 4, 30]), shape: [3]))
  /// ```
  ///
  /// The algorithm is NumPy's legacy one, in double with glibc's libm and
  /// double uniforms (two words each): rate 0 gives 0 and draws nothing; below
  /// 10, multiply uniforms until the product drops to `exp(−rate)` or below;
  /// from 10 on, Hörmann's transformed rejection (PTRS), which draws two
  /// uniforms per try and calls `log` and `lgamma`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when a rate is negative or NaN, when
  ///   one is infinite (PyTorch loops forever), or when the rates are not float32 or float64.
  public mutating func poisson(_ rates: TorchTensorValues) throws -> TorchTensorValues {
    guard let dtype = rates.dtype, dtype.isFloatingPoint else {
      let name = rates.dtype?.scalarTypeName ?? rates.values.dtypeName
      throw FrameworkError("\"poisson_cpu\" not implemented for '\(name)': give the rates as float32 or float64.", parameter: "input")
    }
    let lambdas = rates.doubles
    if !lambdas.allSatisfy({ $0 >= 0 }) {
      throw FrameworkError("invalid Poisson rate, expected rate to be non-negative", parameter: "input")
    }
    if lambdas.contains(.infinity) {
      throw FrameworkError("torch.poisson needs finite rates, got inf; PyTorch's sampler never returns for it.", parameter: "input")
    }
    let before = wordsDrawn
    let counts = lambdas.map { Double(poissonCount($0)) }
    let values = KernelCast.cast(counts, to: dtype)
    report(
      from: before, operation: "poisson", distribution: "poisson",
      parameters: [.init("rate", "tensor"), .init("dtype", dtype.name)], shape: rates.shape, values: values)
    return TorchTensorValues(values, shape: rates.shape)
  }

  /// One double uniform in [0, 1) (two words).
  mutating func doubleUniform() -> Double { UniformDraws.float64(engine.next64()) }

  /// `sample_poisson` for one finite, non-negative rate.
  mutating func poissonCount(_ lambda: Double) -> Int64 {
    if lambda >= 10 {
      let slam = lambda.squareRoot()
      let logLambda = Libm.log(lambda)
      let b = 0.931 + 2.53 * slam
      let a = -0.059 + 0.02483 * b
      let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
      let vr = 0.9277 - 3.6224 / (b - 2)
      while true {
        let u = doubleUniform() - 0.5
        let v = doubleUniform()
        let us = 0.5 - Swift.abs(u)
        let k = KernelCast.truncatedInt64(((2 * a / us + b) * u + lambda + 0.43).rounded(.down))
        if us >= 0.07 && v <= vr { return k }
        if k < 0 || (us < 0.013 && v > us) { continue }
        let left = Libm.log(v) + Libm.log(invAlpha) - Libm.log(a / (us * us) + b)
        let right = -lambda + Double(k) * logLambda - Libm.lgamma(Double(k) + 1)
        if left <= right { return k }
      }
    }
    if lambda == 0 { return 0 }
    let limit = Libm.exp(-lambda)
    var count: Int64 = 0
    var product = 1.0
    while true {
      product *= doubleUniform()
      if product > limit { count += 1 } else { return count }
    }
  }
}
