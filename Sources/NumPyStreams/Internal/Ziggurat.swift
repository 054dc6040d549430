import Foundation

/// The 256-layer ziggurat behind `Generator.standard_normal`, with its tables
/// computed here from the construction rather than copied. Internal.
///
/// Construction (Marsaglia–Tsang, 256 layers of equal area `v` under
/// `f(x) = exp(-x²/2)`, tail cut at `r`): `x₀ = r`, then
/// `xᵢ = sqrt(-2·log(f(xᵢ₋₁) + v/xᵢ₋₁))` for i = 1…254, all in double
/// precision, and `x₂₅₅ = 0`; the tables index the layers in reverse
/// (`X[j] = x₂₅₅₋ⱼ`, so `X[0] = 0` and `X[255] = r`):
///
/// - `k[j] = round(X[j-1] / X[j] · 2^52)` (half to even), `k[0] = round(r·f(r)/v · 2^52)`;
/// - `w[j] = X[j] / 2^52`, `w[0] = v / f(r) / 2^52`;
/// - `f[j] = f(X[j])`;
/// - the float32 tables use 2^23 instead of 2^52 and round `w`, `f` to `Float`.
///
/// NumPy's tables were produced once, in 2019, by a script whose `exp`
/// returned 0.6773880362187735 for `exp(-0.38951100007894385)` (the argument
/// at `x₂₁₇ = 0.882622229585165`), one unit in the last place above the
/// correctly rounded 0.6773880362187734. That single value enters `x₂₁₈…x₂₅₄`
/// (table entries 1…37) and `f[38]`. ``referenceDensity(_:)`` reproduces it;
/// every other step uses the platform `exp`/`log`, which are correctly
/// rounded at all the arguments involved (glibc). Golden tests against NumPy
/// prove the resulting tables bit for bit.
struct Ziggurat: Sendable {
  /// Where the tail starts.
  static let r = 3.6541528853610087963519472518
  /// The area of each layer.
  static let v = 0.0049286732339746519

  let k: [UInt64]
  let w: [Double]
  let f: [Double]
  let kFloat: [UInt32]
  let wFloat: [Float]
  let fFloat: [Float]
  let inverseR = 1.0 / Ziggurat.r
  let rFloat = Float(Ziggurat.r)
  let inverseRFloat = Float(1.0 / Ziggurat.r)

  /// The tables, built once on first use.
  static let shared = Ziggurat()

  /// `exp(-x²/2)` as the table generator computed it (see the type's notes).
  static func referenceDensity(_ x: Double) -> Double {
    let argument = -0.5 * x * x
    let value = exp(argument)
    // The one argument where the generator's exp rounded up.
    if argument.bitPattern == (-0.38951100007894385).bitPattern { return value.nextUp }
    return value
  }

  init() {
    let n = 256
    var x = [Double](repeating: 0, count: n)
    x[0] = Self.r
    for i in 1..<(n - 1) {
      x[i] = (-2 * log(Self.referenceDensity(x[i - 1]) + Self.v / x[i - 1])).squareRoot()
    }
    let layers = Array(x.reversed())  // layers[0] = 0, layers[255] = r

    func ratios(scale: Double) -> [UInt64] {
      var table = [UInt64](repeating: 0, count: n)
      table[0] = UInt64((Self.r * Self.referenceDensity(Self.r) / Self.v * scale).rounded(.toNearestOrEven))
      for j in 1..<n {
        table[j] = UInt64((layers[j - 1] / layers[j] * scale).rounded(.toNearestOrEven))
      }
      return table
    }
    func widths(scale: Double) -> [Double] {
      var table = layers.map { $0 / scale }
      table[0] = Self.v / Self.referenceDensity(Self.r) / scale
      return table
    }
    let densities = layers.map(Self.referenceDensity)

    k = ratios(scale: 4_503_599_627_370_496.0)  // 2^52
    w = widths(scale: 4_503_599_627_370_496.0)
    f = densities
    kFloat = ratios(scale: 8_388_608.0).map { UInt32($0) }  // 2^23
    wFloat = widths(scale: 8_388_608.0).map { Float($0) }
    fFloat = densities.map { Float($0) }
  }
}

extension Ziggurat {
  /// `random_standard_normal`: one 64-bit draw per attempt (8 bits of layer,
  /// 1 sign bit, 52 bits of magnitude).
  @inline(__always)
  func normal<B: NumPyBitSource>(_ bits: inout B) -> Double {
    while true {
      var word = bits.nextUInt64()
      let layer = Int(word & 0xFF)
      word >>= 8
      let negative = word & 1 != 0
      let magnitude = (word >> 1) & 0x000F_FFFF_FFFF_FFFF
      var x = Double(magnitude) * w[layer]
      if negative { x = -x }
      if magnitude < k[layer] { return x }
      if layer == 0 {
        while true {
          let xx = -inverseR * log1p(-bits.nextDouble())
          let yy = -log1p(-bits.nextDouble())
          if yy + yy > xx * xx {
            return (magnitude >> 8) & 1 != 0 ? -(Self.r + xx) : Self.r + xx
          }
        }
      } else if (f[layer - 1] - f[layer]) * bits.nextDouble() + f[layer] < exp(-0.5 * x * x) {
        return x
      }
    }
  }

  /// `random_standard_normal_f`: one 32-bit draw per attempt (8 bits of
  /// layer, 1 sign bit, 23 bits of magnitude).
  @inline(__always)
  func normalFloat<B: NumPyBitSource>(_ bits: inout B) -> Float {
    while true {
      let word = bits.nextUInt32()
      let layer = Int(word & 0xFF)
      let negative = (word >> 8) & 1 != 0
      let magnitude = (word >> 9) & 0x007F_FFFF
      var x = Float(magnitude) * wFloat[layer]
      if negative { x = -x }
      if magnitude < kFloat[layer] { return x }
      if layer == 0 {
        while true {
          let xx = -inverseRFloat * log1p(-bits.nextFloat())
          let yy = -log1p(-bits.nextFloat())
          if yy + yy > xx * xx {
            return (magnitude >> 8) & 1 != 0 ? -(rFloat + xx) : rFloat + xx
          }
        }
      } else {
        // The wedge test compares in double: C promotes `-0.5 * x` to double.
        let wedge = (fFloat[layer - 1] - fFloat[layer]) * bits.nextFloat() + fFloat[layer]
        let xd = Double(x)
        if Double(wedge) < exp(-0.5 * xd * xd) { return x }
      }
    }
  }
}
