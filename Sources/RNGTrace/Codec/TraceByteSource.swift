#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader gets a trace's bytes from, when it is not a file path or
/// an in-memory array: a pipe, a socket, a decompressor.
///
/// ```swift
/// struct Chunks: TraceByteSource {
///   var pieces: [[UInt8]]
///   mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
///     guard !pieces.isEmpty else { return 0 }
///     let piece = pieces.removeFirst()
///     let n = min(piece.count, buffer.count)
///     buffer.copyMemory(from: UnsafeRawBufferPointer(start: piece, count: n))
///     if n < piece.count { pieces.insert(Array(piece[n...]), at: 0) }
///     return n
///   }
/// }
/// let reader = try TraceReader(source: Chunks(pieces: parts), name: "stream")
/// ```
public protocol TraceByteSource {
  /// Fills the start of `buffer` with the next bytes and returns how many;
  /// 0 means the end of the input.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An open file descriptor as a byte source. Used for files the reader
/// opens and for standard input (descriptor 0).
struct FileDescriptorSource: TraceByteSource {
  let fd: Int32

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw POSIXReadError(code: errno)
    }
  }
}

struct POSIXReadError: Error {
  var code: Int32
  var reason: String { String(cString: strerror(code)) }
}

/// An in-memory byte array as a source.
struct MemorySource: TraceByteSource {
  let bytes: [UInt8]
  var offset = 0

  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let n = min(buffer.count, bytes.count - offset)
    if n > 0 {
      bytes.withUnsafeBytes { src in
        buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
      }
      offset += n
    }
    return n
  }
}
