import PythonSubset

/// Conversions between the front end's unbounded ints and the 128-bit
/// integers the streams take for bounds and seeds.
extension PythonInt {
  /// The int of a 128-bit value.
  init(int128 value: Int128) {
    let magnitude = value.magnitude
    self.init(negative: value < 0, magnitude: (0..<4).map { UInt32(truncatingIfNeeded: magnitude >> (32 * UInt128($0))) })
  }

  /// The value as `Int128`, or nil when it does not fit.
  var asInt128: Int128? {
    let words = words32
    guard words.count <= 4 else { return nil }
    var magnitude: UInt128 = 0
    for (i, word) in words.enumerated() { magnitude |= UInt128(word) << (32 * UInt128(i)) }
    if isNegative {
      if magnitude == UInt128(Int128.max) + 1 { return Int128.min }
      return magnitude <= UInt128(Int128.max) ? -Int128(magnitude) : nil
    }
    return magnitude <= UInt128(Int128.max) ? Int128(magnitude) : nil
  }
}
