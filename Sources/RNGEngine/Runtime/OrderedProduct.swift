import CTrainingKernels

/// Float32 matrix products for training, each element summed over its axis
/// in increasing index order from +0, one rounding per multiply and per add:
/// the order a plain triple loop has, computed by the vectorised kernels of
/// `CTrainingKernels` (AVX2 where the processor has it), so every bit is the
/// loop's. Row-major operands.
///
/// ```swift
/// OrderedProduct.product([1, 2, 3, 4], [1, 0, 0, 1], m: 2, k: 2, n: 2)        // [1, 2, 3, 4]
/// OrderedProduct.transposedProduct([1, 2, 3, 4], [1, 1], rows: 2, m: 2, n: 1)  // [4, 6]
/// ```
///
/// Edge cases: an empty summed axis gives zeros; an empty result is `[]`.
/// The counts must match the dimensions (a precondition).
enum OrderedProduct {
  /// `a · b` for `a` (m×k) and `b` (k×n).
  static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    precondition(a.count == m * k && b.count == k * n, "a product of \(m)×\(k) and \(k)×\(n) needs \(m * k) and \(k * n) values")
    return result(m * n) { c in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in rngdiff_product_f32(a.baseAddress, b.baseAddress, c, m, k, n) }
      }
    }
  }

  /// `aᵀ · b` for `a` (rows×m) and `b` (rows×n): summed over the rows (a kernel's gradient).
  static func transposedProduct(_ a: [Float], _ b: [Float], rows: Int, m: Int, n: Int) -> [Float] {
    precondition(a.count == rows * m && b.count == rows * n, "aᵀ·b of \(rows)×\(m) and \(rows)×\(n) needs \(rows * m) and \(rows * n) values")
    return result(m * n) { c in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in rngdiff_transposed_product_f32(a.baseAddress, b.baseAddress, c, rows, m, n) }
      }
    }
  }

  /// `a · bᵀ` for `a` (m×k) and `b` (n×k): summed over k (a layer's output from a weight stored by rows).
  static func productTransposed(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    product(a, transposed(b, rows: n, columns: k), m: m, k: k, n: n)
  }

  /// The transpose of a rows×columns matrix.
  static func transposed(_ x: [Float], rows: Int, columns: Int) -> [Float] {
    result(rows * columns) { t in
      x.withUnsafeBufferPointer { x in
        for i in 0..<rows {
          for j in 0..<columns { t[j * rows + i] = x[i * columns + j] }
        }
      }
    }
  }

  private static func result(_ count: Int, _ fill: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let base = buffer.baseAddress { fill(base) }
      initialized = count
    }
  }
}
