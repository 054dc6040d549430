import Foundation
import KerasStreams
import Testing

@testable import RNGEngine

/// The training kernels of the convolution, pooling, embedding and
/// normalization layers: each backward pass against central finite
/// differences of its own forward pass (in double-checked float32, so a
/// wrong index, a missing term or a mis-padded window fails), and the
/// forward passes against values worked out by hand.
@Suite struct KerasLayerKernelTests {
  /// Deterministic, distinct inputs in (-1, 1).
  static func matrix(rows: Int, columns: Int, salt: Float = 0) -> KerasMatrix {
    KerasMatrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { i in Float(sin(Double(i) * 1.7 + Double(salt))) })
  }

  /// d(Σ w·f(x))/dx numerically, with weights `w`, one element at a time.
  static func numericGradient(_ x: [Float], weights w: [Float], _ f: ([Float]) -> [Float]) -> [Float] {
    let h: Float = 1e-2
    return x.indices.map { i in
      var up = x, down = x
      up[i] += h
      down[i] -= h
      let a = zip(f(up), w).reduce(0) { $0 + Double($1.0 * $1.1) }
      let b = zip(f(down), w).reduce(0) { $0 + Double($1.0 * $1.1) }
      return Float((a - b) / Double(2 * h))
    }
  }

  static func expectClose(_ a: [Float], _ b: [Float], tolerance: Float = 2e-3, _ what: String) {
    #expect(a.count == b.count, "\(what): \(a.count) against \(b.count) values")
    for (i, (x, y)) in zip(a, b).enumerated() where abs(x - y) > tolerance * max(1, abs(y)) {
      Issue.record("\(what)[\(i)]: \(x) (analytic) against \(y) (numeric)")
      return
    }
  }

  static func conv(rank: Int, filters: Int, kernel: [Int], strides: [Int]? = nil, padding: String, dilation: [Int]? = nil) throws -> Keras3.Conv {
    var state = Keras3.GlobalState(backend: .tensorflow)
    return try Keras3.Conv(
      rank: rank, filters: filters, kernelSize: kernel, strides: strides, padding: padding, dilation: dilation, name: "c", state: &state)
  }

  @Test(arguments: [
    (2, [3, 3], [1, 1], "same", [1, 1]), (2, [2, 3], [2, 1], "valid", [1, 1]), (2, [3, 2], [2, 2], "same", [1, 1]),
    (1, [3], [1], "causal", [2]), (1, [2], [2], "same", [1]), (1, [3], [1], "valid", [2]),
  ])
  func convolutionGradientsMatchFiniteDifferences(_ rank: Int, _ kernel: [Int], _ strides: [Int], _ padding: String, _ dilation: [Int]) throws {
    let sample = rank == 2 ? [5, 4, 2] : [7, 2]
    let conv = KerasConvolution(try Self.conv(rank: rank, filters: 3, kernel: kernel, strides: strides, padding: padding, dilation: dilation), inputShape: sample)
    let x = Self.matrix(rows: 2, columns: sample.reduce(1, *))
    let k = Self.matrix(rows: 1, columns: kernel.reduce(1, *) * 2 * 3, salt: 0.5).values
    let bias: [Float] = [0.1, -0.2, 0.3]
    let w = Self.matrix(rows: 2, columns: conv.outputColumns, salt: 2).values
    let back = conv.backward(KerasMatrix(rows: 2, columns: conv.outputColumns, values: w), input: x, kernel: k)
    Self.expectClose(back.input.values, Self.numericGradient(x.values, weights: w) {
      conv.forward(KerasMatrix(rows: 2, columns: x.columns, values: $0), kernel: k, bias: bias).values
    }, "input")
    Self.expectClose(back.kernel, Self.numericGradient(k, weights: w) { conv.forward(x, kernel: $0, bias: bias).values }, "kernel")
    Self.expectClose(back.bias, Self.numericGradient(bias, weights: w) { conv.forward(x, kernel: k, bias: $0).values }, "bias")
  }

  /// A 1-D "same" convolution of [1, 2, 3] with the kernel [1, 10, 100]
  /// pads one zero on each side: [0·1 + 1·10 + 2·100, 1 + 20 + 300, 2 + 30 + 0].
  @Test func sameConvolutionPadsBothSidesAsTensorFlow() throws {
    let conv = KerasConvolution(try Self.conv(rank: 1, filters: 1, kernel: [3], padding: "same"), inputShape: [3, 1])
    let out = conv.forward(KerasMatrix(rows: 1, columns: 3, values: [1, 2, 3]), kernel: [1, 10, 100], bias: nil)
    #expect(out.values == [210, 321, 32])
    let causal = KerasConvolution(try Self.conv(rank: 1, filters: 1, kernel: [3], padding: "causal"), inputShape: [3, 1])
    #expect(causal.forward(KerasMatrix(rows: 1, columns: 3, values: [1, 2, 3]), kernel: [1, 10, 100], bias: [0.5]).values == [100.5, 210.5, 321.5])
  }

  @Test(arguments: [
    (Keras3.Pooling(mode: .max, rank: 2, poolSize: [2, 2]), [4, 5, 2]),
    (Keras3.Pooling(mode: .average, rank: 2, poolSize: [2, 3], strides: [1, 2], same: true), [4, 5, 2]),
    (Keras3.Pooling(mode: .max, rank: 1, poolSize: [3], strides: [2], same: true), [7, 3]),
    (Keras3.Pooling(mode: .average, rank: 1, poolSize: [2]), [7, 3]),
    (Keras3.Pooling(globalMode: .average, rank: 2), [3, 2, 2]),
    (Keras3.Pooling(globalMode: .max, rank: 1), [5, 3]),
  ])
  func poolingGradientsMatchFiniteDifferences(_ pooling: Keras3.Pooling, _ sample: [Int]) {
    let pool = KerasPoolingKernel(pooling, inputShape: sample)
    let x = Self.matrix(rows: 2, columns: sample.reduce(1, *))
    let (_, winners) = pool.forward(x)
    let w = Self.matrix(rows: 2, columns: pool.outputColumns, salt: 1).values
    let dx = pool.backward(KerasMatrix(rows: 2, columns: pool.outputColumns, values: w), winners: winners, inputColumns: x.columns)
    Self.expectClose(dx.values, Self.numericGradient(x.values, weights: w) {
      pool.forward(KerasMatrix(rows: 2, columns: x.columns, values: $0)).output.values
    }, "input")
  }

  /// Average pooling with "same" padding divides by the real elements only:
  /// the last window of [1, 2, 3] (size 2, stride 2) is [3] alone.
  @Test func sameAveragePoolingCountsOnlyRealElements() {
    let pool = KerasPoolingKernel(Keras3.Pooling(mode: .average, rank: 1, poolSize: [2], same: true), inputShape: [3, 1])
    #expect(pool.forward(KerasMatrix(rows: 1, columns: 3, values: [1, 2, 3])).output.values == [1.5, 3])
  }

  @Test func batchNormalizationGradientsMatchFiniteDifferences() {
    let norm = KerasNormalizationKernel(features: 3, epsilon: 1e-3)
    let x = Self.matrix(rows: 4, columns: 6)
    let gamma: [Float] = [1.5, -0.5, 0.8], beta: [Float] = [0.1, 0.2, -0.3]
    let w = Self.matrix(rows: 4, columns: 6, salt: 3).values
    func forward(_ v: [Float], _ g: [Float], _ b: [Float]) -> [Float] {
      let m = KerasMatrix(rows: 4, columns: 6, values: v)
      let s = norm.batchStatistics(m)
      return norm.normalize(m, mean: s.mean, variance: s.variance, gamma: g, beta: b).values
    }
    let s = norm.batchStatistics(x)
    let back = norm.batchBackward(KerasMatrix(rows: 4, columns: 6, values: w), input: x, mean: s.mean, variance: s.variance, gamma: gamma)
    Self.expectClose(back.input.values, Self.numericGradient(x.values, weights: w) { forward($0, gamma, beta) }, "input")
    Self.expectClose(back.gamma, Self.numericGradient(gamma, weights: w) { forward(x.values, $0, beta) }, "gamma")
    Self.expectClose(back.beta, Self.numericGradient(beta, weights: w) { forward(x.values, gamma, $0) }, "beta")
  }

  /// Statistics are per channel over every row and position, population variance.
  @Test func batchStatisticsArePerChannel() {
    let s = KerasNormalizationKernel(features: 2, epsilon: 0).batchStatistics(KerasMatrix(rows: 2, columns: 4, values: [1, 10, 3, 20, 5, 30, 7, 40]))
    #expect(s.mean == [4, 25])
    #expect(s.variance == [5, 125])
  }

  @Test func layerNormalizationGradientsMatchFiniteDifferences() {
    let norm = KerasNormalizationKernel(features: 4, epsilon: 1e-3)
    let x = Self.matrix(rows: 3, columns: 8)
    let gamma: [Float] = [1.5, -0.5, 0.8, 1], beta: [Float] = [0.1, 0.2, -0.3, 0]
    let w = Self.matrix(rows: 3, columns: 8, salt: 4).values
    let back = norm.layerBackward(KerasMatrix(rows: 3, columns: 8, values: w), input: x, gamma: gamma)
    Self.expectClose(back.input.values, Self.numericGradient(x.values, weights: w) {
      norm.layerForward(KerasMatrix(rows: 3, columns: 8, values: $0), gamma: gamma, beta: beta).values
    }, "input")
    Self.expectClose(back.gamma, Self.numericGradient(gamma, weights: w) { norm.layerForward(x, gamma: $0, beta: beta).values }, "gamma")
    Self.expectClose(back.beta, Self.numericGradient(beta, weights: w) { norm.layerForward(x, gamma: gamma, beta: $0).values }, "beta")
  }

  @Test func embeddingLooksUpRowsAndSumsRepeatedGradients() throws {
    let lookup = KerasEmbeddingKernel(inputDim: 3, outputDim: 2)
    let table: [Float] = [0, 1, 10, 11, 20, 21]
    let x = KerasMatrix(rows: 2, columns: 2, values: [2, 0, 2, 2])
    #expect(try lookup.forward(x, table: table).values == [20, 21, 0, 1, 20, 21, 20, 21])
    let g = KerasMatrix(rows: 2, columns: 4, values: [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(lookup.backward(g, input: x) == [3, 4, 0, 0, 13, 16])
    // TensorFlow's IndexedSlices: the squares of each lookup's gradient, summed.
    #expect(lookup.occurrenceSquares(g, input: x) == [9, 16, 0, 0, 75, 104])
    #expect(throws: KerasEmbeddingKernel.BadIndex.self) { try lookup.forward(KerasMatrix(rows: 1, columns: 1, values: [3]), table: table) }
    #expect(throws: KerasEmbeddingKernel.BadIndex.self) { try lookup.forward(KerasMatrix(rows: 1, columns: 1, values: [0.5]), table: table) }
  }
}
