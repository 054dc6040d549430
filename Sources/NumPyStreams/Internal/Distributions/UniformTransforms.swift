import Foundation

/// Samplers that transform one uniform double, identical in `RandomState`
/// and `Generator` (`random_laplace`, `random_gumbel`, `random_logistic`,
/// `random_triangular` in NumPy's `distributions.c`). Internal.
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// UniformTransforms.laplace(&mt, loc: 0, scale: 1)
/// ```
///
/// Edge cases: a uniform of exactly 0 (1 for Gumbel) is rejected and the
/// sampler draws again, as NumPy's recursive calls do.
enum UniformTransforms {
  static func laplace<B: NumPyBitSource>(_ bits: inout B, loc: Double, scale: Double) -> Double {
    while true {
      let u = bits.nextDouble()
      if u >= 0.5 { return loc - scale * log(2.0 - u - u) }
      if u > 0.0 { return loc + scale * log(u + u) }
    }
  }

  static func gumbel<B: NumPyBitSource>(_ bits: inout B, loc: Double, scale: Double) -> Double {
    while true {
      let u = 1.0 - bits.nextDouble()
      if u < 1.0 { return loc - scale * log(-log(u)) }
    }
  }

  static func logistic<B: NumPyBitSource>(_ bits: inout B, loc: Double, scale: Double) -> Double {
    while true {
      let u = bits.nextDouble()
      if u > 0.0 { return loc + scale * log(u / (1.0 - u)) }
    }
  }

  static func triangular<B: NumPyBitSource>(_ bits: inout B, left: Double, mode: Double, right: Double) -> Double {
    let base = right - left
    let leftBase = mode - left
    let ratio = leftBase / base
    let leftProduct = leftBase * base
    let rightProduct = (right - mode) * base
    let u = bits.nextDouble()
    if u <= ratio { return left + (u * leftProduct).squareRoot() }
    return right - ((1.0 - u) * rightProduct).squareRoot()
  }

  /// `random_geometric_search`: sequential search, used by both APIs for
  /// `p >= 1/3`.
  static func geometricSearch<B: NumPyBitSource>(_ bits: inout B, p: Double) -> Int64 {
    var x: Int64 = 1
    var sum = p
    var product = p
    let q = 1.0 - p
    let u = bits.nextDouble()
    while u > sum {
      product *= q
      sum += product
      x &+= 1
    }
    return x
  }
}
