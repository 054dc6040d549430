import Foundation

/// Batch and layer normalization over the last axis as training computes
/// them, on rows of `groups × features` values (a sample's positions, each
/// with `features` channels).
///
/// ```swift
/// let norm = KerasNormalizationKernel(features: 3, epsilon: 1e-3)
/// let batch = norm.batchStatistics(x)                 // mean and variance per channel
/// let y = norm.normalize(x, mean: batch.mean, variance: batch.variance, gamma: g, beta: b)
/// ```
///
/// Statistics are population ones (divided by the count), summed in float32
/// in row order; the output is `x·inv + (beta − mean·inv)` with
/// `inv = gamma / sqrt(variance + epsilon)`, as Keras' `batch_normalization`
/// computes it. Gradients follow the statistics (batch normalization in
/// training, layer normalization always).
struct KerasNormalizationKernel: Sendable, Hashable {
  let features: Int
  let epsilon: Float

  init(features: Int, epsilon: Double) {
    self.features = features
    self.epsilon = Float(epsilon)
  }

  /// Mean and variance of each channel over every row and position.
  func batchStatistics(_ x: KerasMatrix) -> (mean: [Float], variance: [Float]) {
    let count = Float(x.values.count / features)
    var mean = [Float](repeating: 0, count: features)
    for (i, v) in x.values.enumerated() { mean[i % features] += v }
    mean = mean.map { $0 / count }
    var variance = [Float](repeating: 0, count: features)
    for (i, v) in x.values.enumerated() {
      let d = v - mean[i % features]
      variance[i % features] += d * d
    }
    return (mean, variance.map { $0 / count })
  }

  /// `x` normalized per channel with the given statistics, then scaled and shifted.
  func normalize(_ x: KerasMatrix, mean: [Float], variance: [Float], gamma: [Float]?, beta: [Float]?) -> KerasMatrix {
    let inv = (0..<features).map { c in (gamma?[c] ?? 1) / (variance[c] + epsilon).squareRoot() }
    let shift = (0..<features).map { c in (beta?[c] ?? 0) - mean[c] * inv[c] }
    var out = x
    for i in out.values.indices { out.values[i] = x.values[i] * inv[i % features] + shift[i % features] }
    return out
  }

  /// Batch normalization's backward pass with batch statistics: the input's
  /// gradient and those of gamma and beta.
  func batchBackward(_ g: KerasMatrix, input x: KerasMatrix, mean: [Float], variance: [Float], gamma: [Float]?)
    -> (input: KerasMatrix, gamma: [Float], beta: [Float])
  {
    let count = Float(x.values.count / features)
    let rstd = variance.map { 1 / ($0 + epsilon).squareRoot() }
    var dgamma = [Float](repeating: 0, count: features), dbeta = dgamma
    for i in x.values.indices {
      let c = i % features
      dbeta[c] += g.values[i]
      dgamma[c] += g.values[i] * (x.values[i] - mean[c]) * rstd[c]
    }
    var dx = x
    for i in x.values.indices {
      let c = i % features
      let xhat = (x.values[i] - mean[c]) * rstd[c]
      dx.values[i] = (gamma?[c] ?? 1) * rstd[c] / count * (count * g.values[i] - dbeta[c] - xhat * dgamma[c])
    }
    return (dx, dgamma, dbeta)
  }

  /// Layer normalization: each position's `features` values normalized by
  /// their own mean and variance, then scaled and shifted.
  func layerForward(_ x: KerasMatrix, gamma: [Float]?, beta: [Float]?) -> KerasMatrix {
    var out = x
    forEachGroup(x) { range, mean, rstd in
      for i in range {
        let c = i - range.lowerBound
        let inv = (gamma?[c] ?? 1) * rstd
        out.values[i] = x.values[i] * inv + ((beta?[c] ?? 0) - mean * inv)
      }
    }
    return out
  }

  /// Layer normalization's backward pass: the input's gradient and those of gamma and beta.
  func layerBackward(_ g: KerasMatrix, input x: KerasMatrix, gamma: [Float]?) -> (input: KerasMatrix, gamma: [Float], beta: [Float]) {
    var dx = x
    var dgamma = [Float](repeating: 0, count: features), dbeta = dgamma
    let n = Float(features)
    forEachGroup(x) { range, mean, rstd in
      var sum: Float = 0, dot: Float = 0
      for i in range {
        let c = i - range.lowerBound
        let xhat = (x.values[i] - mean) * rstd
        dgamma[c] += g.values[i] * xhat
        dbeta[c] += g.values[i]
        let d = g.values[i] * (gamma?[c] ?? 1)
        sum += d
        dot += d * xhat
      }
      for i in range {
        let c = i - range.lowerBound
        let xhat = (x.values[i] - mean) * rstd
        dx.values[i] = rstd / n * (n * g.values[i] * (gamma?[c] ?? 1) - sum - xhat * dot)
      }
    }
    return (dx, dgamma, dbeta)
  }

  /// Each run of `features` values with its mean and `1/sqrt(variance + epsilon)`.
  private func forEachGroup(_ x: KerasMatrix, _ body: (Range<Int>, Float, Float) -> Void) {
    let n = Float(features)
    for start in stride(from: 0, to: x.values.count, by: features) {
      let range = start..<(start + features)
      var mean: Float = 0
      for i in range { mean += x.values[i] }
      mean /= n
      var variance: Float = 0
      for i in range { variance += (x.values[i] - mean) * (x.values[i] - mean) }
      variance /= n
      body(range, mean, 1 / (variance + epsilon).squareRoot())
    }
  }
}
