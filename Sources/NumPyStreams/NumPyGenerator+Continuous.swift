import Foundation
import RNGBits
import RNGStreams

/// `Generator`'s continuous distributions beyond `random`, `uniform` and
/// `normal`: those whose NumPy 2.4 algorithms draw only uniforms and
/// ziggurat normals. Each takes ``NumPyParameter``s (scalars or arrays,
/// broadcast) and `size` (nil: `size=None`).
///
/// ```swift
/// var rng = try NumPyGenerator(seed: 42)
/// try rng.laplace(loc: .init("loc", 1.0), scale: .init("scale", 2.0), size: [3])
/// try rng.vonmises(mu: .init("mu", 0.0), kappa: .init("kappa", 4.0), size: nil)
/// ```
///
/// Not here: the calls that need NumPy's exponential ziggurat
/// (`exponential`, `standard_exponential`, `gamma`, `standard_gamma`,
/// `beta`, `chisquare`, `f`, `standard_t`, `noncentral_*`, `pareto`,
/// `weibull`, `power`, `rayleigh`, `negative_binomial`, `geometric`,
/// `dirichlet`): its tables could not be reproduced bit for bit from their
/// construction (see docs/frameworks/numpy.md).
extension NumPyGenerator {
  /// `laplace(loc=0.0, scale=1.0, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func laplace(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("laplace", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      UniformTransforms.laplace(&b, loc: x, scale: y)
    }
  }

  /// `gumbel(loc=0.0, scale=1.0, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func gumbel(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("gumbel", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      UniformTransforms.gumbel(&b, loc: x, scale: y)
    }
  }

  /// `logistic(loc=0.0, scale=1.0, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func logistic(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("logistic", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      UniformTransforms.logistic(&b, loc: x, scale: y)
    }
  }

  /// `triangular(left, mode, right, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func triangular(
    left: NumPyParameter, mode: NumPyParameter, right: NumPyParameter, size: [Int]?
  ) throws -> NumPySample {
    try TriangularCheck.check(left: left, mode: mode, right: right)
    return try continuousCall("triangular", [left, mode, right], [.none, .none, .none], size: size) { b, x, y, z in
      UniformTransforms.triangular(&b, left: x, mode: y, right: z)
    }
  }

  /// `lognormal(mean=0.0, sigma=1.0, size)`: `exp(mean + sigma · z)`, `z` from the ziggurat.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func lognormal(
    mean: NumPyParameter = .init("mean", 0), sigma: NumPyParameter = .init("sigma", 1), size: [Int]?
  ) throws -> NumPySample {
    let ziggurat = Ziggurat.shared
    return try continuousCall("lognormal", [mean, sigma], [.none, .nonNegative], size: size) { b, x, y, _ in
      Foundation.exp(x + y * ziggurat.normal(&b))
    }
  }

  /// `standard_cauchy(size)`: two ziggurat normals, first over second.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func standardCauchy(size: [Int]?) throws -> NumPySample {
    let ziggurat = Ziggurat.shared
    return try continuousCall("standard_cauchy", [], [], size: size) { b, _, _, _ in
      let numerator = ziggurat.normal(&b)
      return numerator / ziggurat.normal(&b)
    }
  }

  /// `normal(loc, scale, size)` with array parameters (broadcast).
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func normal(loc: NumPyParameter, scale: NumPyParameter, size: [Int]?) throws -> NumPySample {
    let ziggurat = Ziggurat.shared
    return try continuousCall("normal", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      x + y * ziggurat.normal(&b)
    }
  }

  /// `wald(mean, scale, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func wald(mean: NumPyParameter, scale: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("wald", [mean, scale], [.positive, .positive], size: size) { b, x, y, _ in
      GeneratorSamplers.wald(&b, mean: x, scale: y)
    }
  }

  /// `vonmises(mu, kappa, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func vonmises(mu: NumPyParameter, kappa: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("vonmises", [mu, kappa], [.none, .nonNegative], size: size) { b, x, y, _ in
      GeneratorSamplers.vonmises(&b, mu: x, kappa: y)
    }
  }

  /// `uniform(low, high, size)` with array parameters (broadcast).
  ///
  /// - Throws: "Range exceeds valid bounds" for a non-finite difference,
  ///   "high - low < 0" for a negative one (sign bit, so `-0.0` too).
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func uniform(low: NumPyParameter, high: NumPyParameter, size: [Int]?) throws -> NumPySample {
    let range = try UniformRange.range(low: low, high: high)
    if range.values.contains(where: { !$0.isNaN && $0.sign == .minus }) {
      throw FrameworkError("high - low < 0", parameter: "high")
    }
    return try continuousCall("uniform", [low, range], [.none, .none], size: size) { b, x, y, _ in
      x + y * b.nextDouble()
    }
  }
}
