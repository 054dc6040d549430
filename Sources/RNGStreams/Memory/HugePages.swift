#if canImport(Glibc)
import Glibc
#endif

/// Large result arrays and the page faults of their first touch.
///
/// A sampler filling millions of values into a fresh array spends a large
/// share of its time in the kernel, faulting the array's pages in one 4 KiB
/// page at a time. NumPy asks for transparent huge pages on arrays of 4 MiB
/// or more (`madvise(MADV_HUGEPAGE)`); ``advise(_:)`` does the same
/// for a buffer about to be filled. It changes no value, only how the memory
/// is mapped, and does nothing where the call is unavailable.
public enum HugePages {
  /// Buffers smaller than this are left alone (NumPy's threshold).
  public static let threshold = 4 << 20

  /// Advises the kernel to back the 2 MiB-aligned part of `buffer` with huge
  /// pages. Call it before the first write.
  @inlinable
  public static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
    #if os(Linux)
    let bytes = buffer.count * MemoryLayout<T>.stride
    guard bytes >= threshold, let base = buffer.baseAddress else { return }
    let hugePage = 2 << 20
    let start = (UInt(bitPattern: base) + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
    let end = (UInt(bitPattern: base) + UInt(bytes)) & ~UInt(hugePage - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, Int(end - start), Int32(MADV_HUGEPAGE))
    #endif
  }
}
