import RNGStreams

/// The element count every sampler takes (the caller's flattened shape). Internal.
enum ElementCount {
  /// NumPy's check on a shape with a negative dimension.
  @inline(__always)
  static func check(_ count: Int) throws {
    if count < 0 { throw FrameworkError("negative dimensions are not allowed", parameter: "size") }
  }
}
