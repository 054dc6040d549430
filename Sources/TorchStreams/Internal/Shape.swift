#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RNGStreams

/// Tensor shape checks shared by every sampler.
enum Shape {
  /// The number of elements of `shape`, with PyTorch's errors for negative
  /// dimensions and for sizes that do not fit in memory.
  static func elementCount(_ shape: [Int]) throws -> Int {
    if let negative = shape.first(where: { $0 < 0 }) {
      throw FrameworkError(
        "Trying to create tensor with negative dimension \(negative): \(shape)", parameter: "size")
    }
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      if overflow { throw FrameworkError("The tensor size \(shape) has too many elements to allocate.", parameter: "size") }
      count = product
    }
    if count > maximumElements {
      throw FrameworkError(
        "A tensor of shape \(shape) has \(count) elements, more than the \(maximumElements) this emulator allocates.",
        parameter: "size")
    }
    return count
  }

  /// The largest tensor the emulator materialises (2^31 elements).
  static let maximumElements = 1 << 31

  /// Throws unless `dtype` is float32 or float64; `kernel` is the name PyTorch prints.
  static func requireFloatingPoint(_ dtype: TorchDType, kernel: String) throws {
    try requireFloatingPoint(dtype.elementType, kernel: kernel)
  }

  /// Throws unless `dtype` is float32 or float64; `kernel` is the name PyTorch prints.
  static func requireFloatingPoint(_ dtype: ElementType, kernel: String) throws {
    if dtype != .float32 && dtype != .float64 {
      let name = TorchDType(dtype)?.scalarTypeName ?? dtype.rawValue
      throw FrameworkError("\"\(kernel)\" not implemented for '\(name)': use dtype float32 or float64.", parameter: "dtype")
    }
  }
}

/// A double printed as C++'s `operator<<` prints it in PyTorch's error messages
/// (`%g`: six significant digits): `2`, `0.5`, `3e+38`.
func cppDescription(_ value: Double) -> String {
  var buffer = [CChar](repeating: 0, count: 64)
  _ = buffer.withUnsafeMutableBufferPointer { out in
    withVaList([value]) { vsnprintf(out.baseAddress, out.count, "%g", $0) }
  }
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
