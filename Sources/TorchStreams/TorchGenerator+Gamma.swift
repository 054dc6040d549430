import RNGStreams

extension TorchGenerator {
  /// `torch._standard_gamma(concentration)`: one Gamma(α, 1) value per
  /// element, as a tensor of the concentrations' shape and dtype — what
  /// `torch.distributions.Gamma` samples before dividing by the rate.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.standardGamma(TorchTensorValues(.float32([0.5, 2, 9]), shape: [3]))
  /// ```
  ///
  /// Marsaglia and Tsang's method with the boost for α < 1, as NumPy's legacy
  /// code, in double with glibc's `pow`, `log` and `sqrt`: standard normals from
  /// the scalar Box–Muller path (it shares the generator's cached normal) and
  /// double uniforms (two words). Like PyTorch, float32 concentrations keep
  /// their own rounding in the boost (`α + 1`, `1/α`) and in `α − 1/3`, and
  /// `1/3` and `0.0331` are float32 constants. The result is rounded to the
  /// dtype and raised to the smallest normal number; α = 0 gives that smallest
  /// normal without drawing.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when the concentrations are not
  ///   float32 or float64, or when one is NaN or infinite (PyTorch loops
  ///   forever or returns garbage). Negative ones give the smallest normal, as
  ///   in PyTorch.
  public mutating func standardGamma(_ concentration: TorchTensorValues) throws -> TorchTensorValues {
    let dtype = try Self.gammaDType(concentration, kernel: "gamma_cpu")
    let before = wordsDrawn
    let alphas = concentration.doubles
    let values: DrawnValues
    if dtype == .float32 {
      values = .float32(alphas.map { max(Float.leastNormalMagnitude, Float(gammaSample(Float($0)))) })
    } else {
      values = .float64(alphas.map { max(Double.leastNormalMagnitude, gammaSample($0)) })
    }
    report(
      from: before, operation: "_standard_gamma", distribution: "gamma",
      parameters: [.init("concentration", "tensor"), .init("dtype", dtype.name)], shape: concentration.shape, values: values)
    return TorchTensorValues(values, shape: concentration.shape)
  }

  /// `torch._sample_dirichlet(concentration)`: each row along the last
  /// dimension drawn from the Dirichlet distribution — what
  /// `torch.distributions.Dirichlet` (and `Beta`, with two columns) samples.
  ///
  /// Per element a Gamma(α, 1) value in double (float32 concentrations are
  /// widened first), at least the smallest normal double; each is divided by
  /// its row's sum, which PyTorch's reduction adds in its own order (the tail
  /// past the last whole 4-double vector first, then the vector lanes); the
  /// result is rounded to the dtype and kept in `[smallest normal, 1)`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when the concentrations are not
  ///   float32 or float64, when one is NaN or infinite, when the tensor is 0-d,
  ///   or when its last dimension exceeds 256 (512 on AVX512; PyTorch's cascaded
  ///   sum of longer rows is not emulated).
  public mutating func dirichlet(_ concentration: TorchTensorValues) throws -> TorchTensorValues {
    let dtype = try Self.gammaDType(concentration, kernel: "dirichlet")
    guard let width = concentration.shape.last else {
      throw FrameworkError("dirichlet needs at least one dimension: the categories are the last one", parameter: "concentration")
    }
    let lanes = kernel.lanes(for: Double.self)
    if width > RowSum.limit(lanes: lanes) {
      throw FrameworkError(
        "dirichlet rows of \(width) categories are not emulated: PyTorch sums rows longer than \(RowSum.limit(lanes: lanes)) with a cascade rngdiff does not reproduce",
        parameter: "concentration")
    }
    let before = wordsDrawn
    let gammas = concentration.doubles.map { max(Double.leastNormalMagnitude, gammaSample($0)) }
    var doubles = [Double]()
    doubles.reserveCapacity(gammas.count)
    for start in stride(from: 0, to: gammas.count, by: max(width, 1)) {
      let row = gammas[start..<(start + width)]
      let sum = RowSum.sum(Array(row), lanes: lanes)
      doubles.append(contentsOf: row.map { $0 / sum })
    }
    let values: DrawnValues
    if dtype == .float32 {
      let below1 = Float(1).nextDown
      values = .float32(doubles.map { min(below1, max(Float.leastNormalMagnitude, Float($0))) })
    } else {
      values = .float64(doubles.map { min(Double(1).nextDown, max(Double.leastNormalMagnitude, $0)) })
    }
    report(
      from: before, operation: "_sample_dirichlet", distribution: "dirichlet",
      parameters: [.init("concentration", "tensor"), .init("dtype", dtype.name)], shape: concentration.shape, values: values)
    return TorchTensorValues(values, shape: concentration.shape)
  }

  /// The dtype of a gamma or Dirichlet concentration tensor, checked.
  private static func gammaDType(_ concentration: TorchTensorValues, kernel: String) throws -> TorchDType {
    guard let dtype = concentration.dtype, dtype.isFloatingPoint else {
      let name = concentration.dtype?.scalarTypeName ?? concentration.values.dtypeName
      throw FrameworkError("\"\(kernel)\" not implemented for '\(name)': give the concentration as float32 or float64.", parameter: "concentration")
    }
    if !concentration.doubles.allSatisfy({ $0.isFinite }) {
      throw FrameworkError("the concentration must be finite: PyTorch's gamma sampler does not return a value for NaN or infinity", parameter: "concentration")
    }
    return dtype
  }

  /// `sample_gamma<float, double>`: float32 concentrations round as float.
  mutating func gammaSample(_ alpha: Float) -> Double {
    var alpha = alpha
    var scale = 1.0
    if alpha < 1 {
      if alpha == 0 { return 0 }
      scale *= Libm.pow(1 - doubleUniform(), Double(1 / alpha))
      alpha += 1
    }
    return marsagliaTsang(d: Double(alpha - Float(1.0 / 3.0)), scale: scale)
  }

  /// `sample_gamma<double, double>`.
  mutating func gammaSample(_ alpha: Double) -> Double {
    var alpha = alpha
    var scale = 1.0
    if alpha < 1 {
      if alpha == 0 { return 0 }
      scale *= Libm.pow(1 - doubleUniform(), 1 / alpha)
      alpha += 1
    }
    return marsagliaTsang(d: alpha - Double(Float(1.0 / 3.0)), scale: scale)
  }

  /// The rejection loop of Marsaglia and Tsang (2000) for `d = α − 1/3`.
  private mutating func marsagliaTsang(d: Double, scale: Double) -> Double {
    let c = 1 / (9 * d).squareRoot()
    let squeeze = Double(Float(0.0331))
    while true {
      var x: Double
      var y: Double
      repeat {
        x = scalarNormal()
        y = 1 + c * x
      } while y <= 0
      let v = y * y * y
      let u = 1 - doubleUniform()
      let xx = x * x
      if u < 1 - squeeze * xx * xx { return scale * d * v }
      if Libm.log(u) < 0.5 * xx + d * (1 - v + Libm.log(v)) { return scale * d * v }
    }
  }
}
