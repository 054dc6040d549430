import RNGStreams
import RNGTrace

extension TraceValues {
  /// Drawn values in the trace's value model: the same dtype and elements
  /// (16-bit floats keep their bit patterns).
  ///
  /// ```swift
  /// TraceValues(DrawnValues.uint8([3, 7])).dtype     // "uint8"
  /// ```
  public init(_ values: DrawnValues) {
    switch values {
    case .bool(let v): self = .bool(v)
    case .int8(let v): self = .int8(v)
    case .int16(let v): self = .int16(v)
    case .int32(let v): self = .int32(v)
    case .int64(let v): self = .int64(v)
    case .uint8(let v): self = .uint8(v)
    case .uint16(let v): self = .uint16(v)
    case .uint32(let v): self = .uint32(v)
    case .uint64(let v): self = .uint64(v)
    case .float16(let bits): self = .float16(bits: bits)
    case .bfloat16(let bits): self = .bfloat16(bits: bits)
    case .float32(let v): self = .float32(v)
    case .float64(let v): self = .float64(v)
    }
  }
}
