/// The order PyTorch's CPU `sum` adds one contiguous row along its last
/// dimension, which `Categorical` (normalising its probabilities) and the
/// Dirichlet sampler (normalising its gamma draws) depend on.
///
/// A row of at least one vector (`lanes` elements: 8 floats or 4 doubles on
/// the DEFAULT and AVX2 kernels, twice that on AVX512) is summed as whole
/// vectors, lane by lane — groups of four vectors into four accumulators,
/// leftover vectors into the first, then the other accumulators into the
/// first — while the tail past the last whole vector is summed on its own;
/// the lanes are then added to the tail's sum in order. A shorter row takes
/// the scalar form of the same loop (four accumulators of one element).
///
/// Edge case: rows longer than ``limit(lanes:)`` switch to a cascade of
/// partial sums that is not emulated; callers refuse them.
enum RowSum {
  /// The longest row summed in the emulated order: 64 vectors.
  static func limit(lanes: Int) -> Int { 64 * lanes }

  /// The sum of `x` in PyTorch's order for vectors of `lanes` elements.
  ///
  /// - Precondition: `x.count <= limit(lanes: lanes)`.
  static func sum<T: BinaryFloatingPoint>(_ x: [T], lanes: Int) -> T {
    precondition(x.count <= limit(lanes: lanes), "row of \(x.count) elements is past the emulated order")
    let width = x.count >= lanes ? lanes : 1
    let vectors = x.count / width
    let groups = vectors / 4
    var partial = [[T]](repeating: [T](repeating: 0, count: width), count: 4)
    for i in 0..<groups {
      for k in 0..<4 {
        for l in 0..<width { partial[k][l] += x[(i * 4 + k) * width + l] }
      }
    }
    for i in (groups * 4)..<vectors {
      for l in 0..<width { partial[0][l] += x[i * width + l] }
    }
    for k in 1..<4 {
      for l in 0..<width { partial[0][l] += partial[k][l] }
    }
    var total: T = 0
    for k in (vectors * width)..<x.count { total += x[k] }
    for l in 0..<width { total += partial[0][l] }
    return total
  }
}

extension TorchCPUKernel {
  /// Elements of one vector register for `T` (float or double) in this
  /// kernel's reductions.
  func lanes<T: BinaryFloatingPoint>(for _: T.Type) -> Int {
    let bytes = self == .avx512 ? 64 : 32
    return bytes / MemoryLayout<T>.size
  }
}
