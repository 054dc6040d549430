/// Splits Python source into tokens, with Python's rules for indentation,
/// implicit line joining inside brackets, and `;`.
///
/// ```swift
/// let tokens = try Lexer.tokenize(SourceText(name: "<call>", text: "randint(0, 2**40, 4)"))
/// // name 'randint', '(', 0, ',', 2, '**', 40, ',', 4, ')', newline, end
/// ```
///
/// Edge cases:
/// - Blank and comment-only lines produce no tokens.
/// - Inside `()`, `[]` and `{}` newlines and indentation are ignored.
/// - A dedent to a level that was never opened is an error, as in Python.
/// - f-strings become one `.formatted` token; their expressions are parsed
///   later from their own text, with their own positions.
/// - Complex literals are rejected with a clear message.
/// - More than ``maximumBracketDepth`` open brackets, or more than
///   ``maximumIndentationDepth`` indentation levels, stop with CPython's
///   message instead of exhausting the stack.
public struct Lexer {
  private let source: SourceText
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1
  private var tokens: [Token] = []
  private var indentStack: [Int] = [0]
  private var bracketDepth = 0
  private var atLineStart = true

  /// How many brackets may be open at once (CPython's tokenizer stops at 200).
  public static let maximumBracketDepth = 200
  /// How many indentation levels a block may nest (CPython stops at 100).
  public static let maximumIndentationDepth = 100

  /// Tokenizes `source`, ending with a newline (if any tokens), the dedents
  /// that close open blocks, and `.end`.
  public static func tokenize(_ source: SourceText) throws(SourceError) -> [Token] {
    var lexer = Lexer(source: source)
    try lexer.run()
    return lexer.tokens
  }

  /// Tokenizes an expression embedded in a larger source (an f-string
  /// field) so that its tokens carry positions in that larger source.
  public static func tokenizeEmbedded(_ text: String, at start: SourceLocation, in source: SourceText) throws(SourceError) -> [Token] {
    var lexer = Lexer(source: source, text: text)
    lexer.line = start.line
    lexer.column = start.column
    lexer.bracketDepth = 1  // newlines inside a field are joined, as inside brackets
    lexer.atLineStart = false
    try lexer.run()
    return lexer.tokens
  }

  private init(source: SourceText, text: String? = nil) {
    self.source = source
    self.scalars = Array((text ?? source.text).unicodeScalars)
  }

  private var here: SourceLocation { SourceLocation(line: line, column: column) }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  @discardableResult
  private mutating func advance() -> Unicode.Scalar {
    let s = scalars[index]
    index += 1
    if s == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    return s
  }

  private func error(_ message: String, at location: SourceLocation) -> SourceError {
    SourceError(message, at: location, in: source.name)
  }

  private mutating func emit(_ kind: Token.Kind, from start: SourceLocation) {
    tokens.append(Token(kind, SourceRange(start, here)))
  }

  private var lastIsNewline: Bool {
    guard let last = tokens.last else { return true }
    if case .newline = last.kind { return true }
    if case .indent = last.kind { return true }
    if case .dedent = last.kind { return true }
    return false
  }

  private mutating func run() throws(SourceError) {
    while index < scalars.count {
      if atLineStart && bracketDepth == 0 {
        try handleIndentation()
        if index >= scalars.count { break }
      }
      let c = scalars[index]
      let start = here
      switch c {
      case " ", "\t", "\u{0C}", "\r":
        advance()
      case "#":
        while let n = peek(), n != "\n" { advance() }
      case "\n":
        advance()
        if bracketDepth == 0 {
          if !lastIsNewline { emit(.newline, from: start) }
          atLineStart = true
        }
      case "\\":
        advance()
        if peek() == "\r" { advance() }
        guard peek() == "\n" else {
          throw error("unexpected character after line continuation '\\'", at: start)
        }
        advance()
      case "0"..."9":
        try lexNumber()
      case ".":
        if let n = peek(1), ("0"..."9").contains(n) {
          try lexNumber()
        } else {
          try lexSymbol()
        }
      case "\"", "'":
        try lexString(prefix: "")
      default:
        if c.properties.isXIDStart || c == "_" {
          try lexNameOrPrefixedString()
        } else {
          try lexSymbol()
        }
      }
    }
    let end = here
    if !lastIsNewline { tokens.append(Token(.newline, SourceRange(end, end))) }
    while indentStack.count > 1 {
      indentStack.removeLast()
      tokens.append(Token(.dedent, SourceRange(end, end)))
    }
    tokens.append(Token(.end, SourceRange(end, end)))
  }

  private mutating func handleIndentation() throws(SourceError) {
    // Measure leading whitespace; skip blank and comment-only lines entirely.
    while true {
      var width = 0
      var probe = index
      while probe < scalars.count {
        let s = scalars[probe]
        if s == " " {
          width += 1
        } else if s == "\t" {
          width = (width / 8 + 1) * 8
        } else if s == "\u{0C}" {
          width = 0
        } else {
          break
        }
        probe += 1
      }
      let next: Unicode.Scalar? = probe < scalars.count ? scalars[probe] : nil
      if next == nil || next == "\n" || next == "#" || next == "\r" {
        // Blank line: consume it without touching indentation.
        while index < probe { advance() }
        if next == "#" { while let n = peek(), n != "\n" { advance() } }
        if peek() == "\r" { advance() }
        if peek() == "\n" {
          advance()
          continue
        }
        atLineStart = false
        return
      }
      while index < probe { advance() }
      atLineStart = false
      let start = here
      if width > indentStack[indentStack.count - 1] {
        guard indentStack.count <= Self.maximumIndentationDepth else {
          throw error("too many levels of indentation", at: start)
        }
        indentStack.append(width)
        tokens.append(Token(.indent, SourceRange(start, start)))
      } else {
        while width < indentStack[indentStack.count - 1] {
          indentStack.removeLast()
          tokens.append(Token(.dedent, SourceRange(start, start)))
        }
        if width != indentStack[indentStack.count - 1] {
          throw error("unindent does not match any outer indentation level", at: start)
        }
      }
      return
    }
  }

  private mutating func lexNameOrPrefixedString() throws(SourceError) {
    let start = here
    let begin = index
    while let n = peek(), n.properties.isXIDContinue || n == "_" { advance() }
    let word = String(String.UnicodeScalarView(scalars[begin..<index]))
    if let q = peek(), q == "\"" || q == "'" {
      let lower = word.lowercased()
      if ["r", "b", "rb", "br", "u", "f", "rf", "fr"].contains(lower) {
        if lower.contains("f") {
          try lexFormattedString(raw: lower.contains("r"), start: start)
          return
        }
        try lexString(prefix: lower, start: start)
        return
      }
    }
    if let keyword = Keyword(rawValue: word) {
      emit(.keyword(keyword), from: start)
    } else {
      emit(.name(word), from: start)
    }
  }

  private mutating func lexNumber() throws(SourceError) {
    let start = here
    let begin = index
    func text(_ lexer: Lexer) -> String { String(String.UnicodeScalarView(lexer.scalars[begin..<lexer.index])) }
    if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
      advance()
      advance()
      let radix = (x == "x" || x == "X") ? 16 : (x == "o" || x == "O") ? 8 : 2
      let digitsStart = index
      while let n = peek(), n.properties.isXIDContinue { advance() }
      let digits = String(String.UnicodeScalarView(scalars[digitsStart..<index]))
      guard let value = PythonInt(digits: Substring(digits), radix: radix) else {
        throw error("invalid number literal '\(text(self))'", at: start)
      }
      emit(.integer(value), from: start)
      return
    }
    var isFloat = false
    func digits(_ lexer: inout Lexer) {
      while let n = lexer.peek(), ("0"..."9").contains(n) || n == "_" { lexer.advance() }
    }
    digits(&self)
    if peek() == "." {
      isFloat = true
      advance()
      digits(&self)
    }
    if let e = peek(), e == "e" || e == "E" {
      let save = (index, line, column)
      advance()
      if let s = peek(), s == "+" || s == "-" { advance() }
      if let d = peek(), ("0"..."9").contains(d) {
        isFloat = true
        digits(&self)
      } else {
        (index, line, column) = save
      }
    }
    if let j = peek(), j == "j" || j == "J" {
      throw error("complex numbers are not supported", at: start)
    }
    if let n = peek(), n.properties.isXIDContinue {
      throw error("invalid number literal '\(text(self))\(n)'", at: start)
    }
    let literal = text(self)
    if isFloat {
      guard !literal.contains("__"), !literal.hasSuffix("_"),
        let value = Double(String(literal.filter { $0 != "_" }))
      else { throw error("invalid number literal '\(literal)'", at: start) }
      emit(.float(value), from: start)
    } else {
      if literal.count > 1 && literal.hasPrefix("0") && literal.contains(where: { $0 != "0" && $0 != "_" }) {
        throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", at: start)
      }
      guard let value = PythonInt(digits: Substring(literal), radix: 10) else {
        throw error("invalid number literal '\(literal)'", at: start)
      }
      emit(.integer(value), from: start)
    }
  }

  private mutating func lexString(prefix: String, start givenStart: SourceLocation? = nil) throws(SourceError) {
    let start = givenStart ?? here
    let raw = prefix.contains("r")
    let isBytes = prefix.contains("b")
    let (quote, triple) = lexOpeningQuote()
    var value = String.UnicodeScalarView()
    while true {
      guard let c = peek() else {
        throw error(triple ? "unterminated triple-quoted string" : "unterminated string", at: start)
      }
      if c == quote {
        if !triple {
          advance()
          break
        }
        if peek(1) == quote && peek(2) == quote {
          advance()
          advance()
          advance()
          break
        }
      }
      if c == "\n" && !triple {
        throw error("unterminated string", at: start)
      }
      if c == "\\" && !raw {
        try lexEscape(into: &value, stringStart: start)
        continue
      }
      value.append(advance())
    }
    if isBytes {
      var bytes: [UInt8] = []
      for s in value {
        guard s.value < 256 else { throw error("bytes can only contain ASCII literal characters", at: start) }
        bytes.append(UInt8(s.value))
      }
      emit(.bytes(bytes), from: start)
    } else {
      emit(.string(String(value)), from: start)
    }
  }

  /// Reads an f-string after its prefix: literal text (with `{{` and `}}`)
  /// and replacement fields, emitted as one `.formatted` token.
  private mutating func lexFormattedString(raw: Bool, start: SourceLocation) throws(SourceError) {
    let (quote, triple) = lexOpeningQuote()
    let parts = try lexFormattedParts(raw: raw, quote: quote, triple: triple, start: start, inSpec: false)
    emit(.formatted(parts), from: start)
  }

  /// Reads a string's opening quote: `'`, `"` or a triple of either.
  private mutating func lexOpeningQuote() -> (quote: Unicode.Scalar, triple: Bool) {
    let quote = advance()
    guard peek() == quote && peek(1) == quote else { return (quote, false) }
    advance()
    advance()
    return (quote, true)
  }

  /// Whether the closing quote of the current string starts here.
  private func atClosingQuote(_ quote: Unicode.Scalar, triple: Bool) -> Bool {
    guard peek() == quote else { return false }
    return !triple || (peek(1) == quote && peek(2) == quote)
  }

  /// Literal text and fields up to the closing quote (or, in a format spec,
  /// up to the `}` that ends the field, which is left unread).
  private mutating func lexFormattedParts(
    raw: Bool, quote: Unicode.Scalar, triple: Bool, start: SourceLocation, inSpec: Bool
  ) throws(SourceError) -> [FormattedToken] {
    var parts: [FormattedToken] = []
    var text = String.UnicodeScalarView()
    func flush() {
      if !text.isEmpty { parts.append(.literal(String(text))) }
      text = String.UnicodeScalarView()
    }
    while true {
      guard let c = peek() else {
        throw error(triple ? "unterminated triple-quoted string" : "unterminated string", at: start)
      }
      if atClosingQuote(quote, triple: triple) {
        if inSpec { throw error("f-string: expecting '}'", at: here) }
        for _ in 0..<(triple ? 3 : 1) { advance() }
        break
      }
      if c == "\n" && !triple { throw error("unterminated string", at: start) }
      if c == "{" {
        if !inSpec && peek(1) == "{" {
          advance()
          advance()
          text.append("{")
          continue
        }
        flush()
        parts.append(try lexFormattedField(raw: raw, quote: quote, triple: triple, start: start))
        continue
      }
      if c == "}" {
        if inSpec { break }
        let at = here
        advance()
        guard peek() == "}" else { throw error("f-string: single '}' is not allowed", at: at) }
        advance()
        text.append("}")
        continue
      }
      if c == "\\" && !raw {
        try lexEscape(into: &text, stringStart: start)
        continue
      }
      text.append(advance())
    }
    flush()
    return parts
  }

  /// One `{expression!conversion:spec}` field, the opening brace next.
  private mutating func lexFormattedField(
    raw: Bool, quote: Unicode.Scalar, triple: Bool, start: SourceLocation
  ) throws(SourceError) -> FormattedToken {
    let open = here
    advance()
    let expressionStart = here
    var expression = String.UnicodeScalarView()
    var depth = 0
    var innerQuote: Unicode.Scalar?
    scan: while true {
      guard let c = peek() else { throw error("f-string: expecting '}'", at: open) }
      if let q = innerQuote {
        if c == q { innerQuote = nil }
        expression.append(advance())
        continue
      }
      if atClosingQuote(quote, triple: triple) { throw error("f-string: expecting '}'", at: open) }
      switch c {
      case "'", "\"":
        innerQuote = c
      case "(", "[", "{":
        depth += 1
      case ")", "]":
        depth -= 1
      case "}":
        if depth == 0 { break scan }
        depth -= 1
      case "!":
        if depth == 0 && peek(1) != "=" { break scan }
      case ":":
        if depth == 0 { break scan }
      case "=":
        // `{x=}`: a self-documenting field, unless part of ==, !=, <=, >=.
        if depth == 0, let next = peek(1), next == "}" || next == "!" || next == ":",
          let last = expression.last, !"=!<>".unicodeScalars.contains(last)
        {
          break scan
        }
      case "\\":
        throw error("f-string expression part cannot include a backslash", at: here)
      case "#":
        throw error("f-string expression part cannot include '#'", at: here)
      default:
        break
      }
      expression.append(advance())
    }
    let expressionText = String(expression)
    if expressionText.allSatisfy({ $0.isWhitespace }) {
      throw error("f-string: empty expression not allowed", at: open)
    }
    var debug = false
    if peek() == "=" {
      advance()
      debug = true
    }
    var conversion: Character?
    if peek() == "!" {
      advance()
      guard let k = peek(), "rsa".unicodeScalars.contains(k) else {
        throw error("f-string: invalid conversion character; expected 's', 'r', or 'a'", at: here)
      }
      advance()
      conversion = Character(k)
    }
    var spec: [FormattedToken]?
    if peek() == ":" {
      advance()
      spec = try lexFormattedParts(raw: raw, quote: quote, triple: triple, start: start, inSpec: true)
    }
    guard peek() == "}" else { throw error("f-string: expecting '}'", at: open) }
    advance()
    return .field(expression: expressionText, at: expressionStart, conversion: conversion, spec: spec, debug: debug)
  }

  /// Reads one backslash escape of a non-raw string literal into `value`.
  private mutating func lexEscape(into value: inout String.UnicodeScalarView, stringStart start: SourceLocation) throws(SourceError) {
    let escapeStart = here
    advance()
    guard let e = peek() else { throw error("unterminated string", at: start) }
    advance()
    switch e {
    case "\n": break
    case "\\": value.append("\\")
    case "'": value.append("'")
    case "\"": value.append("\"")
    case "a": value.append("\u{07}")
    case "b": value.append("\u{08}")
    case "f": value.append("\u{0C}")
    case "n": value.append("\n")
    case "r": value.append("\r")
    case "t": value.append("\t")
    case "v": value.append("\u{0B}")
    case "0"..."7":
      var code = Int(e.value - 48)
      for _ in 0..<2 {
        guard let d = peek(), ("0"..."7").contains(d) else { break }
        advance()
        code = code * 8 + Int(d.value - 48)
      }
      guard let s = Unicode.Scalar(code) else { throw error("invalid escape", at: escapeStart) }
      value.append(s)
    case "x", "u", "U":
      let count = e == "x" ? 2 : (e == "u" ? 4 : 8)
      var code = 0
      for _ in 0..<count {
        guard let d = peek(), let v = Character(d).hexDigitValue else {
          throw error("truncated \\\(e) escape", at: escapeStart)
        }
        advance()
        code = code * 16 + v
      }
      guard let s = Unicode.Scalar(code) else { throw error("invalid \\\(e) escape", at: escapeStart) }
      value.append(s)
    default:
      value.append("\\")
      value.append(e)
    }
  }

  private static let symbols: [String] = [
    "**=", "//=", ">>=", "<<=", "...",
    "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
    "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
  ]

  private mutating func lexSymbol() throws(SourceError) {
    let start = here
    for symbol in Self.symbols {
      let parts = Array(symbol.unicodeScalars)
      var matches = true
      for (k, p) in parts.enumerated() where peek(k) != p {
        matches = false
        break
      }
      if matches {
        for _ in parts { advance() }
        switch symbol {
        case "(", "[", "{":
          bracketDepth += 1
          if bracketDepth > Self.maximumBracketDepth { throw error("too many nested parentheses", at: start) }
        case ")", "]", "}": bracketDepth = max(0, bracketDepth - 1)
        default: break
        }
        emit(.symbol(symbol), from: start)
        return
      }
    }
    let c = scalars[index]
    throw error("unexpected character '\(Character(c))'", at: start)
  }
}
