import KerasStreams

/// A `Conv1D`/`Conv2D` (channels_last) as training computes it: a
/// convolution of each sample of a batch, its rows `(height, width,
/// channels)` flattened, with a kernel `(kh, kw, channels, filters)`.
/// Conv1D is the height-1 case.
///
/// ```swift
/// let conv = KerasConvolution(conv, inputShape: [6, 5, 2])   // a built Keras3.Conv
/// let z = conv.forward(x, kernel: k, bias: b)                 // rows of 6·5·filters… per output grid
/// ```
///
/// `same` padding splits the padding as TensorFlow does (the smaller half
/// before), `causal` pads only before. Each output sums its window in
/// (kh, kw, channel) order in float32, then adds the bias; TensorFlow's and
/// XLA's kernels block theirs, so the last bits can differ (docs/scripts.md,
/// "How close the numbers are").
struct KerasConvolution: Sendable, Hashable {
  let inputHeight: Int, inputWidth: Int, channels: Int
  let kernelHeight: Int, kernelWidth: Int, filters: Int
  let strideHeight: Int, strideWidth: Int
  let dilationHeight: Int, dilationWidth: Int
  let padTop: Int, padLeft: Int
  let outputHeight: Int, outputWidth: Int

  /// The convolution of a built `conv` on samples of `inputShape` (no batch dimension).
  init(_ conv: Keras3.Conv, inputShape: [Int]) {
    let spatial = conv.rank == 1 ? [1, inputShape[0]] : [inputShape[0], inputShape[1]]
    let kernel = conv.rank == 1 ? [1] + conv.kernelSize : conv.kernelSize
    let strides = conv.rank == 1 ? [1] + conv.strides : conv.strides
    let dilation = conv.rank == 1 ? [1] + conv.dilation : conv.dilation
    func geometry(_ axis: Int) -> (pad: Int, out: Int) {
      let span = dilation[axis] * (kernel[axis] - 1) + 1
      switch conv.padding {
      case "valid": return (0, (spatial[axis] - span) / strides[axis] + 1)
      case "causal": return (span - 1, (spatial[axis] - 1) / strides[axis] + 1)
      default:
        let out = (spatial[axis] - 1) / strides[axis] + 1
        return (max((out - 1) * strides[axis] + span - spatial[axis], 0) / 2, out)
      }
    }
    let rows = conv.padding == "causal" ? (pad: 0, out: 1) : geometry(0)
    let columns = geometry(1)
    inputHeight = spatial[0]
    inputWidth = spatial[1]
    channels = inputShape[inputShape.count - 1]
    kernelHeight = kernel[0]
    kernelWidth = kernel[1]
    filters = conv.filters
    strideHeight = strides[0]
    strideWidth = strides[1]
    dilationHeight = dilation[0]
    dilationWidth = dilation[1]
    padTop = rows.pad
    padLeft = columns.pad
    outputHeight = rows.out
    outputWidth = columns.out
  }

  var outputColumns: Int { outputHeight * outputWidth * filters }

  /// Calls `body(outputIndex, inputIndex, kernelIndex)` for every pair of an
  /// output position and an input position inside its window, in window
  /// order (`inputIndex` and `kernelIndex` point at channel 0 and at
  /// channel 0, filter 0).
  private func windows(_ body: (Int, Int, Int) -> Void) {
    for oh in 0..<outputHeight {
      for ow in 0..<outputWidth {
        let out = oh * outputWidth + ow
        for kh in 0..<kernelHeight {
          let ih = oh * strideHeight + kh * dilationHeight - padTop
          guard ih >= 0 && ih < inputHeight else { continue }
          for kw in 0..<kernelWidth {
            let iw = ow * strideWidth + kw * dilationWidth - padLeft
            guard iw >= 0 && iw < inputWidth else { continue }
            body(out, (ih * inputWidth + iw) * channels, (kh * kernelWidth + kw) * channels * filters)
          }
        }
      }
    }
  }

  /// The pre-activation outputs of a batch: `rows × outputColumns`.
  func forward(_ x: KerasMatrix, kernel: [Float], bias: [Float]?) -> KerasMatrix {
    var out = KerasMatrix.zeros(rows: x.rows, columns: outputColumns)
    for b in 0..<x.rows {
      let xBase = b * x.columns, oBase = b * outputColumns
      windows { o, i, k in
        for c in 0..<channels {
          let v = x.values[xBase + i + c]
          let kRow = k + c * filters
          for f in 0..<filters { out.values[oBase + o * filters + f] += v * kernel[kRow + f] }
        }
      }
      if let bias {
        for o in 0..<(outputHeight * outputWidth) {
          for f in 0..<filters { out.values[oBase + o * filters + f] += bias[f] }
        }
      }
    }
    return out
  }

  /// The gradients of the input, the kernel and the bias, given the
  /// gradient `dz` of the pre-activation outputs.
  func backward(_ dz: KerasMatrix, input x: KerasMatrix, kernel: [Float]) -> (input: KerasMatrix, kernel: [Float], bias: [Float]) {
    var dx = KerasMatrix.zeros(rows: x.rows, columns: x.columns)
    var dk = [Float](repeating: 0, count: kernel.count)
    var db = [Float](repeating: 0, count: filters)
    for b in 0..<x.rows {
      let xBase = b * x.columns, oBase = b * outputColumns
      windows { o, i, k in
        for c in 0..<channels {
          let v = x.values[xBase + i + c]
          let kRow = k + c * filters
          var back: Float = 0
          for f in 0..<filters {
            let g = dz.values[oBase + o * filters + f]
            dk[kRow + f] += v * g
            back += kernel[kRow + f] * g
          }
          dx.values[xBase + i + c] += back
        }
      }
      for o in 0..<(outputHeight * outputWidth) {
        for f in 0..<filters { db[f] += dz.values[oBase + o * filters + f] }
      }
    }
    return (dx, dk, db)
  }
}
