import RNGBits
import RNGStreams

extension NumPyGenerator {
  /// `Generator.multinomial(n, pvals, size)`: one row of `d` counts per
  /// output element, `d` the last dimension of `pvals`. `n` (int or array)
  /// broadcasts with the rows of `pvals` (its leading dimensions), and with
  /// `size` as NumPy checks it; the result has that shape plus `(d,)`.
  ///
  /// ```swift
  /// var rng = try NumPyGenerator(seed: 0)
  /// try rng.multinomial(n: .init("n", integer: 20), pvals: [0.2, 0.3, 0.5], pvalsShape: [3], size: [2])   // shape [2, 3]
  /// ```
  ///
  /// - Throws: "pvals must have at least 1 dimension and the last dimension
  ///   of pvals must be greater than 0.", "pvals < 0, pvals > 1 or pvals
  ///   contains NaNs", "sum(pvals[:-1]) > 1.0" ("sum(pvals[...,:-1]) > 1.0"
  ///   for n-D `pvals`), "n < 0".
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func multinomial(n: NumPyParameter, pvals: [Double], pvalsShape: [Int], size: [Int]?) throws -> NumPySample {
    let d = pvalsShape.last ?? 0
    if d == 0 {
      throw FrameworkError(
        "pvals must have at least 1 dimension and the last dimension of pvals must be greater than 0.", parameter: "pvals")
    }
    if pvals.contains(where: { !($0 >= 0) || !($0 <= 1) }) {
      throw FrameworkError("pvals < 0, pvals > 1 or pvals contains NaNs", parameter: "pvals")
    }
    var offset = 0
    while offset < pvals.count {
      if Sampling.kahanSum(Array(pvals[offset..<offset + d - 1])) > 1.0 + 1e-12 {
        throw FrameworkError(pvalsShape.count == 1 ? "sum(pvals[:-1]) > 1.0" : "sum(pvals[...,:-1]) > 1.0", parameter: "pvals")
      }
      offset += d
    }
    let rowsShape = Array(pvalsShape.dropLast())
    let offsets = NumPyParameter(
      "pvals", values: stride(from: 0, to: pvals.count, by: d).map(Double.init), shape: rowsShape,
      integers: stride(from: 0, to: pvals.count, by: d).map(Int64.init))
    let vector = !n.isScalar || pvalsShape.count > 1
    let outer: [Int]
    let plan: DistributionPlan
    if vector {
      try ParameterConstraint.nonNegative.check(n, arrayWording: true)
      plan = try DistributionPlan([n, offsets], size: size, sizeFirst: false)
      outer = plan.shape ?? []
    } else {
      outer = size ?? []
      try ParameterConstraint.nonNegative.check(n, arrayWording: false)
      plan = try DistributionPlan([n, NumPyParameter("pvals", integer: 0)], size: outer)
    }
    let shape = outer + [d]
    let before = bitGenerator.wordsDrawn
    var out = [Int64](repeating: 0, count: plan.count * d)
    var cache = BinomialSampler.Cache()
    var bits = bitGenerator
    let counts = n.integers ?? [0]
    let starts = offsets.integers ?? [0]
    for i in 0..<plan.count {
      let row = Int(starts[vector ? plan.index(1, i) : 0])
      MultinomialRow.fill(
        &bits, n: counts[plan.index(0, i)], pvals: pvals[row..<row + d], into: &out[i * d..<(i + 1) * d], cache: &cache)
    }
    bitGenerator = bits
    if observer != nil {
      report(
        "multinomial", "multinomial", [n.described, NumPyParameter("pvals", values: pvals, shape: pvalsShape).described],
        shape: shape, from: before, values: .int64(out))
    }
    return NumPySample(values: .int64(out), shape: shape)
  }
}
