/// Why a trace could not be read, in one sentence a person can act on.
///
/// ``description`` is the message the command line prints: for problems at
/// a place in the file it starts with `file:line:col:` (line and column are
/// 1-based; the column counts bytes).
///
/// ```swift
/// do { _ = try TraceReader(path: "a.trace") }
/// catch let error as TraceError {
///   print(error)   // a.trace:3:17: expected ',' or '}' after a value
///   exit(error.exitStatus)   // 2, as diff(1) uses for trouble
/// }
/// ```
public struct TraceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What kind of trouble it is.
  public enum Kind: String, Sendable, Hashable {
    /// The file does not exist.
    case missingFile
    /// The path names a directory.
    case directory
    /// The file exists but cannot be read (permissions, I/O error).
    case unreadable
    /// The file has no bytes.
    case empty
    /// The file is not text.
    case binary
    /// A line is not valid JSON or lacks a required field.
    case malformed
    /// The header names a format version this library cannot read.
    case unsupportedVersion
    /// The first line is not an rngdiff trace header.
    case notATrace
    /// A line is longer than the reader's limit.
    case lineTooLong
    /// A trace could not be written (disk full, closed pipe, permissions).
    case unwritable
  }

  /// What kind of trouble.
  public var kind: Kind
  /// The file as the user named it (`"-"` for standard input).
  public var file: String
  /// 1-based line, when the problem is at a place in the file.
  public var line: Int?
  /// 1-based byte column, when known.
  public var column: Int?
  /// The sentence, without the location prefix.
  public var message: String

  /// An error about `file` (at `line` and `column` when given) with a one-sentence `message`.
  public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:col: message`, or the message alone when it names the file itself.
  public var description: String {
    guard let line else { return message }
    if let column { return "\(file):\(line):\(column): \(message)" }
    return "\(file):\(line): \(message)"
  }

  /// The exit status for trouble, as diff(1) uses: 2.
  public var exitStatus: Int32 { 2 }
}
