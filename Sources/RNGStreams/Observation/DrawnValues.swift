/// The values a sampler produced, flat in C (row-major) order, in the dtype
/// the framework returns.
///
/// Every framework's samplers return their values as `DrawnValues` (the
/// shape is the caller's), and every ``DrawReport`` carries the same array:
/// reporting it costs a reference, not a copy. Trace events (RNGTrace) hold
/// their values as the same type.
///
/// ```swift
/// var g = try TorchGenerator(seed: 0)
/// let x = try g.rand([2, 2])     // .float32([0.4962566, 0.7682218, 0.08847743, 0.13203049])
/// x.dtype                        // .float32
/// x.count                        // 4
/// x.doubles                      // the same values widened to Double
/// ```
///
/// Edge cases:
/// - An empty result is an empty array of its dtype.
/// - `float16` and `bfloat16` are kept as their 16-bit patterns (a bfloat16
///   is the top half of a float32); ``floats`` and ``doubles`` widen them
///   exactly.
/// - Equality is bitwise: two `float32` arrays are equal when every element
///   has the same bit pattern, so a `NaN` equals the same `NaN` and `0.0`
///   differs from `-0.0` (the equality a determinism check needs).
public enum DrawnValues: Sendable {
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

  /// The element type.
  public var dtype: ElementType {
    switch self {
    case .bool: return .bool
    case .int8: return .int8
    case .int16: return .int16
    case .int32: return .int32
    case .int64: return .int64
    case .uint8: return .uint8
    case .uint16: return .uint16
    case .uint32: return .uint32
    case .uint64: return .uint64
    case .float16: return .float16
    case .bfloat16: return .bfloat16
    case .float32: return .float32
    case .float64: return .float64
    }
  }

  /// The dtype name as the frameworks spell it (`"float32"`, `"int64"`, …).
  public var dtypeName: String { dtype.rawValue }

  /// Whether the elements are floating point.
  public var isFloatingPoint: Bool { dtype.isFloatingPoint }
}

// MARK: - Bitwise equality

extension DrawnValues: Hashable {
  /// Whether both arrays have the same dtype and the same elements, bit for
  /// bit.
  ///
  /// ```swift
  /// DrawnValues.float32([.nan]) == .float32([.nan])     // true
  /// DrawnValues.float64([0.0]) == .float64([-0.0])      // false
  /// DrawnValues.int32([1]) == .int64([1])               // false
  /// ```
  public static func == (a: DrawnValues, b: DrawnValues) -> Bool {
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return x == y
    case (.int8(let x), .int8(let y)): return x == y
    case (.int16(let x), .int16(let y)): return x == y
    case (.int32(let x), .int32(let y)): return x == y
    case (.int64(let x), .int64(let y)): return x == y
    case (.uint8(let x), .uint8(let y)): return x == y
    case (.uint16(let x), .uint16(let y)): return x == y
    case (.uint32(let x), .uint32(let y)): return x == y
    case (.uint64(let x), .uint64(let y)): return x == y
    case (.float16(let x), .float16(let y)): return x == y
    case (.bfloat16(let x), .bfloat16(let y)): return x == y
    case (.float32(let x), .float32(let y)): return x.elementsEqual(y) { $0.bitPattern == $1.bitPattern }
    case (.float64(let x), .float64(let y)): return x.elementsEqual(y) { $0.bitPattern == $1.bitPattern }
    default: return false
    }
  }

  /// Hashes what equality compares: the dtype and each element's bits.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(dtype)
    switch self {
    case .bool(let v): hasher.combine(v)
    case .int8(let v): hasher.combine(v)
    case .int16(let v): hasher.combine(v)
    case .int32(let v): hasher.combine(v)
    case .int64(let v): hasher.combine(v)
    case .uint8(let v): hasher.combine(v)
    case .uint16(let v): hasher.combine(v)
    case .uint32(let v): hasher.combine(v)
    case .uint64(let v): hasher.combine(v)
    case .float16(let v): hasher.combine(v)
    case .bfloat16(let v): hasher.combine(v)
    case .float32(let v):
      hasher.combine(v.count)
      for x in v { hasher.combine(x.bitPattern) }
    case .float64(let v):
      hasher.combine(v.count)
      for x in v { hasher.combine(x.bitPattern) }
    }
  }
}

// MARK: - Reading the elements

extension DrawnValues {
  /// The elements when the dtype is `float32`, else nil.
  public var float32: [Float]? { if case .float32(let v) = self { return v } else { return nil } }

  /// The elements when the dtype is `float64`, else nil.
  public var float64: [Double]? { if case .float64(let v) = self { return v } else { return nil } }

  /// The elements of a `float16`, `bfloat16` or `float32` array as `Float`
  /// (exact), else nil.
  public var floats: [Float]? {
    switch self {
    case .float16(let bits): return bits.map { Float(Float16(bitPattern: $0)) }
    case .bfloat16(let bits): return bits.map { Float(bitPattern: UInt32($0) << 16) }
    case .float32(let v): return v
    default: return nil
    }
  }

  /// The elements of an integer or `bool` array as `Int64` (bools as 0 and
  /// 1, `uint64` values above `Int64.max` as their two's-complement bit
  /// pattern); nil for floating-point arrays.
  public var integers: [Int64]? {
    switch self {
    case .bool(let v): return v.map { $0 ? 1 : 0 }
    case .int8(let v): return v.map(Int64.init)
    case .int16(let v): return v.map(Int64.init)
    case .int32(let v): return v.map(Int64.init)
    case .int64(let v): return v
    case .uint8(let v): return v.map(Int64.init)
    case .uint16(let v): return v.map(Int64.init)
    case .uint32(let v): return v.map(Int64.init)
    case .uint64(let v): return v.map { Int64(bitPattern: $0) }
    case .float16, .bfloat16, .float32, .float64: return nil
    }
  }

  /// The elements of a `bool` array, else nil.
  public var bools: [Bool]? { if case .bool(let v) = self { return v } else { return nil } }

  /// Every element widened to `Double` (bools as 0 and 1): exact for every
  /// dtype except 64-bit integers beyond 2^53, which round.
  public var doubles: [Double] {
    switch self {
    case .float64(let v): return v
    case .uint64(let v): return v.map(Double.init)
    case .float16, .bfloat16, .float32: return (floats ?? []).map(Double.init)
    default: return (integers ?? []).map(Double.init)
    }
  }
}

// MARK: - Making values

extension DrawnValues {
  /// Floats rounded to the floating-point type `dtype`, to nearest with ties
  /// to even (`float64` widens exactly). Samplers that compute a 16-bit
  /// dtype in `Float` store their results with it.
  ///
  /// ```swift
  /// DrawnValues([0.1], roundedTo: .bfloat16).floats     // [0.10009765625]
  /// ```
  ///
  /// - Precondition: `dtype` is a floating-point type.
  public init(_ floats: [Float], roundedTo dtype: ElementType) {
    switch dtype {
    case .float16: self = .float16(bits: floats.map { Float16($0).bitPattern })
    case .bfloat16: self = .bfloat16(bits: floats.map(Self.bfloat16Bits))
    case .float32: self = .float32(floats)
    case .float64: self = .float64(floats.map(Double.init))
    default: preconditionFailure("DrawnValues(_:roundedTo:) needs a floating-point dtype, got \(dtype.rawValue)")
    }
  }

  /// Integers converted to `dtype` as C's `static_cast` from `int64_t`
  /// converts them: narrower integer types wrap, floats round to nearest,
  /// `bool` is `value != 0`.
  ///
  /// ```swift
  /// DrawnValues(wrapping: [1, 0, 300], as: .uint8)    // .uint8([1, 0, 44])
  /// ```
  public init(wrapping integers: [Int64], as dtype: ElementType) {
    switch dtype {
    case .bool: self = .bool(integers.map { $0 != 0 })
    case .int8: self = .int8(integers.map { Int8(truncatingIfNeeded: $0) })
    case .int16: self = .int16(integers.map { Int16(truncatingIfNeeded: $0) })
    case .int32: self = .int32(integers.map { Int32(truncatingIfNeeded: $0) })
    case .int64: self = .int64(integers)
    case .uint8: self = .uint8(integers.map { UInt8(truncatingIfNeeded: $0) })
    case .uint16: self = .uint16(integers.map { UInt16(truncatingIfNeeded: $0) })
    case .uint32: self = .uint32(integers.map { UInt32(truncatingIfNeeded: $0) })
    case .uint64: self = .uint64(integers.map { UInt64(bitPattern: $0) })
    case .float16, .bfloat16, .float32: self = DrawnValues(integers.map { Float($0) }, roundedTo: dtype)
    case .float64: self = .float64(integers.map { Double($0) })
    }
  }

  /// The bfloat16 nearest to `x` (ties to even), as its bit pattern; NaN
  /// stays a (quiet) NaN.
  static func bfloat16Bits(_ x: Float) -> UInt16 {
    let bits = x.bitPattern
    if x.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
    return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
  }
}

// MARK: - Rearranging

extension DrawnValues {
  /// The rows at `rows`, in that order, where a row is `rowLength`
  /// consecutive elements (axis 0 of a C-order array whose other axes hold
  /// `rowLength` elements).
  ///
  /// ```swift
  /// DrawnValues.int64([0, 1, 2, 3, 4, 5]).rows([2, 0], rowLength: 2)   // .int64([4, 5, 0, 1])
  /// ```
  ///
  /// - Precondition: every index is in `0..<count / rowLength`.
  public func rows(_ rows: [Int], rowLength: Int) -> DrawnValues {
    func take<T>(_ v: [T]) -> [T] {
      var out: [T] = []
      out.reserveCapacity(rows.count * rowLength)
      for r in rows { out.append(contentsOf: v[(r * rowLength)..<((r + 1) * rowLength)]) }
      return out
    }
    switch self {
    case .bool(let v): return .bool(take(v))
    case .int8(let v): return .int8(take(v))
    case .int16(let v): return .int16(take(v))
    case .int32(let v): return .int32(take(v))
    case .int64(let v): return .int64(take(v))
    case .uint8(let v): return .uint8(take(v))
    case .uint16(let v): return .uint16(take(v))
    case .uint32(let v): return .uint32(take(v))
    case .uint64(let v): return .uint64(take(v))
    case .float16(let v): return .float16(bits: take(v))
    case .bfloat16(let v): return .bfloat16(bits: take(v))
    case .float32(let v): return .float32(take(v))
    case .float64(let v): return .float64(take(v))
    }
  }
}
