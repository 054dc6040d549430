import RNGBits
import RNGStreams

extension NumPyGenerator {
  /// `random(size)`: float64 values in [0, 1), `(next64 >> 11) · 2^-53`,
  /// one 64-bit draw each.
  ///
  /// ```swift
  /// var rng = try NumPyGenerator(seed: 12345)
  /// try rng.random(count: 1)   // [0.22733602246716966]
  /// ```
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func random(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try ElementCount.check(count)
    let before = bitGenerator.wordsDrawn
    let values = drawing { bits in
      [Double](unsafeUninitializedCapacity: count) { out, initialized in
        HugePages.advise(out)
        for i in 0..<count { out[i] = bits.nextDouble() }
        initialized = count
      }
    }
    if observer != nil {
      report("random", "uniform", [], shape: shape ?? [count], from: before, values: .float64(values))
    }
    return values
  }

  /// `random(size, dtype)`: float64 as ``random(count:shape:)``, or float32
  /// values `(next32 >> 8) · 2^-24`, two per 64-bit draw (low half first).
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func random(count: Int, dtype: FloatDType, shape: [Int]? = nil) throws -> DrawnValues {
    switch dtype {
    case .float64:
      return .float64(try random(count: count, shape: shape))
    case .float32:
      try ElementCount.check(count)
      let before = bitGenerator.wordsDrawn
      let values = drawing { bits in
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
          HugePages.advise(out)
          for i in 0..<count { out[i] = bits.nextFloat() }
          initialized = count
        }
      }
      if observer != nil {
        report(
          "random", "uniform", [.init("dtype", "float32")], shape: shape ?? [count], from: before,
          values: .float32(values))
      }
      return .float32(values)
    }
  }

  /// `uniform(low, high, size)`: `low + (high - low) · u`, `u` as in
  /// ``random(count:shape:)``.
  ///
  /// - Throws: ``FrameworkError`` when `high - low` is not finite or is
  ///   negative (unlike the legacy `uniform`, `low > high` is an error).
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func uniform(low: Double = 0.0, high: Double = 1.0, count: Int, shape: [Int]? = nil) throws -> [Double] {
    try ElementCount.check(count)
    let range = high - low
    guard range.isFinite else {
      throw FrameworkError("high - low range exceeds valid bounds", parameter: "high")
    }
    if range.sign == .minus { throw FrameworkError("high - low < 0", parameter: "high") }
    let before = bitGenerator.wordsDrawn
    let values = drawing { bits in
      [Double](unsafeUninitializedCapacity: count) { out, initialized in
        HugePages.advise(out)
        for i in 0..<count { out[i] = low + range * bits.nextDouble() }
        initialized = count
      }
    }
    if observer != nil {
      report(
        "uniform", "uniform", [.init("low", low.description), .init("high", high.description)],
        shape: shape ?? [count], from: before, values: .float64(values))
    }
    return values
  }

  /// `integers(low, high=None, size, dtype=int64, endpoint=False)`: Lemire's
  /// multiply-shift rejection. Spans below 2^32 use 32-bit draws (half a
  /// 64-bit output each, the other half kept for the next 32-bit draw);
  /// int8/int16/bool split a 32-bit draw further, as in ``RandomState``.
  ///
  /// ```swift
  /// var rng = try NumPyGenerator(seed: 0)
  /// try rng.integers(low: 0, high: 10, count: 5)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` with NumPy's messages ("low is out of bounds
  ///   for int8", "high is out of bounds for int64", "high <= 0",
  ///   "low >= high", with `endpoint`: "high < 0", "low > high").
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func integers(
    low: Int128, high: Int128? = nil, count: Int, dtype: IntegerDType = .int64, endpoint: Bool = false,
    shape: [Int]? = nil
  ) throws -> DrawnValues {
    let (bottom, top) = high.map { (low, $0) } ?? (0, low)
    try ElementCount.check(count)
    if count == 0 { return IntegerDraw.empty(dtype) }
    let interval = try IntegerDraw.closedInterval(low: bottom, high: top, closed: endpoint, dtype: dtype)
    let before = bitGenerator.wordsDrawn
    let values = drawing { IntegerDraw.draw(&$0, interval: interval, count: count, dtype: dtype, method: .lemire) }
    if observer != nil {
      let parameters: [DrawReport.Parameter] = [
        .init("low", "\(bottom)"), .init("high", "\(top)"), .init("dtype", dtype.rawValue),
        .init("endpoint", endpoint ? "True" : "False"),
      ]
      report("integers", "integers", parameters, shape: shape ?? [count], from: before, values: values)
    }
    return values
  }

  /// `standard_normal(size)`: the 256-layer ziggurat, one 64-bit draw per
  /// attempt (99.3% accept on the first), no cache.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func standardNormal(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try normals(count: count, shape: shape, operation: "standard_normal", loc: 0, scale: 1, parameters: [])
  }

  /// `standard_normal(size, dtype)`: float64 as ``standardNormal(count:shape:)``
  /// or the float32 ziggurat (one 32-bit draw per attempt).
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func standardNormal(count: Int, dtype: FloatDType, shape: [Int]? = nil) throws -> DrawnValues {
    switch dtype {
    case .float64:
      return .float64(try standardNormal(count: count, shape: shape))
    case .float32:
      try ElementCount.check(count)
      let ziggurat = Ziggurat.shared
      let before = bitGenerator.wordsDrawn
      let values = drawing { bits in
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
          HugePages.advise(out)
          for i in 0..<count { out[i] = ziggurat.normalFloat(&bits) }
          initialized = count
        }
      }
      if observer != nil {
        report(
          "standard_normal", "normal", [.init("dtype", "float32")], shape: shape ?? [count], from: before,
          values: .float32(values))
      }
      return .float32(values)
    }
  }

  /// `normal(loc, scale, size)`: `loc + scale · z`, `z` from the ziggurat.
  ///
  /// - Throws: ``FrameworkError`` ("scale < 0") when `scale` has its sign bit set.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == PCG64DXSM)
  @_specialize(exported: true, where Bits == Philox4x64)
  @_specialize(exported: true, where Bits == SFC64)
  public mutating func normal(loc: Double = 0.0, scale: Double = 1.0, count: Int, shape: [Int]? = nil) throws -> [Double] {
    if !scale.isNaN && scale.sign == .minus { throw FrameworkError("scale < 0", parameter: "scale") }
    return try normals(
      count: count, shape: shape, operation: "normal", loc: loc, scale: scale,
      parameters: [.init("loc", loc.description), .init("scale", scale.description)])
  }

  mutating func normals(
    count: Int, shape: [Int]?, operation: String, loc: Double, scale: Double, parameters: [DrawReport.Parameter]
  ) throws -> [Double] {
    try ElementCount.check(count)
    let ziggurat = Ziggurat.shared
    let before = bitGenerator.wordsDrawn
    let plain = parameters.isEmpty
    let values = drawing { bits in
      [Double](unsafeUninitializedCapacity: count) { out, initialized in
        HugePages.advise(out)
        if plain {
          for i in 0..<count { out[i] = ziggurat.normal(&bits) }
        } else {
          for i in 0..<count { out[i] = loc + scale * ziggurat.normal(&bits) }
        }
        initialized = count
      }
    }
    if observer != nil {
      report(operation, "normal", parameters, shape: shape ?? [count], from: before, values: .float64(values))
    }
    return values
  }
}
