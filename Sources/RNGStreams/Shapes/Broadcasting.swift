/// NumPy broadcasting of a small shape onto a larger one, as frameworks
/// apply a dropout mask drawn with a `noise_shape`.
///
/// ```swift
/// let map = Broadcasting.index(from: [1, 3], to: [2, 3])!
/// (0..<6).map(map)   // [0, 1, 2, 0, 1, 2]
/// ```
///
/// Dimensions are aligned from the right; each dimension of the small
/// shape must be 1 or equal to the large one's. A small shape with fewer
/// dimensions is padded with 1s on the left; an empty small shape (a
/// scalar) broadcasts to anything.
public enum Broadcasting {
  /// Whether `small` broadcasts to `shape`.
  public static func fits(_ small: [Int], to shape: [Int]) -> Bool {
    small.count <= shape.count && zip(small.reversed(), shape.reversed()).allSatisfy { $0 == 1 || $0 == $1 }
  }

  /// Maps a flat C-order index of `shape` to the flat C-order index of
  /// `small`, or nil when `small` does not broadcast to `shape`.
  public static func index(from small: [Int], to shape: [Int]) -> ((Int) -> Int)? {
    if small == shape { return { $0 } }
    guard fits(small, to: shape) else { return nil }
    let padded = Array(repeating: 1, count: shape.count - small.count) + small
    var strides = Array(repeating: 0, count: shape.count)
    var step = 1
    for axis in (0..<shape.count).reversed() {
      strides[axis] = padded[axis] == 1 ? 0 : step
      step *= padded[axis]
    }
    return { flat in
      var rest = flat
      var index = 0
      for axis in (0..<shape.count).reversed() {
        let d = shape[axis]
        index += (rest % d) * strides[axis]
        rest /= d
      }
      return index
    }
  }
}
