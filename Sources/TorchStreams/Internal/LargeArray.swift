import RNGStreams

/// `count` values from `element`, called in index order, written straight
/// into a fresh array (huge pages advised for large ones, see
/// ``RNGStreams/HugePages``): the kernels' output buffers.
@inline(__always)
func filledArray<T>(count: Int, _ element: () -> T) -> [T] {
  [T](unsafeUninitializedCapacity: count) { out, initialized in
    HugePages.advise(out)
    for i in 0..<count { (out.baseAddress! + i).initialize(to: element()) }
    initialized = count
  }
}
