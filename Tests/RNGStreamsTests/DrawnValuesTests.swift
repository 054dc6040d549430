import RNGStreams
import Testing

/// The shared value type's conversions: properties that hold for every bit
/// pattern or every integer, so they need no golden file.
struct DrawnValuesTests {
  /// Every float16 and bfloat16 pattern widens to a Float and rounds back to
  /// itself (a NaN to a NaN); `doubles` agrees with `floats`.
  @Test func sixteenBitFloatsRoundTripThroughFloat() {
    let patterns = Array(0...UInt16.max)
    for values in [DrawnValues.float16(bits: patterns), .bfloat16(bits: patterns)] {
      let floats = values.floats ?? []
      let back = Self.bits(DrawnValues(floats, roundedTo: values.dtype))
      #expect(floats.count == patterns.count && back.count == patterns.count)
      let broken = patterns.indices.filter { i in
        floats[i].isNaN ? !Self.isNaN(back[i], values.dtype) : back[i] != patterns[i]
      }
      #expect(broken.isEmpty, "\(values.dtypeName): \(broken.count) patterns do not round-trip")
      #expect(values.doubles.map(\.bitPattern) == floats.map { Double($0).bitPattern })
    }
  }

  /// Rounding a float to bfloat16 picks the nearer of the two bfloat16
  /// values around it, and the even one on a tie.
  /// Rounding to bfloat16 is IEEE round-to-nearest-even, with values at or
  /// past the midpoint above the largest bfloat16 going to infinity (as if
  /// the next value up, 2^128, existed).
  @Test func bfloat16RoundsToNearestEven() {
    // SplitMix64, so a failure reproduces; plus the largest-binade edges.
    var state: UInt64 = 0x5EED
    func next() -> UInt32 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return UInt32(truncatingIfNeeded: (z ^ (z >> 31)) >> 32)
    }
    let edges: [UInt32] = [0x7F7F_7FFF, 0x7F7F_8000, 0x7F7F_8001, 0x7F7F_FFFF, 0x7F7E_8000, 0x0000_8000, 0x0001_8000, 1]
    for bits in edges + (0..<20_000).map({ _ in next() % 0x7F80_0000 }) {
      let x = Float(bitPattern: bits)
      let below = Float(bitPattern: bits & 0xFFFF_0000)
      let above = Float(bitPattern: (bits & 0xFFFF_0000) &+ 0x1_0000)
      let aboveValue = above.isInfinite ? 0x1p128 : Double(above)
      let (toBelow, toAbove) = (Double(x) - Double(below), aboveValue - Double(x))
      let expected = toBelow < toAbove ? below : toAbove < toBelow ? above : ((bits >> 16) & 1 == 0 ? below : above)
      let rounded = DrawnValues([x], roundedTo: .bfloat16).floats?.first ?? .nan
      #expect(rounded.bitPattern == expected.bitPattern, "\(x) (bits 0x\(String(bits, radix: 16)))")
    }
  }

  /// Integers convert as C's `static_cast` from `int64_t`: each type keeps
  /// the low bits of the two's-complement value; bool is `!= 0`.
  @Test func wrappingKeepsTheLowBits() {
    let integers: [Int64] = [0, 1, -1, 255, 256, 300, -129, 65_535, 1 << 31, Int64.min, Int64.max]
    for type in ElementType.allCases where type.isInteger {
      let values = DrawnValues(wrapping: integers, as: type)
      #expect(values.dtype == type)
      let width = Int64(type.bitWidth)
      let expected = integers.map { i -> Int64 in
        guard width < 64 else { return i }
        let low = i & ((1 << width) - 1)
        return type.isSignedInteger && low >= (1 << (width - 1)) ? low - (1 << width) : low
      }
      #expect(values.integers == expected, "\(type)")
    }
    #expect(DrawnValues(wrapping: integers, as: .bool).bools == integers.map { $0 != 0 })
  }

  /// `rows` gathers whole rows in the order asked, repeats included.
  /// Equality and hashing are bitwise: the same NaN is equal to itself,
  /// `0.0` and `-0.0` differ, and the dtype is part of the value.
  @Test func equalityIsBitwise() {
    #expect(DrawnValues.float32([.nan, 1]) == .float32([.nan, 1]))
    #expect(DrawnValues.float64([.nan]) == .float64([.nan]))
    #expect(DrawnValues.float32([0.0]) != .float32([-0.0]))
    #expect(DrawnValues.float64([0.0]) != .float64([-0.0]))
    #expect(DrawnValues.int32([1]) != .int64([1]))
    #expect(DrawnValues.float16(bits: [0x3c00]) != .bfloat16(bits: [0x3c00]))
    #expect(DrawnValues.uint8([]) != .int8([]))
    #expect(Set([DrawnValues.float32([.nan]), .float32([.nan]), .float32([-0.0]), .float32([0.0])]).count == 3)
  }

  @Test func rowsGatherWholeRows() {
    let values = DrawnValues.int16((0..<12).map(Int16.init))
    let picked = values.rows([2, 0, 2], rowLength: 4)
    #expect(picked.integers == [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11])
    #expect(picked.dtype == .int16)
    #expect(values.rows([], rowLength: 4).count == 0)
  }

  static func bits(_ values: DrawnValues) -> [UInt16] {
    switch values {
    case .float16(let b), .bfloat16(let b): return b
    default: return []
    }
  }

  static func isNaN(_ bits: UInt16, _ type: ElementType) -> Bool {
    type == .float16 ? (bits & 0x7C00 == 0x7C00 && bits & 0x03FF != 0) : (bits & 0x7F80 == 0x7F80 && bits & 0x007F != 0)
  }
}
