/// How XLA CPU sums a float64 row, `jnp.sum(x, axis=-1)` (internal).
///
/// Up to 32 elements the reduction is one left-to-right loop from `0`.
/// Longer rows are rewritten (XLA's tree reduction rewriter) into a
/// `reduce-window` of size and stride 32 over the row padded with zeros
/// to a multiple of 32 — `⌊pad/2⌋` zeros before, the rest after — whose
/// window sums are then reduced the same way. Measured against jaxlib
/// 0.10.2 (softmax rows of 1 … 1 100 elements); beyond 1 024 elements XLA
/// also changes how it reduces (neither a third window stage nor a plain
/// loop, measured at 3 000 and 40 000), so callers stop at 1 024.
enum XLARowSum {
  /// The longest row whose sum is reproduced.
  static let maximumLength = 1024

  static func sum(_ row: ArraySlice<Double>) -> Double {
    guard row.count > 32 else { return row.reduce(0, +) }
    let padded = (row.count + 31) / 32 * 32
    let low = (padded - row.count) / 2
    var windows: [Double] = []
    windows.reserveCapacity(padded / 32)
    var start = 0
    while start < padded {
      // Zeros add nothing to a sum that starts at 0, so only the row's own elements count.
      let first = Swift.max(start - low, 0), last = Swift.min(start + 32 - low, row.count)
      let window = first < last ? row[(row.startIndex + first)..<(row.startIndex + last)] : []
      windows.append(window.reduce(0, +))
      start += 32
    }
    return sum(windows[...])
  }
}
