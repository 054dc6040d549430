import Foundation
import PythonSubset
import RNGStreams

/// The forward passes of `nn.LayerNorm` and `nn.BatchNorm1d/2d`, with their
/// gradients and BatchNorm's running statistics.
///
/// ```python
/// bn = nn.BatchNorm1d(3)
/// y = bn(x)      # training: the batch's mean and biased variance; running_mean/var move by momentum
/// bn.eval()
/// y = bn(x)      # the running statistics
/// ```
///
/// Fidelity: means, variances and each output are computed in float64 and
/// rounded to float32 once; PyTorch's kernels accumulate in float32 in
/// their own order, so outputs agree to within a few ulps. Edge cases: a
/// training batch with one value per channel is PyTorch's `ValueError`;
/// `momentum=None` is the cumulative average; `track_running_stats=False`
/// always uses the batch.
extension TorchScript {
  /// How the elements of an input group into normalization sets.
  struct NormalizationPlan {
    let groups: Int
    let group: (Int) -> Int
    /// The index into weight and bias.
    let affine: (Int) -> Int
  }

  func layerNormForward(_ input: ArrayObject, _ m: TorchModuleInstance, at range: SourceRange) throws -> Value {
    let normalized = try Self.items(try m.attribute("normalized_shape") ?? .none, at: range).compactMap { BoundArguments.asInt($0)?.int }
    let shape = input.tensor.shape
    guard shape.count >= normalized.count, Array(shape.suffix(normalized.count)) == normalized else {
      throw EvaluationError(
        "Given normalized_shape=\(normalized), expected input with shape [*, \(normalized.map(String.init).joined(separator: ", "))], but got input of size\(shape)",
        at: range, type: "RuntimeError")
    }
    let inner = normalized.reduce(1, *)
    let plan = NormalizationPlan(groups: input.tensor.count / Swift.max(inner, 1), group: { $0 / inner }, affine: { $0 % inner })
    let eps = try m.attribute("eps").flatMap(BoundArguments.asDouble) ?? 1e-5
    return try normalize(input, m, plan, running: nil, eps: eps, name: "NativeLayerNormBackward0", at: range)
  }

  func batchNormForward(_ input: ArrayObject, _ m: TorchModuleInstance, twoD: Bool, at range: SourceRange) throws -> Value {
    let shape = input.tensor.shape
    if twoD ? shape.count != 4 : !(shape.count == 2 || shape.count == 3) {
      throw EvaluationError("expected \(twoD ? "4D" : "2D or 3D") input (got \(shape.count)D input)", at: range, type: "ValueError")
    }
    let channels = shape[1]
    let features = try m.attribute("num_features").flatMap { BoundArguments.asInt($0)?.int } ?? channels
    guard channels == features else {
      throw EvaluationError(
        "running_mean should contain \(channels) elements not \(features)", at: range, type: "RuntimeError")
    }
    let spatial = shape.dropFirst(2).reduce(1, *)
    let plan = NormalizationPlan(groups: channels, group: { ($0 / spatial) % channels }, affine: { ($0 / spatial) % channels })
    let eps = try m.attribute("eps").flatMap(BoundArguments.asDouble) ?? 1e-5
    let buffer = { (name: String) in m.buffers.first(where: { $0.name == name })?.value }
    let useBatch = m.training || buffer("running_mean") == nil
    if useBatch && input.tensor.count / Swift.max(channels, 1) <= 1 {
      throw EvaluationError(
        "Expected more than 1 value per channel when training, got input size torch.Size([\(shape.map(String.init).joined(separator: ", "))])",
        at: range, type: "ValueError")
    }
    var running: (mean: [Double], variance: [Double])?
    if !useBatch, let mean = buffer("running_mean"), let variance = buffer("running_var") {
      running = (mean.tensor.doubles, variance.tensor.doubles)
    }
    let result = try normalize(input, m, plan, running: running, eps: eps, name: "NativeBatchNormBackward0", at: range)
    if m.training, let mean = buffer("running_mean"), let variance = buffer("running_var"), let stats = lastBatchStatistics {
      // The running statistics move towards the batch's mean and unbiased variance.
      let count = Double(input.tensor.count / channels)
      var momentum = 0.1
      if let tracked = buffer("num_batches_tracked"), case .int(let n) = tracked.tensor.storage {
        tracked.tensor = Tensor(shape: [], int64: [n[0] &+ 1])
        if let value = try m.attribute("momentum") {
          momentum = value.isNone ? 1 / Double(n[0] &+ 1) : BoundArguments.asDouble(value) ?? 0.1
        }
      }
      let unbiased = stats.variance.map { $0 * count / Swift.max(count - 1, 1) }
      let newMean = zip(mean.tensor.doubles, stats.mean).map { (1 - momentum) * $0 + momentum * $1 }
      let newVariance = zip(variance.tensor.doubles, unbiased).map { (1 - momentum) * $0 + momentum * $1 }
      mean.tensor = Tensor(Self.castLike(mean.tensor, newMean), shape: mean.tensor.shape)
      variance.tensor = Tensor(Self.castLike(variance.tensor, newVariance), shape: variance.tensor.shape)
    }
    return result
  }

  /// `values` in `like`'s float dtype.
  static func castLike(_ like: Tensor, _ values: [Double]) -> DrawnValues {
    like.dtype == .float64 ? .float64(values) : .float32(values.map { Float($0) })
  }

  /// `(x − mean) · rstd · weight + bias` per group, with the batch's statistics or `running`'s.
  private func normalize(
    _ input: ArrayObject, _ m: TorchModuleInstance, _ plan: NormalizationPlan, running: (mean: [Double], variance: [Double])?,
    eps: Double, name: String, at range: SourceRange
  ) throws -> Value {
    guard input.tensor.dtype == .float32 || input.tensor.dtype == .float64 else {
      throw EvaluationError("\(m.typeName) expects a floating-point input, got \(Self.scalarName(input.tensor.dtype))", at: range, type: "RuntimeError")
    }
    let weight = m.parameters.first(where: { $0.name == "weight" })?.value
    let bias = m.parameters.first(where: { $0.name == "bias" })?.value
    let x = input.tensor.doubles
    let w = weight?.tensor.doubles, b = bias?.tensor.doubles
    let affineCount = x.indices.reduce(0) { Swift.max($0, plan.affine($1) + 1) }
    guard (w?.count ?? affineCount) == affineCount, (b?.count ?? affineCount) == affineCount,
      running.map({ $0.mean.count == plan.groups && $0.variance.count == plan.groups }) ?? true
    else {
      throw EvaluationError("\(m.typeName): weight, bias or running statistics do not have \(affineCount) elements", at: range, type: "RuntimeError")
    }
    var mean = [Double](repeating: 0, count: plan.groups), variance = mean, counts = mean
    if let running {
      (mean, variance) = (running.mean, running.variance)
    } else {
      for k in x.indices { mean[plan.group(k)] += x[k]; counts[plan.group(k)] += 1 }
      for g in mean.indices { mean[g] /= Swift.max(counts[g], 1) }
      for k in x.indices { let d = x[k] - mean[plan.group(k)]; variance[plan.group(k)] += d * d }
      for g in variance.indices { variance[g] /= Swift.max(counts[g], 1) }
      lastBatchStatistics = (mean, variance)
    }
    let rstd = variance.map { 1 / ($0 + eps).squareRoot() }
    let xhat = x.indices.map { (x[$0] - mean[plan.group($0)]) * rstd[plan.group($0)] }
    let y = xhat.indices.map { xhat[$0] * (w?[plan.affine($0)] ?? 1) + (b?[plan.affine($0)] ?? 0) }
    guard input.tensor.dtype == .float32 else { return session.tensor(.float64(y), shape: input.tensor.shape) }
    let made = session.array(.float32(y.map { Float($0) }), shape: input.tensor.shape)
    let batch = running == nil
    let (weightCount, biasCount) = (w?.count ?? 0, b?.count ?? 0)
    try tape.record(made, inputs: [input, weight, bias], name: name, at: range) { g in
      var dw = [Float](repeating: 0, count: weightCount), db = [Float](repeating: 0, count: biasCount)
      var dxhat = [Double](repeating: 0, count: g.count)
      var sumD = [Double](repeating: 0, count: plan.groups), sumDX = sumD, counts = sumD
      for k in g.indices {
        let a = plan.affine(k), group = plan.group(k)
        if weightCount > 0 { dw[a] += g[k] * Float(xhat[k]) }
        if biasCount > 0 { db[a] += g[k] }
        dxhat[k] = Double(g[k]) * (w?[a] ?? 1)
        sumD[group] += dxhat[k]
        sumDX[group] += dxhat[k] * xhat[k]
        counts[group] += 1
      }
      let dx = g.indices.map { k -> Float in
        let group = plan.group(k)
        guard batch else { return Float(dxhat[k] * rstd[group]) }
        let n = Swift.max(counts[group], 1)
        return Float(rstd[group] * (dxhat[k] - sumD[group] / n - xhat[k] * sumDX[group] / n))
      }
      return [dx, weightCount > 0 ? dw : nil, biasCount > 0 ? db : nil]
    }
    return .object(made)
  }
}
