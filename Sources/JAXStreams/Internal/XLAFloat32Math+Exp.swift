extension XLAFloat32Math {
  /// `exp` as XLA CPU computes it for float32 (internal): no libm call, but
  /// Cephes' range reduction and degree-6 polynomial, with the FMAs of the
  /// object code jaxlib 0.10.2 emits on x86-64 (read from the kernel
  /// `XLA_FLAGS=--xla_dump_to` writes for `jnp.exp`).
  ///
  /// `x` is clamped to [−87.8, 88.8] (NaN passes), `n = floor(fma(x, log₂e,
  /// ½))` clamped to [−127, 127], `r = x − n·ln2_hi − n·ln2_lo` (two FMAs),
  /// `p` the polynomial in Horner form (FMAs), `1 + fma(p, r², r)`, times
  /// 2ⁿ built from the exponent bits (2⁻¹²⁷ is built as 0). Subnormal
  /// results are flushed to zero, as XLA CPU runs with flush-to-zero.
  @inline(__always)
  static func exp(_ v: Float) -> Float {
    if v.isNaN { return v }
    let log2e = f(0x3FB8_AA3B), ln2High = f(0x3F31_8000), ln2Low = f(0xB95E_8083)
    let c = (f(0x3950_6967), f(0x3AB7_43CE), f(0x3C08_8908), f(0x3D2A_A9C1), f(0x3E2A_AAAA))
    let x = Swift.min(Swift.max(v, -87.8), 88.8)
    let n = Swift.min(Swift.max((0.5 as Float).addingProduct(x, log2e).rounded(.down), -127), 127)
    let r = x.addingProduct(-n, ln2High).addingProduct(-n, ln2Low)
    var p = c.1.addingProduct(c.0, r)
    p = c.2.addingProduct(p, r)
    p = c.3.addingProduct(p, r)
    p = c.4.addingProduct(p, r)
    p = (0.5 as Float).addingProduct(p, r)
    let s = r.addingProduct(p, r * r) + 1
    let scale = Float(bitPattern: UInt32(bitPattern: (Int32(n) + 127) << 23))
    return XLAFloatOps.flushed(s * scale)
  }
}
