/// The float64 matrix product `np.dot(a, b)` as scikit-learn's data
/// generators meet it: NumPy hands it to OpenBLAS (`dgemm`), whose kernel
/// forms each output element as a forward chain of fused multiply-adds,
/// `s = a[i,0]·b[0,j]`, then `s = fma(a[i,t], b[t,j], s)` for `t = 1, 2, …`.
///
/// ```swift
/// SKLearnBLASProduct.product([1, 2, 3, 4], rows: 2, inner: 2, [1, 0, 0, 1], columns: 2)   // [1, 2, 3, 4]
/// ```
///
/// Measured on the reference machine (NumPy 2.4.6's wheel, OpenBLAS 0.3.31,
/// SkylakeX kernels on an AMD EPYC): bit for bit on every `dgemm` case tried
/// with an inner dimension up to 15, and for `ddot` (one row times one
/// column). Not bit for bit, off by an ulp or so: an inner dimension of 16
/// or more (OpenBLAS splits the sum there), a product with one output column
/// or one input row (NumPy calls `dgemv`, whose kernels sum in other orders).
/// The order is OpenBLAS's choice for the CPU it runs on, so another machine
/// may differ; docs/scripts.md says so.
enum SKLearnBLASProduct {
  /// `a` (`rows × inner`, row-major) times `b` (`inner × columns`, row-major), row-major.
  static func product(_ a: [Double], rows: Int, inner: Int, _ b: [Double], columns: Int) -> [Double] {
    var out = [Double](repeating: 0, count: rows * columns)
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
}
