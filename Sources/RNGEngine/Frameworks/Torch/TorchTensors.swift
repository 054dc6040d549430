import RNGStreams
import TorchStreams

/// Conversions between the engine's ``Tensor`` and TorchStreams' dtypes and
/// values.
extension TorchDType {
  /// The torch dtype of an engine dtype, or nil for one the samplers do not
  /// produce (float16, bfloat16, uint16, uint32, uint64).
  init?(_ dtype: DType) {
    guard let elementType = dtype.elementType else { return nil }
    self.init(elementType)
  }

  /// The engine dtype with the same name.
  var engineType: DType { DType(elementType) }

  /// The dtypes the torch binding accepts, as a user writes them.
  static let acceptedNames = allCases.map { "torch.\($0.name)" }.joined(separator: ", ")
}

extension DrawnValues {
  /// The elements of `tensor`, or nil when its dtype is not a torch dtype
  /// the samplers produce.
  init?(torch tensor: Tensor) {
    guard let dtype = TorchDType(tensor.dtype) else { return nil }
    self.init(torchCasting: tensor.storage, to: dtype)
  }

  /// `storage` converted to `dtype` as a torch cast does (floats to integers
  /// toward zero, integers wrapping); nil when a float going to an integer
  /// type is NaN, infinite or outside int64.
  init?(torchCasting storage: Tensor.Storage, to dtype: TorchDType) {
    let integers: [Int64]
    switch (storage, dtype) {
    case (.float(let v), .float32): self = .float32(v); return
    case (.double(let v), .float64): self = .float64(v); return
    case (.bool(let v), .bool): self = .bool(v); return
    case (.float(let v), _): self.init(torchCasting: v.map(Double.init), to: dtype); return
    case (.double(let v), _): self.init(torchCasting: v, to: dtype); return
    case (.int(let v), _): integers = v
    case (.unsigned(let v), _): integers = v.map { Int64(truncatingIfNeeded: $0) }
    case (.bool(let v), _): integers = v.map { $0 ? 1 : 0 }
    case (.big(let v), _): integers = v.map { Int64(truncatingIfNeeded: $0.truncatingUInt64) }
    }
    self.init(wrapping: integers, as: dtype.elementType)
  }

  private init?(torchCasting doubles: [Double], to dtype: TorchDType) {
    switch dtype {
    case .float32: self = .float32(doubles.map { Float($0) })
    case .float64: self = .float64(doubles)
    case .bool: self = .bool(doubles.map { $0 != 0 })
    default:
      var integers: [Int64] = []
      for d in doubles {
        guard let i = Int64(exactly: d.rounded(.towardZero)) else { return nil }
        integers.append(i)
      }
      self.init(wrapping: integers, as: dtype.elementType)
    }
  }
}
