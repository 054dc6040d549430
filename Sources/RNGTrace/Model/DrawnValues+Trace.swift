import RNGStreams

/// What the trace format needs of drawn values beyond what every sampler
/// reports: the dtype names a trace may carry, and the bytes a
/// ``TraceDigest`` hashes.
///
/// Draw and tensor events hold their values as ``DrawnValues``, the same
/// array the streams report; a trace spells the dtype as its
/// ``DrawnValues/dtypeName``.
///
/// ```swift
/// DrawnValues.dtypeNames.first                    // "bool"
/// DrawnValues.int16([1, -2]).littleEndianBytes    // [0x01, 0x00, 0xfe, 0xff]
/// DrawnValues.bool([true, false]).littleEndianBytes   // [1, 0]
/// ```
///
/// Edge cases: `float16` and `bfloat16` contribute their 16-bit patterns;
/// floats contribute their bit patterns, so `-0.0` and each NaN payload
/// hash as themselves.
extension DrawnValues {
  /// Every dtype name values can have, as traces spell them.
  public static let dtypeNames: [String] = ElementType.allCases.map(\.rawValue)

  /// The values' bytes as the digest hashes them: each element little-endian
  /// in its dtype's width, `bool` as one byte 0 or 1, in C order.
  public var littleEndianBytes: [UInt8] {
    var out: [UInt8] = []
    func append<T: FixedWidthInteger>(_ values: [T]) {
      out.reserveCapacity(values.count * MemoryLayout<T>.size)
      for v in values {
        var le = v.littleEndian
        withUnsafeBytes(of: &le) { out.append(contentsOf: $0) }
      }
    }
    switch self {
    case .bool(let v): out = v.map { $0 ? 1 : 0 }
    case .int8(let v): append(v)
    case .int16(let v): append(v)
    case .int32(let v): append(v)
    case .int64(let v): append(v)
    case .uint8(let v): out = v
    case .uint16(let v): append(v)
    case .uint32(let v): append(v)
    case .uint64(let v): append(v)
    case .float16(let v): append(v)
    case .bfloat16(let v): append(v)
    case .float32(let v): append(v.map(\.bitPattern))
    case .float64(let v): append(v.map(\.bitPattern))
    }
    return out
  }
}
