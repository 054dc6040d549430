/// The values of a draw or a tensor, flattened in C (row-major) order, in
/// their dtype.
///
/// Equality is bitwise: two `float32` arrays are equal when every element
/// has the same bit pattern (so `NaN` equals the same `NaN`, and `0.0` does
/// not equal `-0.0`). That is the equality a determinism check needs.
///
/// ```swift
/// let mask = TraceValues.bool([true, false, true])
/// mask.dtype            // "bool"
/// mask.count            // 3
/// TraceValues.float32([0.5]).doubles    // [0.5]
/// ```
///
/// Edge cases: `float16` and `bfloat16` are kept as their 16-bit patterns.
public enum TraceValues: Sendable {
  case bool([Bool])
  case int8([Int8])
  case int16([Int16])
  case int32([Int32])
  case int64([Int64])
  case uint8([UInt8])
  case uint16([UInt16])
  case uint32([UInt32])
  case uint64([UInt64])
  /// IEEE half precision, as bit patterns.
  case float16(bits: [UInt16])
  /// bfloat16 (the top 16 bits of a float32), as bit patterns.
  case bfloat16(bits: [UInt16])
  case float32([Float])
  case float64([Double])

  /// Every dtype name values can have, as traces spell them.
  public static let dtypes: [String] = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "bfloat16",
    "float32", "float64",
  ]

  /// The dtype name (`"float32"`, `"bool"`, …).
  public var dtype: String {
    switch self {
    case .bool: return "bool"
    case .int8: return "int8"
    case .int16: return "int16"
    case .int32: return "int32"
    case .int64: return "int64"
    case .uint8: return "uint8"
    case .uint16: return "uint16"
    case .uint32: return "uint32"
    case .uint64: return "uint64"
    case .float16: return "float16"
    case .bfloat16: return "bfloat16"
    case .float32: return "float32"
    case .float64: return "float64"
    }
  }

  /// Number of elements.
  public var count: Int {
    switch self {
    case .bool(let v): return v.count
    case .int8(let v): return v.count
    case .int16(let v): return v.count
    case .int32(let v): return v.count
    case .int64(let v): return v.count
    case .uint8(let v): return v.count
    case .uint16(let v): return v.count
    case .uint32(let v): return v.count
    case .uint64(let v): return v.count
    case .float16(let v): return v.count
    case .bfloat16(let v): return v.count
    case .float32(let v): return v.count
    case .float64(let v): return v.count
    }
  }

  /// Whether the dtype is a floating-point one.
  public var isFloatingPoint: Bool {
    switch self {
    case .float16, .bfloat16, .float32, .float64: return true
    default: return false
    }
  }

  /// The values as doubles (exact for every dtype except 64-bit integers
  /// beyond 2^53), for numeric comparison.
  public var doubles: [Double] {
    switch self {
    case .bool(let v): return v.map { $0 ? 1 : 0 }
    case .int8(let v): return v.map { Double($0) }
    case .int16(let v): return v.map { Double($0) }
    case .int32(let v): return v.map { Double($0) }
    case .int64(let v): return v.map { Double($0) }
    case .uint8(let v): return v.map { Double($0) }
    case .uint16(let v): return v.map { Double($0) }
    case .uint32(let v): return v.map { Double($0) }
    case .uint64(let v): return v.map { Double($0) }
    case .float16(let v): return v.map { Double(HalfFloat.float(fromHalfBits: $0)) }
    case .bfloat16(let v): return v.map { Double(Float(bitPattern: UInt32($0) << 16)) }
    case .float32(let v): return v.map { Double($0) }
    case .float64(let v): return v
    }
  }

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

extension TraceValues: Hashable {
  /// Bitwise equality.
  public static func == (a: TraceValues, b: TraceValues) -> Bool {
    a.dtype == b.dtype && a.littleEndianBytes == b.littleEndianBytes
  }

  /// Hashes what equality compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(dtype)
    hasher.combine(littleEndianBytes)
  }
}

/// Conversions for IEEE half precision that do not depend on the platform
/// having `Float16`.
enum HalfFloat {
  /// The float with the value of the half-precision bit pattern `h` (exact).
  static func float(fromHalfBits h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = Int((h >> 10) & 0x1f)
    let mantissa = UInt32(h & 0x3ff)
    if exponent == 0x1f {
      return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
    }
    if exponent == 0 {
      // Zero or subnormal: mantissa * 2^-24, exact in float.
      let magnitude = Float(mantissa) * 0x1p-24
      return sign != 0 ? -magnitude : magnitude
    }
    return Float(bitPattern: sign | (UInt32(exponent - 15 + 127) << 23) | (mantissa << 13))
  }

  /// The half-precision bit pattern nearest to `f` (round half to even).
  static func halfBits(from f: Float) -> UInt16 {
    let bits = f.bitPattern
    let sign = UInt16((bits >> 16) & 0x8000)
    if f.isNaN { return sign | 0x7e00 | UInt16((bits >> 13) & 0x3ff) }
    let magnitude = abs(f)
    if magnitude >= 65520 { return sign | 0x7c00 }  // rounds to infinity
    if magnitude < 0x1p-14 {
      // Subnormal half: round magnitude / 2^-24 to nearest even integer.
      let scaled = magnitude * 0x1p24
      let rounded = scaled.rounded(.toNearestOrEven)
      return sign | UInt16(rounded)
    }
    let exponent = Int((bits >> 23) & 0xff) - 127 + 15
    var mantissa = bits & 0x7f_ffff
    var e = UInt32(exponent)
    let roundBits = mantissa & 0x1fff
    mantissa >>= 13
    if roundBits > 0x1000 || (roundBits == 0x1000 && (mantissa & 1) == 1) {
      mantissa += 1
      if mantissa == 0x400 {
        mantissa = 0
        e += 1
      }
    }
    return sign | UInt16(e << 10) | UInt16(mantissa)
  }
}
