/// Conversions for IEEE half precision that do not depend on the platform
/// having `Float16`: the trace codec reads and writes `float16` values with
/// them.
///
/// ```swift
/// HalfFloat.float(fromHalfBits: 0x3c00)     // 1.0
/// HalfFloat.halfBits(from: 0.1)            // 0x2e66
/// ```
///
/// Edge cases: NaN keeps its sign and top payload bits; magnitudes from
/// 65520 up round to infinity.
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
