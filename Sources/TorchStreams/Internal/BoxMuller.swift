/// The 16-element Box–Muller blocks of PyTorch's vectorised normal path
/// (`normal_fill_16`). Each block turns 16 uniforms in place into 16 normals:
/// pair `j` (j = 0…7) takes its radius from element `j` and its angle from
/// element `j + 8`, and writes `radius·cos` to `j` and `radius·sin` to `j + 8`.
enum BoxMuller {
  /// 2π rounded to float32, the AVX2 kernel's angle factor.
  static let twoPiFloat32 = Float(2 * Double.pi)
  /// 2π in double, the scalar blocks' angle factor (also for float32 data).
  static let twoPi = 2 * Double.pi

  /// float32 block of the AVX2 (and AVX512) kernel: polynomial log and sincos,
  /// then `fma(radius * cos, std, mean)`.
  static func avx2Block(_ data: UnsafeMutableBufferPointer<Float>, at offset: Int, mean: Float, std: Float) {
    for j in offset..<(offset + 8) {
      let u1 = 1 - data[j]
      let u2 = data[j + 8]
      let radius = (-2 * AVX2MathFloat32.log(u1)).squareRoot()
      let theta = twoPiFloat32 * u2
      let (sine, cosine) = AVX2MathFloat32.sinCos(theta)
      data[j] = mean.addingProduct(radius * cosine, std)
      data[j + 8] = mean.addingProduct(radius * sine, std)
    }
  }

  /// float32 block of the DEFAULT kernel: libm `logf`, `cosf`, `sinf`, with the
  /// angle computed in double and rounded to float.
  static func libmBlock(_ data: UnsafeMutableBufferPointer<Float>, at offset: Int, mean: Float, std: Float) {
    for j in offset..<(offset + 8) {
      let u1 = 1 - data[j]
      let u2 = data[j + 8]
      let radius = (-2 * Libm.logf(u1)).squareRoot()
      let theta = Float(twoPi * Double(u2))
      data[j] = mean.addingProduct(radius * Libm.cosf(theta), std)
      data[j + 8] = mean.addingProduct(radius * Libm.sinf(theta), std)
    }
  }

  /// float64 block (every kernel): libm `log`, `cos`, `sin`.
  static func libmBlock(_ data: UnsafeMutableBufferPointer<Double>, at offset: Int, mean: Double, std: Double) {
    for j in offset..<(offset + 8) {
      let u1 = 1 - data[j]
      let u2 = data[j + 8]
      let radius = (-2 * Libm.log(u1)).squareRoot()
      let theta = twoPi * u2
      data[j] = mean.addingProduct(radius * Libm.cos(theta), std)
      data[j + 8] = mean.addingProduct(radius * Libm.sin(theta), std)
    }
  }

  /// Runs `block` over `data` the way `normal_fill` does: every whole block of
  /// 16 in order; then, when `count % 16 != 0`, the last 16 elements are
  /// overwritten with fresh uniforms from `refill` and transformed once more.
  static func fill<Element>(
    _ data: UnsafeMutableBufferPointer<Element>,
    refill: () -> Element,
    block: (UnsafeMutableBufferPointer<Element>, Int) -> Void
  ) {
    let count = data.count
    precondition(count >= 16, "the vectorised normal path needs 16 or more elements")
    var offset = 0
    while offset + 16 <= count {
      block(data, offset)
      offset += 16
    }
    if count % 16 != 0 {
      for k in (count - 16)..<count { data[k] = refill() }
      block(data, count - 16)
    }
  }
}
