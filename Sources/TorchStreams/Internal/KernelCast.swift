import RNGStreams

/// `static_cast<scalar_t>(double)` as the CPU kernels compile it on x86-64.
enum KernelCast {
  /// `values` in `dtype`: floats round to nearest; integers truncate toward
  /// zero through int64 (`cvttsd2si`: NaN and out-of-range give `Int64.min`)
  /// and then keep their low bits; bool is `value != 0`.
  static func cast(_ values: [Double], to dtype: TorchDType) -> DrawnValues {
    switch dtype {
    case .float64: return .float64(values)
    case .float32: return .float32(values.map { Float($0) })
    case .bool: return .bool(values.map { $0 != 0 })
    default: return DrawnValues(wrapping: values.map(truncatedInt64), as: dtype.elementType)
    }
  }

  /// `cvttsd2si`: truncation, `Int64.min` when the result does not fit.
  static func truncatedInt64(_ value: Double) -> Int64 {
    value > -0x1p63 - 1 && value < 0x1p63 ? Int64(value.rounded(.towardZero)) : Int64.min
  }
}
