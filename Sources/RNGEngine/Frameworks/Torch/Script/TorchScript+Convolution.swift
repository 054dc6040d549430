import PythonSubset

/// The forward pass of `nn.Conv1d` and `nn.Conv2d` (`stride`, `padding`,
/// `dilation`, `groups`, `bias`; zero padding), with its gradients.
///
/// ```python
/// conv = nn.Conv2d(1, 4, 3, padding=1)
/// y = conv(torch.randn(2, 1, 8, 8))     # shape (2, 4, 8, 8)
/// ```
///
/// Fidelity: like `Linear`, each output sums its products in order in
/// float32 and adds the bias last; PyTorch's CPU kernels (im2col and GEMM,
/// or mkldnn) order the sums differently, so outputs are close, not bit for
/// bit. Edge cases: an unbatched input (`[C, L]`, `[C, H, W]`) works as
/// PyTorch's does; `padding_mode` other than `'zeros'` and float64 inputs
/// with gradients are refused.
extension TorchScript {
  func convForward(_ input: ArrayObject, _ m: TorchModuleInstance, twoD: Bool, at range: SourceRange) throws -> Value {
    func ints(_ name: String) throws -> [Int] {
      try Self.items(try m.attribute(name) ?? .none, at: range).compactMap { BoundArguments.asInt($0)?.int }
    }
    let (stride, padding, dilation) = (try ints("stride"), try ints("padding"), try ints("dilation"))
    let groups = try m.attribute("groups").flatMap { BoundArguments.asInt($0)?.int } ?? 1
    if case .string(let mode)? = try m.attribute("padding_mode"), mode != "zeros" {
      throw EvaluationError("\(m.typeName)(padding_mode='\(mode)').forward is not emulated; accepted: 'zeros'", at: range)
    }
    guard let weight = m.parameters.first(where: { $0.name == "weight" })?.value else {
      throw EvaluationError("\(m.typeName) has no weight", at: range, type: "AttributeError")
    }
    let bias = m.parameters.first(where: { $0.name == "bias" })?.value
    let spatialRank = twoD ? 2 : 1
    var shape = input.tensor.shape
    let unbatched = shape.count == spatialRank + 1
    guard shape.count == spatialRank + 2 || unbatched else {
      throw EvaluationError(
        "Expected \(spatialRank + 1)D (unbatched) or \(spatialRank + 2)D (batched) input to \(twoD ? "conv2d" : "conv1d"), but got input of size: [\(shape.map(String.init).joined(separator: ", "))]",
        at: range, type: "RuntimeError")
    }
    if unbatched { shape.insert(1, at: 0) }
    if !twoD { shape.insert(1, at: 2) }
    let w = weight.tensor.shape
    guard w.count == spatialRank + 2, w.allSatisfy({ $0 > 0 }), groups > 0, w[0] % groups == 0,
      bias.map({ $0.tensor.count == w[0] }) ?? true
    else {
      throw EvaluationError(
        "\(m.typeName): weight of shape [\(w.map(String.init).joined(separator: ", "))] (and its bias) do not fit a \(spatialRank)-D convolution with groups=\(groups)",
        at: range, type: "RuntimeError")
    }
    let (outC, groupIn, kh, kw) = (w[0], w[1], twoD ? w[2] : 1, twoD ? w[3] : w[2])
    let (n, inC, h, wd) = (shape[0], shape[1], shape[2], shape[3])
    guard inC == groupIn * groups else {
      throw EvaluationError(
        "Given groups=\(groups), weight of size [\(w.map(String.init).joined(separator: ", "))], expected input\(input.tensor.shape) to have \(groupIn * groups) channels, but got \(inC) channels instead",
        at: range, type: "RuntimeError")
    }
    let (sh, sw) = twoD ? (stride[0], stride[1]) : (1, stride[0])
    let (ph, pw) = twoD ? (padding[0], padding[1]) : (0, padding[0])
    let (dh, dw) = twoD ? (dilation[0], dilation[1]) : (1, dilation[0])
    let oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1
    let ow = (wd + 2 * pw - dw * (kw - 1) - 1) / sw + 1
    guard oh > 0 && ow > 0 else {
      throw EvaluationError("Kernel size can't be greater than actual input size", at: range, type: "RuntimeError")
    }
    var outShape = twoD ? [n, outC, oh, ow] : [n, outC, ow]
    if unbatched { outShape.removeFirst() }
    let outPerGroup = outC / groups
    // Every (output, input, weight) index triple of the sums, in summation order.
    func visit(_ body: (_ out: Int, _ x: Int, _ w: Int) -> Void) {
      for b in 0..<n {
        for co in 0..<outC {
          let g = co / outPerGroup
          for y in 0..<oh {
            for xo in 0..<ow {
              let out = ((b * outC + co) * oh + y) * ow + xo
              for ci in 0..<groupIn {
                let c = g * groupIn + ci
                for i in 0..<kh {
                  let row = y * sh - ph + i * dh
                  guard row >= 0 && row < h else { continue }
                  for j in 0..<kw {
                    let column = xo * sw - pw + j * dw
                    guard column >= 0 && column < wd else { continue }
                    body(out, ((b * inC + c) * h + row) * wd + column, ((co * groupIn + ci) * kh + i) * kw + j)
                  }
                }
              }
            }
          }
        }
      }
    }
    let outCount = n * outC * oh * ow
    switch (input.tensor.storage, weight.tensor.storage) {
    case (.float(let x), .float(let k)):
      var y = [Float](repeating: 0, count: outCount)
      visit { y[$0] += x[$1] * k[$2] }
      if case .float(let b)? = bias?.tensor.storage { for o in y.indices { y[o] += b[(o / (oh * ow)) % outC] } }
      let made = session.array(.float32(y), shape: outShape)
      let biasCount = bias?.tensor.count ?? 0
      try tape.record(made, inputs: [input, weight, bias], name: unbatched ? "SqueezeBackward1" : "ConvolutionBackward0", at: range) { g in
        var dx = [Float](repeating: 0, count: x.count), dk = [Float](repeating: 0, count: k.count)
        var db = [Float](repeating: 0, count: biasCount)
        visit { o, i, j in
          dx[i] += g[o] * k[j]
          dk[j] += g[o] * x[i]
        }
        if biasCount > 0 { for o in g.indices { db[(o / (oh * ow)) % outC] += g[o] } }
        return [dx, dk, biasCount > 0 ? db : nil]
      }
      return .object(made)
    case (.double(let x), .double(let k)):
      var y = [Double](repeating: 0, count: outCount)
      visit { y[$0] += x[$1] * k[$2] }
      if case .double(let b)? = bias?.tensor.storage { for o in y.indices { y[o] += b[(o / (oh * ow)) % outC] } }
      return session.tensor(.float64(y), shape: outShape)
    default:
      throw EvaluationError(
        "Input type (\(Self.scalarName(input.tensor.dtype))) and weight type (\(Self.scalarName(weight.tensor.dtype))) should be the same",
        at: range, type: "RuntimeError")
    }
  }
}
