import KerasStreams

/// A pooling layer (channels_last) as training computes it, over samples
/// `(height, width, channels)` flattened in rows; 1-D pooling is the
/// height-1 case, and a global pooling is one window over everything.
///
/// ```swift
/// let pool = KerasPoolingKernel(pooling, inputShape: [6, 5, 3])
/// let (y, winners) = pool.forward(x)     // max pooling remembers each window's winner
/// let dx = pool.backward(g, winners: winners, inputColumns: x.columns)
/// ```
///
/// Max pooling ignores padding and sends the gradient to the first largest
/// element of each window; average pooling divides by the number of real
/// (unpadded) elements in the window, as TensorFlow's `avg_pool` does.
struct KerasPoolingKernel: Sendable, Hashable {
  let mode: Keras3.Pooling.Mode
  let inputHeight: Int, inputWidth: Int, channels: Int
  let poolHeight: Int, poolWidth: Int
  let strideHeight: Int, strideWidth: Int
  let padTop: Int, padLeft: Int
  let outputHeight: Int, outputWidth: Int

  init(_ pooling: Keras3.Pooling, inputShape: [Int]) {
    mode = pooling.mode
    let spatial = pooling.rank == 1 ? [1, inputShape[0]] : [inputShape[0], inputShape[1]]
    channels = inputShape[inputShape.count - 1]
    inputHeight = spatial[0]
    inputWidth = spatial[1]
    guard let size = pooling.poolSize else {
      (poolHeight, poolWidth, strideHeight, strideWidth) = (spatial[0], spatial[1], 1, 1)
      (padTop, padLeft, outputHeight, outputWidth) = (0, 0, 1, 1)
      return
    }
    let window = pooling.rank == 1 ? [1] + size : size
    let strides = pooling.rank == 1 ? [1] + pooling.strides : pooling.strides
    func geometry(_ axis: Int) -> (pad: Int, out: Int) {
      guard pooling.same else { return (0, (spatial[axis] - window[axis]) / strides[axis] + 1) }
      let out = (spatial[axis] - 1) / strides[axis] + 1
      return (max((out - 1) * strides[axis] + window[axis] - spatial[axis], 0) / 2, out)
    }
    let rows = geometry(0), columns = geometry(1)
    (poolHeight, poolWidth, strideHeight, strideWidth) = (window[0], window[1], strides[0], strides[1])
    (padTop, padLeft, outputHeight, outputWidth) = (rows.pad, columns.pad, rows.out, columns.out)
  }

  var outputColumns: Int { outputHeight * outputWidth * channels }

  /// The pooled batch; for max pooling also each output's winning input column.
  func forward(_ x: KerasMatrix) -> (output: KerasMatrix, winners: [Int]) {
    var out = KerasMatrix.zeros(rows: x.rows, columns: outputColumns)
    var winners = mode == .max ? [Int](repeating: 0, count: x.rows * outputColumns) : []
    for b in 0..<x.rows {
      for oh in 0..<outputHeight {
        for ow in 0..<outputWidth {
          for c in 0..<channels {
            var best = -Float.infinity, winner = -1, sum: Float = 0, count = 0
            for kh in 0..<poolHeight {
              let ih = oh * strideHeight + kh - padTop
              guard ih >= 0 && ih < inputHeight else { continue }
              for kw in 0..<poolWidth {
                let iw = ow * strideWidth + kw - padLeft
                guard iw >= 0 && iw < inputWidth else { continue }
                let column = (ih * inputWidth + iw) * channels + c
                let v = x[b, column]
                if winner < 0 || v > best { (best, winner) = (v, column) }
                sum += v
                count += 1
              }
            }
            let o = (oh * outputWidth + ow) * channels + c
            if mode == .max {
              out[b, o] = best
              winners[b * outputColumns + o] = winner
            } else {
              out[b, o] = sum / Float(count)
            }
          }
        }
      }
    }
    return (out, winners)
  }

  /// The gradient of the input given the gradient `g` of the output.
  func backward(_ g: KerasMatrix, winners: [Int], inputColumns: Int) -> KerasMatrix {
    var dx = KerasMatrix.zeros(rows: g.rows, columns: inputColumns)
    for b in 0..<g.rows {
      for oh in 0..<outputHeight {
        for ow in 0..<outputWidth {
          for c in 0..<channels {
            let o = (oh * outputWidth + ow) * channels + c
            if mode == .max {
              dx[b, winners[b * outputColumns + o]] += g[b, o]
              continue
            }
            var columns: [Int] = []
            for kh in 0..<poolHeight {
              let ih = oh * strideHeight + kh - padTop
              guard ih >= 0 && ih < inputHeight else { continue }
              for kw in 0..<poolWidth {
                let iw = ow * strideWidth + kw - padLeft
                guard iw >= 0 && iw < inputWidth else { continue }
                columns.append((ih * inputWidth + iw) * channels + c)
              }
            }
            let share = g[b, o] / Float(columns.count)
            for column in columns { dx[b, column] += share }
          }
        }
      }
    }
    return dx
  }
}
