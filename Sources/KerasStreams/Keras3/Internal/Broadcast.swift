// Internal: NumPy broadcasting of a small shape onto a larger one, as
// `jnp.broadcast_to` does for a dropout mask.

enum Broadcast {
  /// Maps a flat C-order index of `shape` to the flat index of `small`, or
  /// nil when `small` does not broadcast to `shape` (dimensions aligned from
  /// the right, each 1 or equal).
  static func index(from small: [Int], to shape: [Int]) -> ((Int) -> Int)? {
    if small == shape { return { $0 } }
    guard small.count <= shape.count,
      zip(small.reversed(), shape.reversed()).allSatisfy({ $0 == 1 || $0 == $1 })
    else { return nil }
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
