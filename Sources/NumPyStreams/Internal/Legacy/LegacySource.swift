import Foundation
import RNGBits

/// The state a legacy sampler draws from, moved out of a ``RandomState``
/// for the length of one call: the MT19937 and the cached Gaussian. Bulk
/// loops run on this local value so the generator's state buffer stays
/// uniquely referenced and in registers. Internal.
///
/// ```swift
/// var rs = try RandomState(seed: 0)
/// let x = rs.withLegacySource { $0.legacyStandardGamma(2.5) }
/// ```
struct LegacySource {
  var mt: MT19937
  var hasGauss: Bool
  var gauss: Double

  init(_ state: RandomState) {
    mt = state.mt
    hasGauss = state.hasGauss
    gauss = state.gauss
  }

  /// `legacy_gauss`: the cached value if any, else a new polar pair
  /// (the same algorithm as ``RandomState``'s `standard_normal`).
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
      x1 = 2.0 * mt.nextDouble53() - 1.0
      x2 = 2.0 * mt.nextDouble53() - 1.0
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
  mutating func withLegacySource<R>(_ body: (inout LegacySource) throws -> R) rethrows -> R {
    var source = LegacySource(self)
    mt = Self.vacant
    defer {
      mt = source.mt
      hasGauss = source.hasGauss
      gauss = source.gauss
    }
    return try body(&source)
  }
}
