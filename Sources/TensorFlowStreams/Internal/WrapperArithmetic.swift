import RNGStreams

// Internal: the arithmetic TensorFlow's Python wrappers apply to a raw op
// output. Each step is a separate TensorFlow op, so each rounds on its own
// in the output dtype (no fused multiply-add).

enum WrapperArithmetic {
  /// `values * factor` (`tf.random.uniform(maxval=m)` with int `minval=0`).
  static func scaled(_ values: DrawnValues, by factor: TensorFlowScalar) -> DrawnValues {
    switch values {
    case .float32(let v):
      let f = factor.float32Value()
      return .float32(v.map { $0 * f })
    case .float64(let v):
      let f = factor.float64Value()
      return .float64(v.map { $0 * f })
    default:
      return values
    }
  }

  /// `values * scale + shift`, two ops (`normal`'s `rnd * stddev + mean`).
  static func affine(_ values: DrawnValues, scale: TensorFlowScalar, shift: TensorFlowScalar) -> DrawnValues {
    switch values {
    case .float32(let v):
      let s = scale.float32Value()
      let m = shift.float32Value()
      return .float32(v.map { ($0 * s) + m })
    case .float64(let v):
      let s = scale.float64Value()
      let m = shift.float64Value()
      return .float64(v.map { ($0 * s) + m })
    default:
      return values
    }
  }

  /// `values * (maxval - minval) + minval`, three ops, the range rounded
  /// in the dtype first.
  static func ranged(_ values: DrawnValues, minval: TensorFlowScalar, maxval: TensorFlowScalar) -> DrawnValues {
    switch values {
    case .float32(let v):
      let lo = minval.float32Value()
      let range = maxval.float32Value() - lo
      return .float32(v.map { ($0 * range) + lo })
    case .float64(let v):
      let lo = minval.float64Value()
      let range = maxval.float64Value() - lo
      return .float64(v.map { ($0 * range) + lo })
    default:
      return values
    }
  }
}
