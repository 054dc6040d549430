/// One lexical token of Python source.
public struct Token: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case name(String)
    case keyword(Keyword)
    case integer(PythonInt)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    /// An f-string, split into literal text and replacement fields whose
    /// expressions the parser reads from their own source text.
    case formatted([FormattedToken])
    /// An operator or delimiter, spelled as in the source (`"**"`, `"("`, `"->"`).
    case symbol(String)
    case newline
    case indent
    case dedent
    case end
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// How the token reads in an error message (`'('`, `name 'x'`, `end of input`).
  public var spelling: String {
    switch kind {
    case .name(let n): return "name '\(n)'"
    case .keyword(let k): return "'\(k.rawValue)'"
    case .integer(let i): return "number \(i)"
    case .float(let d): return "number \(d)"
    case .string: return "a string"
    case .bytes: return "a bytes literal"
    case .formatted: return "an f-string"
    case .symbol(let s): return "'\(s)'"
    case .newline: return "end of line"
    case .indent: return "an indented block"
    case .dedent: return "the end of a block"
    case .end: return "end of input"
    }
  }
}

/// Python's reserved words.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
  case `false` = "False", none = "None", `true` = "True"
  case and, `as`, assert, async, await, `break`, `class`, `continue`, def, del, elif, `else`, except
  case finally, `for`, from, global, `if`, `import`, `in`, `is`, lambda, nonlocal, not, or, pass
  case raise, `return`, `try`, `while`, with, yield
}

/// A piece of an f-string token: literal text, or a replacement field with
/// the source text of its expression and where that text starts.
public indirect enum FormattedToken: Sendable, Hashable {
  case literal(String)
  case field(expression: String, at: SourceLocation, conversion: Character?, spec: [FormattedToken]?, debug: Bool)
}
