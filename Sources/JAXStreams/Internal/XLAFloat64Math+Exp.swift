extension XLAFloat64Math {
  /// `exp` as XLA CPU computes it for float64 (internal): not the C
  /// library's, but XLA's own Padé-style approximation `1 + 2·p/(q − p)`
  /// (the one Eigen uses), with the FMAs of the object code jaxlib 0.10.2
  /// emits on x86-64 (read from the `XLA_FLAGS=--xla_dump_to` kernel of
  /// `jnp.exp` under x64).
  ///
  /// `x` is clamped to [−708.40, 709.78] (NaN passes), `n = floor(fma(x,
  /// log₂e, ½))`, `g = x − n·c₁ − n·c₂` (two FMAs), `p = g·(1 + g²·(P₁ +
  /// g²·P₀))`, `q = 2 + g²·(Q₂ + g²·(Q₁ + g²·Q₀))` (FMAs), `fma(p/(q − p), 2,
  /// 1)`, then scaled by 2ⁿ in four factors `2ᵇ·2ᵇ·2ᵇ·2ⁿ⁻³ᵇ` (`b = n >> 2`,
  /// `n` clamped to ±2099) so no factor overflows. Below −708.40 the result
  /// is 0, above 709.78 +∞; subnormal results are flushed to zero.
  @inline(__always)
  static func exp(_ v: Double) -> Double {
    if v.isNaN { return v }
    let high = d(0x4086_2E42_FEFA_39EF), low = d(0xC086_232B_DD7A_BCD2)
    if v < low { return 0 }
    if v > high { return .infinity }
    let log2e = d(0x3FF7_1547_652B_82FE), c1 = d(0x3FE6_2E40_0000_0000), c2 = d(0x3EB7_F7D1_CF79_ABCA)
    let p0 = d(0x3F20_89CD_D5E4_4BE8), p1 = d(0x3F9F_06D1_0CCA_2C7E)
    let q0 = d(0x3EC9_2EB6_BC36_5FA0), q1 = d(0x3F64_AE39_B508_B6C0), q2 = d(0x3FCD_1709_9887_E074)
    let x = Swift.max(Swift.min(v, high), low)
    let n = (0.5 as Double).addingProduct(x, log2e).rounded(.down)
    let g = x.addingProduct(-n, c1).addingProduct(-n, c2)
    let g2 = g * g
    let p = (1 as Double).addingProduct(p1.addingProduct(g2, p0), g2) * g
    let q = (2 as Double).addingProduct(q2.addingProduct(q1.addingProduct(g2, q0), g2), g2)
    let s = (1 as Double).addingProduct(p / (q - p), 2)
    let k = Int64(Swift.min(Swift.max(Int32(n), -2099), 2099))
    let b = k >> 2
    let scale = Double(bitPattern: UInt64(bitPattern: (b << 52) &+ 0x3FF0_0000_0000_0000))
    let rest = Double(bitPattern: UInt64(bitPattern: ((k - 3 * b) << 52) &+ 0x3FF0_0000_0000_0000))
    return XLAFloatOps.flushed(((s * scale) * scale) * scale * rest)
  }
}
