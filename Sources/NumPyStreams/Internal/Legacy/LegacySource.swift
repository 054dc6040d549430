import Foundation
import RNGBits

/// The state a legacy sampler draws from, moved out of a ``RandomState``
/// for the length of one call: the bit generator and the cached Gaussian.
/// Bulk loops run on this local value so the generator's state stays in
/// registers. Internal.
///
/// ```swift
/// var rs = try RandomState(seed: 0)
/// let x = rs.withLegacySource { $0.legacyStandardGamma(2.5) }
/// ```
struct LegacySource<Bits: NumPyBitSource> {
  var bits: Bits
  var hasGauss: Bool
  var gauss: Double

  init(_ state: RandomState<Bits>) {
    bits = state.bitGenerator
    hasGauss = state.hasGauss
    gauss = state.gauss
  }

  /// `legacy_gauss`: the cached value if any, else a new polar pair
  /// (`legacy_double` is the bit generator's `next_double`).
  @inline(__always)
  mutating func nextGauss() -> Double {
    if hasGauss {
      hasGauss = false
      let cached = gauss
      gauss = 0
      return cached
    }
    var x1: Double
    var x2: Double
    var r2: Double
    repeat {
      x1 = 2.0 * bits.nextDouble() - 1.0
      x2 = 2.0 * bits.nextDouble() - 1.0
      r2 = x1 * x1 + x2 * x2
    } while r2 >= 1.0 || r2 == 0.0
    let f = (-2.0 * log(r2) / r2).squareRoot()
    gauss = f * x1
    hasGauss = true
    return f * x2
  }
}

extension RandomState {
  /// Runs `body` on this state's ``LegacySource`` and takes the result back.
  @inline(__always)
  mutating func withLegacySource<R>(_ body: (inout LegacySource<Bits>) throws -> R) rethrows -> R {
    var source = LegacySource(self)
    defer {
      bitGenerator = source.bits
      hasGauss = source.hasGauss
      gauss = source.gauss
    }
    return try body(&source)
  }
}
