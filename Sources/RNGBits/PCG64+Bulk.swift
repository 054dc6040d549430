extension PCG64 {
  /// Fills `buffer` with the next `buffer.count` 64-bit outputs, in stream
  /// order: NumPy's `PCG64.random_raw(n)`.
  ///
  /// Equivalent to calling ``next64()`` for each element (the kept 32-bit
  /// half is neither used nor cleared), but the 128-bit state stays in
  /// registers for the whole loop.
  ///
  /// ```swift
  /// var pcg = PCG64(seedSequence: SeedSequence(entropy: [0]))
  /// var words = [UInt64](repeating: 0, count: 2)
  /// words.withUnsafeMutableBufferPointer { pcg.fill($0) }
  /// // [0xa30febcfd9c2825f, 0x4510bdf882d9d721]
  /// ```
  @inlinable
  public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
    guard let out = buffer.baseAddress else { return }
    var high = stateHigh
    var low = stateLow
    let incHigh = incrementHigh
    let incLow = incrementLow
    for k in 0..<buffer.count {
      let (productHigh, productLow) = low.multipliedFullWidth(by: Self.multiplierLow)
      let nextHigh = productHigh &+ low &* Self.multiplierHigh &+ high &* Self.multiplierLow
      let (sum, carry) = productLow.addingReportingOverflow(incLow)
      low = sum
      high = nextHigh &+ incHigh &+ (carry ? 1 : 0)
      out[k] = Self.rotateRight(high ^ low, by: high >> 58)
    }
    stateHigh = high
    stateLow = low
    drawn &+= UInt64(buffer.count)
  }
}
