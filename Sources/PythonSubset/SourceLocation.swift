/// A position in a source text: 1-based line and column (columns count
/// Unicode scalars, as editors and Python's own error messages do).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }
}

/// A half-open span of source text.
public struct SourceRange: Sendable, Hashable {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(_ start: SourceLocation, _ end: SourceLocation) {
    self.start = start
    self.end = end
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }
}

/// Source text with a name for messages (`"<call>"`, `"report.py"`).
///
/// ```swift
/// let source = SourceText(name: "report.py", text: "x = 1\n")
/// source.excerpt(SourceRange(.init(line: 1, column: 5), .init(line: 1, column: 6)))  // "1"
/// ```
public struct SourceText: Sendable, Hashable {
  public var name: String
  public var text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }

  /// The text covered by `range` (empty when the range is outside the text).
  public func excerpt(_ range: SourceRange) -> String {
    var out = ""
    var line = 1
    var column = 1
    for scalar in text.unicodeScalars {
      let here = SourceLocation(line: line, column: column)
      if here >= range.start && here < range.end { out.unicodeScalars.append(scalar) }
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return out
  }
}

/// A problem in the user's text: one sentence and where it is.
///
/// `description` renders as `name:line:col: message`, the form every
/// rngdiff error about user input takes.
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation
  public var sourceName: String

  public init(_ message: String, at location: SourceLocation, in sourceName: String) {
    self.message = message
    self.location = location
    self.sourceName = sourceName
  }

  public var description: String { "\(sourceName):\(location): \(message)" }
}
