import Foundation
import RNGBits
import RNGStreams

extension PythonRandom {
  /// `uniform(a, b)`: `a + (b - a) * random()`.
  ///
  /// Python computes `b - a` first in the arguments' own type: for two ints
  /// beyond 2^53 the exact difference can differ from the `Double` one here.
  public mutating func uniform(_ a: Double, _ b: Double) -> Double {
    let before = mt.wordsDrawn
    let value = a + (b - a) * mt.nextDouble53()
    if observer != nil {
      report("uniform", "uniform", [.init("a", a.description), .init("b", b.description)], from: before,
             values: .float64([value]))
    }
    return value
  }

  /// `gauss(mu=0.0, sigma=1.0)`: Box–Muller in trigonometric form with a
  /// one-value cache (`gauss_next`).
  ///
  /// Without a cached value it draws `x2pi = random() * 2π` and
  /// `g2rad = sqrt(-2 * log(1 - random()))`, returns `mu + cos(x2pi) * g2rad * sigma`
  /// and caches `sin(x2pi) * g2rad` for the next call (which draws nothing).
  /// `seed()` clears the cache.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 42)
  /// r.gauss()   // -0.14409032957792836
  /// r.gauss()   // -0.1729036003315193 (from the cache)
  /// ```
  public mutating func gauss(mu: Double = 0.0, sigma: Double = 1.0) -> Double {
    let before = mt.wordsDrawn
    var z: Double
    if let cached = gaussNext {
      z = cached
      gaussNext = nil
    } else {
      let x2pi = mt.nextDouble53() * (2.0 * Double.pi)
      let g2rad = (-2.0 * log(1.0 - mt.nextDouble53())).squareRoot()
      z = cos(x2pi) * g2rad
      gaussNext = sin(x2pi) * g2rad
    }
    let value = mu + z * sigma
    if observer != nil {
      report("gauss", "gauss", [.init("mu", mu.description), .init("sigma", sigma.description)], from: before,
             values: .float64([value]))
    }
    return value
  }

  /// `NV_MAGICCONST = 4 * exp(-0.5) / sqrt(2.0)`.
  static let normalMagic = 4 * exp(-0.5) / 2.0.squareRoot()

  /// `normalvariate(mu=0.0, sigma=1.0)`: Kinderman–Monahan ratio of
  /// uniforms, no cache; each attempt draws two `random()` values.
  public mutating func normalvariate(mu: Double = 0.0, sigma: Double = 1.0) -> Double {
    let before = mt.wordsDrawn
    let value = normalDraw(mu: mu, sigma: sigma)
    if observer != nil {
      report("normalvariate", "normal", [.init("mu", mu.description), .init("sigma", sigma.description)],
             from: before, values: .float64([value]))
    }
    return value
  }

  /// `normalvariate` without a report (also behind `lognormvariate`).
  mutating func normalDraw(mu: Double, sigma: Double) -> Double {
    var z: Double
    while true {
      let u1 = mt.nextDouble53()
      let u2 = 1.0 - mt.nextDouble53()
      z = Self.normalMagic * (u1 - 0.5) / u2
      let zz = z * z / 4.0
      if zz <= -log(u2) { break }
    }
    return mu + z * sigma
  }

  /// `getstate()`: the 624 words, the position and `gauss_next`.
  public func getState() -> (key: [UInt32], position: Int, gaussNext: Double?) {
    (mt.state, mt.position, gaussNext)
  }

  /// `setstate(state)`: installs words, position and `gauss_next`; the stream
  /// gets a new identity (`setstate`) and its counter restarts at 0.
  ///
  /// - Throws: ``FrameworkError`` unless there are 624 words and the
  ///   position is in `0...624` (CPython: "invalid state").
  public mutating func setState(key: [UInt32], position: Int, gaussNext: Double?) throws {
    guard key.count == 624, (0...624).contains(position) else {
      throw FrameworkError("invalid state", parameter: "state")
    }
    mt = MT19937(state: key, position: position)
    self.gaussNext = gaussNext
    identity.seedMaterial = "setstate(pos=\(position))"
    identity.seeding = .explicit(call: identity.name == "global" ? "random.setstate(...)" : "Random.setstate(...)")
    reportSeeding()
  }
}
