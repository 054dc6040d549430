import RNGBits
import RNGStreams

extension RandomState {
  /// `random_sample(size)`: `count` doubles in [0, 1), one `next_double`
  /// each: two MT19937 words (`(a >> 5) · 2^26 + (b >> 6)` over 2^53), or
  /// one 64-bit output (`(x >> 11) · 2^-53`) on the other bit generators.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 4)
  /// try rs.randomSample(count: 1)   // [0.9670298390136767]
  /// ```
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func randomSample(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try uniformUnit(count: count, shape: shape, operation: "random_sample")
  }

  /// `random(size)`: alias of ``randomSample(count:shape:)``.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func random(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try uniformUnit(count: count, shape: shape, operation: "random")
  }

  /// `rand(d0, d1, ...)`: alias of ``randomSample(count:shape:)``.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func rand(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try uniformUnit(count: count, shape: shape, operation: "rand")
  }

  /// `ranf(size)`: alias of ``randomSample(count:shape:)``.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func ranf(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try uniformUnit(count: count, shape: shape, operation: "ranf")
  }

  /// `sample(size)`: alias of ``randomSample(count:shape:)``.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func sample(count: Int, shape: [Int]? = nil) throws -> [Double] {
    try uniformUnit(count: count, shape: shape, operation: "sample")
  }

  mutating func uniformUnit(count: Int, shape: [Int]?, operation: String) throws -> [Double] {
    try ElementCount.check(count)
    let before = bitGenerator.wordsDrawn
    let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      HugePages.advise(buffer)
      bitGenerator.fillDoubles(buffer)
      initialized = count
    }
    if observer != nil {
      report(operation, "uniform", [], shape: shape ?? [count], from: before, values: .float64(values))
    }
    return values
  }

  /// `uniform(low, high, size)`: `low + (high - low) · u` per element, no
  /// fused multiply-add. `low > high` is allowed (values fall in (high, low]).
  ///
  /// - Throws: ``FrameworkError`` ("Range exceeds valid bounds", NumPy's
  ///   `OverflowError`) when `high - low` is not finite.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func uniform(low: Double = 0.0, high: Double = 1.0, count: Int, shape: [Int]? = nil) throws -> [Double] {
    let range = high - low
    try ElementCount.check(count)
    guard range.isFinite else { throw FrameworkError("Range exceeds valid bounds", parameter: "high") }
    let before = bitGenerator.wordsDrawn
    var values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      HugePages.advise(buffer)
      bitGenerator.fillDoubles(buffer)
      initialized = count
    }
    for i in values.indices { values[i] = low + range * values[i] }
    if observer != nil {
      report(
        "uniform", "uniform", [.init("low", low.description), .init("high", high.description)],
        shape: shape ?? [count], from: before, values: .float64(values))
    }
    return values
  }
}
