import CTrainingKernels
import Testing

@testable import RNGEngine

/// ``OrderedProduct``'s vectorised kernels give, bit for bit, what a plain triple loop summing in
/// index order gives: over shapes that exercise every block and tail of the kernel (4-row and
/// 16-column blocks, an 8-column block, single rows and columns, empty axes), with values whose
/// sums round differently in another order.
@Suite(.serialized) struct OrderedProductTests {
  /// Values of mixed magnitude and sign from a fixed linear congruential sequence: sums of
  /// them are sensitive to the order of addition.
  static func values(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let unit = Float(state >> 40) / Float(1 << 24) - 0.5
      let scale: Float = [1e-3, 1, 1e3, 1e-7][Int(state >> 20) & 3]
      return unit * scale
    }
  }

  static let shapes: [(m: Int, k: Int, n: Int)] = [
    (1, 1, 1), (4, 7, 16), (5, 13, 17), (3, 1001, 64), (32, 64, 1), (9, 3, 24), (8, 33, 40), (2, 0, 5), (0, 4, 3), (4, 5, 0),
    (1, 257, 31),
  ]

  /// What a plain triple loop gives: element (i, j) summed over p in order from +0, with the
  /// left operand's (i, p) at `a[i * rowStride + p * sumStride]` and the right's (p, j) at
  /// `b[p * bRowStride + j * bColumnStride]`.
  static func loop(
    _ a: [Float], rowStride: Int, sumStride: Int, _ b: [Float], bRowStride: Int, bColumnStride: Int, m: Int, k: Int, n: Int
  ) -> [UInt32] {
    var out = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[i * rowStride + p * sumStride] * b[p * bRowStride + j * bColumnStride] }
        out[i * n + j] = sum
      }
    }
    return out.map(\.bitPattern)
  }

  @Test(arguments: shapes.indices)
  func aProductIsTheLoopsSumsBitForBit(_ index: Int) {
    let (m, k, n) = Self.shapes[index]
    let a = Self.values(m * k, seed: 1), b = Self.values(k * n, seed: 2)
    let expected = Self.loop(a, rowStride: k, sumStride: 1, b, bRowStride: n, bColumnStride: 1, m: m, k: k, n: n)
    let got = OrderedProduct.product(a, b, m: m, k: k, n: n)
    #expect(got.map(\.bitPattern) == expected, "\(m)×\(k) · \(k)×\(n)")
  }

  @Test(arguments: shapes.indices)
  func aTransposedProductIsTheLoopsSumsBitForBit(_ index: Int) {
    let (m, rows, n) = Self.shapes[index]
    let a = Self.values(rows * m, seed: 3), b = Self.values(rows * n, seed: 4)
    let expected = Self.loop(a, rowStride: 1, sumStride: m, b, bRowStride: n, bColumnStride: 1, m: m, k: rows, n: n)
    let got = OrderedProduct.transposedProduct(a, b, rows: rows, m: m, n: n)
    #expect(got.map(\.bitPattern) == expected, "(\(rows)×\(m))ᵀ · \(rows)×\(n)")
  }

  @Test(arguments: shapes.indices)
  func aProductWithATransposeIsTheLoopsSumsBitForBit(_ index: Int) {
    let (m, k, n) = Self.shapes[index]
    let a = Self.values(m * k, seed: 5), b = Self.values(n * k, seed: 6)
    let expected = Self.loop(a, rowStride: k, sumStride: 1, b, bRowStride: 1, bColumnStride: k, m: m, k: k, n: n)
    let got = OrderedProduct.productTransposed(a, b, m: m, k: k, n: n)
    #expect(got.map(\.bitPattern) == expected, "\(m)×\(k) · (\(n)×\(k))ᵀ")
  }

  /// The baseline kernel (what a processor without AVX2 runs) gives the same bits as the one
  /// chosen here. Forcing it changes no result, so tests running beside this one are unaffected.
  @Test func theBaselineKernelGivesTheSameBits() {
    let (m, k, n) = (9, 301, 41)
    let a = Self.values(m * k, seed: 7), b = Self.values(k * n, seed: 8), c = Self.values(m * n, seed: 9)
    let best = rngdiff_training_kernels_level()
    let product = OrderedProduct.product(a, b, m: m, k: k, n: n)
    let transposed = OrderedProduct.transposedProduct(a, c, rows: m, m: k, n: n)
    rngdiff_training_kernels_force_baseline(1)
    #expect(rngdiff_training_kernels_level() == 1)
    let baselineProduct = OrderedProduct.product(a, b, m: m, k: k, n: n)
    let baselineTransposed = OrderedProduct.transposedProduct(a, c, rows: m, m: k, n: n)
    rngdiff_training_kernels_force_baseline(0)
    #expect(rngdiff_training_kernels_level() == best)
    #expect(baselineProduct.map(\.bitPattern) == product.map(\.bitPattern))
    #expect(baselineTransposed.map(\.bitPattern) == transposed.map(\.bitPattern))
  }

  /// The order matters for these values: summing the same terms backwards gives other bits
  /// somewhere, so the tests above would see a kernel that reassociates.
  @Test func theTestValuesAreSensitiveToTheOrder() {
    let a = Self.values(3 * 1001, seed: 1), b = Self.values(1001 * 64, seed: 2)
    var differs = false
    for j in 0..<64 where !differs {
      var forward: Float = 0, backward: Float = 0
      for p in 0..<1001 { forward += a[p] * b[p * 64 + j] }
      for p in (0..<1001).reversed() { backward += a[p] * b[p * 64 + j] }
      differs = forward != backward
    }
    #expect(differs)
  }
}
