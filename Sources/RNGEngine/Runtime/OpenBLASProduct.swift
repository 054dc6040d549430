/// The matrix product `np.dot(a, b)` (NumPy's `@`, and scikit-learn's data
/// generators and estimators through it), in the order OpenBLAS sums it on the reference
/// machine (NumPy 2.4.6's wheel, OpenBLAS 0.3.31, SkylakeX kernels on an AMD
/// EPYC), measured element by element against NumPy:
///
/// - `dgemm` (at least two rows and two columns each side) and `ddot` (one
///   row times one column): each output element is a forward chain of fused
///   multiply-adds, `s = a₀b₀`, then `s = fma(aₜ, bₜ, s)`. Bit for bit on
///   every case tried with an inner dimension up to 15; from 16 on OpenBLAS
///   splits the sum and the chain is off by an ulp or so.
/// - `dgemv` over a column (`b` of one column, `a` of several rows: NumPy
///   calls `dgemv_t`), ``columnProduct(_:row:rows:)``: bit for bit on every
///   case tried (inner dimension 2 to 20).
/// - one row times a matrix (`dgemv_n`): the forward chain, not measured
///   equal (an ulp or so).
///
/// ```swift
/// OpenBLASProduct.product([1, 2, 3, 4], rows: 2, inner: 2, [1, 0, 0, 1], columns: 2)   // [1, 2, 3, 4]
/// ```
///
/// OpenBLAS picks its kernels by CPU, so another machine may sum otherwise;
/// docs/scripts.md says so.
enum OpenBLASProduct {
  /// `a` (`rows × inner`, row-major) times `b` (`inner × columns`, row-major), row-major.
  static func product(_ a: [Double], rows: Int, inner: Int, _ b: [Double], columns: Int) -> [Double] {
    if columns == 1 && rows > 1 && inner > 1 {
      return (0..<rows).map { i in columnProduct(Array(zip(a[(i * inner)..<((i + 1) * inner)], b)), row: i, rows: rows) }
    }
    return chain(a, rows: rows, inner: inner, b, columns: columns)
  }

  /// Each element of `a` (`rows × inner`) times `b` (`inner × columns`) as a
  /// forward chain of fused multiply-adds, `s = a₀b₀`, then `s = fma(aₜ, bₜ, s)`
  /// (`dgemm`, `sgemm` and `ddot` for the shapes measured); zeros when `inner` is 0.
  static func chain<T: BinaryFloatingPoint>(_ a: [T], rows: Int, inner: Int, _ b: [T], columns: Int) -> [T] {
    var out = [T](repeating: 0, count: rows * columns)
    guard inner > 0 else { return out }
    for i in 0..<rows {
      for j in 0..<columns {
        var s = a[i * inner] * b[j]
        for t in 1..<inner { s = s.addingProduct(a[i * inner + t], b[t * columns + j]) }
        out[i * columns + j] = s
      }
    }
    return out
  }

  /// One element of `dgemv_t` (`a` times one column, `rows` outputs), from
  /// its `(a, b)` pairs: the inner dimension in blocks of four, summed by the
  /// kernel that output `row` falls to (outputs in fours: four lanes of fused
  /// multiply-adds, `(l₀ + l₂) + (l₁ + l₃)`; then a pair: even and odd terms
  /// summed plainly, then added; then one: lanes `k mod 4` summed plainly,
  /// `(l₀ + l₂) + (l₁ + l₃)`), then the last one to three terms as the C tail
  /// contracts them: `fma(a, b, y)`; `y + fma(a₀, b₀, a₁b₁)`;
  /// `y + fma(a₂, b₂, fma(a₀, b₀, a₁b₁))`.
  static func columnProduct(_ pairs: [(Double, Double)], row: Int, rows: Int) -> Double {
    let blocked = pairs.count / 4 * 4
    var y = 0.0
    if blocked > 0 {
      let body = pairs[0..<blocked]
      var lanes = [Double](repeating: 0, count: 4)
      if row < 4 * (rows >> 2) {
        for (k, (a, b)) in body.enumerated() { lanes[k % 4] = lanes[k % 4].addingProduct(a, b) }
        y = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3])
      } else if rows & 2 != 0 && row < 4 * (rows >> 2) + 2 {
        for (k, (a, b)) in body.enumerated() { lanes[k % 2] += a * b }
        y = lanes[0] + lanes[1]
      } else {
        for (k, (a, b)) in body.enumerated() { lanes[k % 4] += a * b }
        y = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3])
      }
    }
    let tail = Array(pairs[blocked...])
    switch tail.count {
    case 1: y = y.addingProduct(tail[0].0, tail[0].1)
    case 2: y += (tail[1].0 * tail[1].1).addingProduct(tail[0].0, tail[0].1)
    case 3: y += (tail[1].0 * tail[1].1).addingProduct(tail[0].0, tail[0].1).addingProduct(tail[2].0, tail[2].1)
    default: break
    }
    return y
  }
}
