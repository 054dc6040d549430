import RNGStreams

extension JAXRandom {
  /// `jax.random.randint(key, shape, minval, maxval, dtype)`: integers in
  /// `[minval, maxval)`.
  ///
  /// ```swift
  /// try random.randint(random.prngKey(3), shape: [5], minval: 0, maxval: 10).integers
  /// // [5, 9, 5, 4, 6] (partitionable)
  /// ```
  ///
  /// JAX splits `key` in two, draws `hi` and `lo` words of the dtype's width
  /// from the two halves, and returns
  /// `minval + ((hi % span)·m + lo % span) % span` with
  /// `m = (2^(width/2) % span)² % span`, all in wrapping unsigned
  /// arithmetic of the dtype's width (so for spans above 2¹⁶ in 32 bits the
  /// multiplier wraps to 0, as in JAX). `maxval <= minval` returns `minval`.
  /// 8- and 16-bit dtypes sample in int32 with the bounds clipped to the
  /// dtype. `dtype` defaults to int32 (int64 with x64).
  ///
  /// The bounds are Python ints: they must fit in int32 (int64 with x64),
  /// otherwise JAX raises `OverflowError` and this throws.
  public func randint(
    _ key: JAXKey, shape: [Int], minval: Int64, maxval: Int64, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultInt)
    guard dtype.isSignedInteger || dtype.isUnsignedInteger else {
      throw FrameworkError("randint only accepts integer dtypes, got \(dtype.name).", parameter: "dtype")
    }
    let argumentRange = config.enableX64 ? Int64.min...Int64.max : Int64(Int32.min)...Int64(Int32.max)
    for (name, value) in [("minval", minval), ("maxval", maxval)] where !argumentRange.contains(value) {
      throw FrameworkError(
        "randint \(name) \(value) does not fit in \(config.enableX64 ? "int64" : "int32"), the dtype of Python ints here.",
        parameter: name)
    }
    let count = try Self.elementCount(shape)
    let (values, blocks) = randintValues(key, count: count, minval: minval, maxval: maxval, dtype: dtype)
    report(key, blocks: blocks, operation: "randint", distribution: "integers",
           parameters: [.init("minval", String(minval)), .init("maxval", String(maxval)), .init("dtype", dtype.name)],
           shape: shape, values: values)
    return values
  }

  func randintValues(
    _ key: JAXKey, count: Int, minval: Int64, maxval: Int64, dtype: JAXDType
  ) -> (DrawnValues, UInt64) {
    var lo = minval, hi = maxval
    var sampling = dtype
    var boundRange = config.enableX64 ? Int64.min...Int64.max : Int64(Int32.min)...Int64(Int32.max)
    if dtype.bitWidth < 32 {
      // JAX casts the bounds to int32 (wrapping) and clips them to the dtype.
      sampling = .int32
      boundRange = Int64(Int32.min)...Int64(Int32.max)
      let range = Self.integerRange(dtype)
      lo = min(max(Int64(Int32(truncatingIfNeeded: lo)), range.lowerBound), range.upperBound)
      hi = min(max(Int64(Int32(truncatingIfNeeded: hi)), range.lowerBound), range.upperBound + 1)
    }
    let width = sampling.bitWidth
    let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
    let samplingRange = Self.integerRange(sampling)
    let clipLow = max(samplingRange.lowerBound, boundRange.lowerBound)
    let clipHigh = min(samplingRange.upperBound, boundRange.upperBound)
    let maxvalOutOfRange = hi > clipHigh
    lo = min(max(lo, clipLow), clipHigh)
    hi = min(max(hi, clipLow), clipHigh)

    func rem(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : a % b }
    var span = (UInt64(bitPattern: hi) &- UInt64(bitPattern: lo)) & mask
    if hi <= lo { span = 1 }
    if maxvalOutOfRange && hi > lo { span = (span &+ 1) & mask }
    var multiplier = rem(UInt64(1) << UInt64(width / 2), span)
    multiplier = rem((multiplier &* multiplier) & mask, span)

    let halves = derivedKeys(key, count: 2)
    let (higher, higherBlocks) = rawBits(halves[0], width: width, count: count)
    let (lower, lowerBlocks) = rawBits(halves[1], width: width, count: count)
    let offsets = (0..<count).map { i -> UInt64 in
      let mixed = ((rem(higher[i], span) &* multiplier) & mask &+ rem(lower[i], span)) & mask
      return (UInt64(bitPattern: lo) &+ rem(mixed, span)) & mask
    }
    let blocks = 2 + higherBlocks + lowerBlocks
    // The low bits of each offset, in the dtype's width (signed dtypes in two's complement).
    return (DrawnValues(wrapping: offsets.map { Int64(bitPattern: $0) }, as: dtype.elementType), blocks)
  }

  /// The values of an integer dtype (uint64 is capped at `Int64.max`,
  /// which bounds that fit in int64 never exceed).
  static func integerRange(_ dtype: JAXDType) -> ClosedRange<Int64> {
    switch dtype {
    case .int8: return -128...127
    case .int16: return -32768...32767
    case .int32: return Int64(Int32.min)...Int64(Int32.max)
    case .uint8: return 0...255
    case .uint16: return 0...65535
    case .uint32: return 0...Int64(UInt32.max)
    case .uint64: return 0...Int64.max
    default: return Int64.min...Int64.max
    }
  }
}
