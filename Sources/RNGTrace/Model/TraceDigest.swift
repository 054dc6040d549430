import RNGDigest
import RNGStreams

/// The digest of a draw's or a tensor's values, defined so any producer can
/// compute it (docs/trace-format.md, "Digests", has a Python snippet).
///
/// Definition: SHA-256 over the values' bytes, flattened in C order, each
/// element little-endian in the stated dtype (`bool` as one byte, 0 or 1);
/// the digest is the first 16 lowercase hex digits (64 bits). Two digests
/// match when they agree on their common length, so a producer may write up
/// to all 64 digits.
///
/// ```swift
/// TraceDigest.hex(of: .float64([0.5, 1.0]))     // 16 hex digits
/// TraceDigest.matches("ab12cd34ef56ab78", "ab12cd34ef56ab78ffff")   // true
/// ```
///
/// Edge cases: an empty array hashes the empty string
/// (`e3b0c44298fc1c14`); dtype and shape are not part of the digest (the
/// differ compares them separately).
public enum TraceDigest {
  /// The number of hex digits rngdiff writes.
  public static let length = 16

  /// The digest of `values`.
  public static func hex(of values: DrawnValues) -> String {
    hex(ofLittleEndianBytes: values.littleEndianBytes)
  }

  /// The digest of already little-endian, C-ordered bytes.
  public static func hex(ofLittleEndianBytes bytes: [UInt8]) -> String {
    var hasher = SHA256()
    bytes.withUnsafeBytes { hasher.update(raw: $0) }
    return String(hexString(hasher.finalize()).prefix(length))
  }

  /// Whether two digests agree on their common length.
  ///
  /// Digests shorter than 16 digits only match when identical.
  public static func matches(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    let common = min(a.utf8.count, b.utf8.count)
    guard common >= length else { return false }
    return a.utf8.prefix(common).elementsEqual(b.utf8.prefix(common))
  }

  /// Whether `text` is a well-formed digest: 16 to 64 lowercase hex digits.
  public static func isWellFormed(_ text: String) -> Bool {
    let n = text.utf8.count
    return n >= length && n <= 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
  }
}
