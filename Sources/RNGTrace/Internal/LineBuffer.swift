#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte source into lines with bounded memory: one buffer that
/// holds at least a chunk and at most the longest line (up to a limit).
/// A line's bytes stay valid until the next call; the byte after each line
/// is overwritten with 0 (a sentinel the number parser relies on).
final class LineBuffer {
  private var source: any TraceByteSource
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private let chunk: Int
  private let maxLine: Int
  private var start = 0
  private var end = 0
  private var searchFrom = 0
  private(set) var atEnd = false
  /// Total bytes read from the source so far.
  private(set) var bytesRead: Int = 0

  init(source: any TraceByteSource, chunk: Int, maxLine: Int) {
    self.source = source
    self.chunk = chunk
    self.maxLine = max(maxLine, 16)
    self.capacity = chunk
    self.storage = .allocate(capacity: chunk + 1)
  }

  deinit { storage.deallocate() }

  enum Failure: Error {
    case tooLong
    case io(String)
  }

  /// The first bytes of the input without consuming them (for sniffing).
  func peekStart() throws(Failure) -> UnsafeBufferPointer<UInt8> {
    if end == start && !atEnd { try fill() }
    return UnsafeBufferPointer(start: storage + start, count: end - start)
  }

  /// The next line without its newline (and without a trailing `\r`), and
  /// whether a newline ended it. Nil at the end of the input.
  func nextLine() throws(Failure) -> (base: UnsafePointer<UInt8>, count: Int, terminated: Bool)? {
    while true {
      if searchFrom < end,
        let hit = memchr(storage + searchFrom, 0x0A, end - searchFrom)
      {
        let newline = hit.assumingMemoryBound(to: UInt8.self) - storage
        let lineStart = start
        var lineEnd = newline
        if lineEnd > lineStart && storage[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        storage[lineEnd] = 0
        start = newline + 1
        searchFrom = start
        return (UnsafePointer(storage + lineStart), lineEnd - lineStart, true)
      }
      searchFrom = end
      if atEnd {
        guard start < end else { return nil }
        let lineStart = start
        var lineEnd = end
        if lineEnd > lineStart && storage[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        storage[lineEnd] = 0  // capacity + 1 bytes are allocated, so this is in bounds
        start = end
        return (UnsafePointer(storage + lineStart), lineEnd - lineStart, false)
      }
      try fill()
    }
  }

  private func fill() throws(Failure) {
    // Move the partial line to the front.
    if start > 0 {
      let pending = end - start
      if pending > 0 { memmove(storage, storage + start, pending) }
      searchFrom -= start
      end = pending
      start = 0
    }
    if end == capacity {
      guard capacity < maxLine else { throw .tooLong }
      let grown = min(capacity * 2, maxLine)
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown + 1)
      bigger.update(from: storage, count: end)
      storage.deallocate()
      storage = bigger
      capacity = grown
    }
    let n: Int
    do {
      n = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + end, count: min(capacity - end, max(chunk, capacity - end))))
    } catch let error as POSIXReadError {
      throw .io(error.reason)
    } catch {
      throw .io(String(describing: error))
    }
    if n == 0 { atEnd = true } else { end += n; bytesRead += n }
  }
}
