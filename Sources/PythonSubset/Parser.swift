/// A recursive-descent parser for the Python subset rngdiff evaluates.
///
/// It parses whole scripts (statements, blocks, imports, `def`, `class`,
/// `with`) so the engine can grow into running a bug report's script, and
/// single call strings such as `rngdiff sample`'s `'random(7); randn(3)'`.
///
/// ```swift
/// let program = try Parser.parse(SourceText(name: "<call>", text: "randint(0, 2**40, 4)"))
/// // one expression statement: call(name randint, [0, 2**40, 4])
/// ```
///
/// Edge cases:
/// - `-2**2` is `-(2**2)` and `2**-1` is allowed, as in Python.
/// - Chained comparisons keep every operand (`a < b < c`).
/// - A trailing comma makes a tuple (`x = 1,`); `()` is the empty tuple.
/// - Comprehensions and generator expressions, f-strings (fields parsed
///   from their own text, positions kept), `try`/`except`/`finally` and
///   `raise … from …` are parsed; `async`, `yield`, `:=` and `match` are
///   reported as outside the subset.
/// - Nesting deeper than ``maximumNesting`` (parentheses, unary operators,
///   long operator chains) stops with a located message instead of
///   exhausting the stack, as CPython's parser does.
public struct Parser {
  private var tokens: [Token]
  private var position = 0
  private let source: SourceText
  /// How deeply expressions are nested at the current token.
  private var nesting = 0

  /// The deepest expression nesting the parser accepts (nested brackets,
  /// unary operators and the operands of one operator chain count).
  public static let maximumNesting = 1000

  /// Parses `source` as a sequence of statements.
  public static func parse(_ source: SourceText) throws(SourceError) -> Program {
    var parser = Parser(tokens: try Lexer.tokenize(source), source: source)
    var statements: [Statement] = []
    while true {
      if case .end = parser.current.kind { break }
      if case .newline = parser.current.kind {
        parser.position += 1
        continue
      }
      statements += try parser.parseStatement()
    }
    return Program(source: source, statements: statements)
  }

  /// Parses `source` as exactly one expression.
  public static func parseExpression(_ source: SourceText) throws(SourceError) -> Expression {
    var parser = Parser(tokens: try Lexer.tokenize(source), source: source)
    let expression = try parser.parseTestList()
    if case .newline = parser.current.kind { parser.position += 1 }
    guard case .end = parser.current.kind else {
      throw parser.error("expected the end of the expression, found \(parser.current.spelling)")
    }
    return expression
  }

  private init(tokens: [Token], source: SourceText) {
    self.tokens = tokens
    self.source = source
  }

  /// Enters one more level of expression nesting, or stops with a located
  /// message past ``maximumNesting``.
  private mutating func enterNesting(_ levels: Int = 1) throws(SourceError) {
    nesting += levels
    if nesting > Self.maximumNesting {
      throw error("expression too deeply nested (more than \(Self.maximumNesting) levels); split it into several statements")
    }
  }

  // MARK: Token helpers

  private var current: Token { tokens[min(position, tokens.count - 1)] }

  private func error(_ message: String, at location: SourceLocation? = nil) -> SourceError {
    SourceError(message, at: location ?? current.range.start, in: source.name)
  }

  private func isSymbol(_ s: String) -> Bool {
    if case .symbol(let t) = current.kind { return t == s }
    return false
  }

  private func isKeyword(_ k: Keyword) -> Bool {
    if case .keyword(let t) = current.kind { return t == k }
    return false
  }

  private mutating func take(symbol s: String) -> Token? {
    guard isSymbol(s) else { return nil }
    defer { position += 1 }
    return current
  }

  private mutating func take(keyword k: Keyword) -> Token? {
    guard isKeyword(k) else { return nil }
    defer { position += 1 }
    return current
  }

  @discardableResult
  private mutating func expect(symbol s: String, closing opener: Token? = nil) throws(SourceError) -> Token {
    if let t = take(symbol: s) { return t }
    if let opener, case .symbol(let o) = opener.kind {
      throw error("expected '\(s)' to close '\(o)' at \(opener.range.start), found \(current.spelling)")
    }
    throw error("expected '\(s)', found \(current.spelling)")
  }

  @discardableResult
  private mutating func expect(keyword k: Keyword) throws(SourceError) -> Token {
    if let t = take(keyword: k) { return t }
    throw error("expected '\(k.rawValue)', found \(current.spelling)")
  }

  private mutating func expectName(_ what: String) throws(SourceError) -> (String, SourceRange) {
    if case .name(let n) = current.kind {
      position += 1
      return (n, tokens[position - 1].range)
    }
    throw error("expected \(what), found \(current.spelling)")
  }

  private mutating func expectNewline() throws(SourceError) {
    switch current.kind {
    case .newline: position += 1
    case .end: break
    default: throw error("expected the end of the statement, found \(current.spelling)")
    }
  }

  // MARK: Statements

  private mutating func parseStatement() throws(SourceError) -> [Statement] {
    if case .keyword(let k) = current.kind {
      switch k {
      case .if: return [try parseIf()]
      case .for: return [try parseFor()]
      case .while: return [try parseWhile()]
      case .def: return [try parseFunction(decorators: [])]
      case .class: return [try parseClass(decorators: [])]
      case .with: return [try parseWith()]
      case .try: return [try parseTry()]
      case .async: throw error("async code is not supported")
      default: break
      }
    }
    if isSymbol("@") { return [try parseDecorated()] }
    return try parseSimpleStatementLine()
  }

  private mutating func parseSimpleStatementLine() throws(SourceError) -> [Statement] {
    var statements = [try parseSmallStatement()]
    while take(symbol: ";") != nil {
      if case .newline = current.kind { break }
      if case .end = current.kind { break }
      statements.append(try parseSmallStatement())
    }
    try expectNewline()
    return statements
  }

  private mutating func parseSmallStatement() throws(SourceError) -> Statement {
    let start = current.range
    if case .keyword(let k) = current.kind {
      switch k {
      case .pass:
        position += 1
        return .pass(start)
      case .break:
        position += 1
        return .break(start)
      case .continue:
        position += 1
        return .continue(start)
      case .return:
        position += 1
        if atStatementEnd { return .return(nil, start) }
        let value = try parseTestList()
        return .return(value, start.union(value.range))
      case .import: return try parseImport()
      case .from: return try parseFromImport()
      case .global, .nonlocal:
        position += 1
        var names = [try expectName("a name").0]
        while take(symbol: ",") != nil { names.append(try expectName("a name").0) }
        return k == .global ? .global(names, start) : .nonlocal(names, start)
      case .yield:
        throw error("generators ('yield') are not supported; return a list instead")
      case .del:
        position += 1
        var targets = [try parseExpression()]
        while take(symbol: ",") != nil { targets.append(try parseExpression()) }
        return .delete(targets, start)
      case .assert:
        position += 1
        let test = try parseTest()
        let message = take(symbol: ",") != nil ? try parseTest() : nil
        return .assert(test, message: message, start.union(test.range))
      case .raise:
        position += 1
        if atStatementEnd { return .raise(nil, cause: nil, start) }
        let e = try parseTest()
        if take(keyword: .from) != nil {
          let cause = try parseTest()
          return .raise(e, cause: cause, start.union(cause.range))
        }
        return .raise(e, cause: nil, start.union(e.range))
      default: break
      }
    }
    let first = try parseTestList(allowStarred: true)
    if case .symbol(let s) = current.kind, s.count >= 2, s.hasSuffix("="), !["==", "<=", ">=", "!="].contains(s) {
      position += 1
      guard let op = BinaryOperator(rawValue: String(s.dropLast())) else {
        throw error("unsupported operator '\(s)'")
      }
      try checkAssignable(first)
      let value = try parseTestList()
      return .augmentedAssignment(target: first, op, value: value, first.range.union(value.range))
    }
    if isSymbol(":"), case .name = first {
      // `name: T = value` (a dataclass field, a typed variable): the annotation is read and dropped.
      position += 1
      let annotation = try parseTest()
      guard take(symbol: "=") != nil else { return .pass(first.range.union(annotation.range)) }
      let value = try parseTestList(allowStarred: true)
      return .assignment(targets: [first], value: value, first.range.union(value.range))
    }
    if isSymbol("=") {
      var targets = [first]
      var value = first
      while take(symbol: "=") != nil {
        value = try parseTestList(allowStarred: true)
        targets.append(value)
      }
      targets.removeLast()
      for t in targets { try checkAssignable(t) }
      return .assignment(targets: targets, value: value, first.range.union(value.range))
    }
    return .expression(first)
  }

  private var atStatementEnd: Bool {
    switch current.kind {
    case .newline, .end: return true
    case .symbol(let s): return s == ";"
    default: return false
    }
  }

  private func checkAssignable(_ e: Expression) throws(SourceError) {
    switch e {
    case .name, .attribute, .subscript: return
    case .tuple(let items, _), .list(let items, _):
      for item in items { try checkAssignable(item) }
    case .starred(let inner, _): try checkAssignable(inner)
    default:
      throw error("cannot assign to this expression", at: e.range.start)
    }
  }

  private mutating func parseDottedName() throws(SourceError) -> String {
    var name = try expectName("a module name").0
    while take(symbol: ".") != nil { name += "." + (try expectName("a module name").0) }
    return name
  }

  private mutating func parseImport() throws(SourceError) -> Statement {
    let start = try expect(keyword: .import).range
    var items: [(module: String, alias: String?)] = []
    repeat {
      let module = try parseDottedName()
      let alias = take(keyword: .as) != nil ? try expectName("a name after 'as'").0 : nil
      items.append((module, alias))
    } while take(symbol: ",") != nil
    return .import(items, start.union(tokens[position - 1].range))
  }

  private mutating func parseFromImport() throws(SourceError) -> Statement {
    let start = try expect(keyword: .from).range
    var module = ""
    while let dot = take(symbol: ".") ?? take(symbol: "...") {
      if case .symbol(let s) = dot.kind { module += s }
    }
    if case .name = current.kind { module += try parseDottedName() }
    try expect(keyword: .import)
    if take(symbol: "*") != nil {
      return .fromImport(module: module, names: nil, start.union(tokens[position - 1].range))
    }
    let opener = take(symbol: "(")
    var names: [(name: String, alias: String?)] = []
    repeat {
      if opener != nil && isSymbol(")") { break }
      let name = try expectName("a name to import").0
      let alias = take(keyword: .as) != nil ? try expectName("a name after 'as'").0 : nil
      names.append((name, alias))
    } while take(symbol: ",") != nil
    if let opener { try expect(symbol: ")", closing: opener) }
    return .fromImport(module: module, names: names, start.union(tokens[position - 1].range))
  }

  private mutating func parseBlock() throws(SourceError) -> [Statement] {
    try expect(symbol: ":")
    if case .newline = current.kind {
      position += 1
      guard case .indent = current.kind else { throw error("expected an indented block") }
      position += 1
      var body: [Statement] = []
      while true {
        if case .dedent = current.kind {
          position += 1
          break
        }
        if case .end = current.kind { break }
        body += try parseStatement()
      }
      return body
    }
    return try parseSimpleStatementLine()
  }

  private mutating func parseIf() throws(SourceError) -> Statement {
    let start = try expect(keyword: .if).range
    var branches = [(test: try parseNamedTest(), body: try parseBlock())]
    var orElse: [Statement] = []
    while true {
      if take(keyword: .elif) != nil {
        branches.append((try parseNamedTest(), try parseBlock()))
      } else if take(keyword: .else) != nil {
        orElse = try parseBlock()
        break
      } else {
        break
      }
    }
    return .if(branches, orElse: orElse, start)
  }

  private mutating func parseFor() throws(SourceError) -> Statement {
    let start = try expect(keyword: .for).range
    let target = try parseTargetList()
    try checkAssignable(target)
    try expect(keyword: .in)
    let iterable = try parseTestList()
    let body = try parseBlock()
    let orElse = take(keyword: .else) != nil ? try parseBlock() : []
    return .for(target: target, iterable: iterable, body: body, orElse: orElse, start)
  }

  /// Targets of a `for`: expressions up to `in`, without comparisons.
  private mutating func parseTargetList() throws(SourceError) -> Expression {
    let first = try parseBitOr()
    guard isSymbol(",") else { return first }
    var items = [first]
    while take(symbol: ",") != nil {
      if isKeyword(.in) { break }
      items.append(try parseBitOr())
    }
    return .tuple(items, first.range.union(items[items.count - 1].range))
  }

  private mutating func parseWhile() throws(SourceError) -> Statement {
    let start = try expect(keyword: .while).range
    let test = try parseNamedTest()
    let body = try parseBlock()
    let orElse = take(keyword: .else) != nil ? try parseBlock() : []
    return .while(test: test, body: body, orElse: orElse, start)
  }

  private mutating func parseTry() throws(SourceError) -> Statement {
    let start = try expect(keyword: .try).range
    let body = try parseBlock()
    var handlers: [ExceptHandler] = []
    while let except = take(keyword: .except) {
      if isSymbol("*") { throw error("'except*' (exception groups) is not supported") }
      var type: Expression?
      var name: String?
      if !isSymbol(":") {
        type = try parseTest()
        if isSymbol(",") {
          let first = type!
          var items = [first]
          while take(symbol: ",") != nil { items.append(try parseTest()) }
          type = .tuple(items, first.range.union(items[items.count - 1].range))
        }
        if take(keyword: .as) != nil { name = try expectName("a name after 'as'").0 }
      }
      if handlers.last.map({ $0.type == nil }) == true {
        throw error("default 'except:' must be last", at: except.range.start)
      }
      handlers.append(ExceptHandler(type: type, name: name, body: try parseBlock(), range: except.range))
    }
    let orElse = !handlers.isEmpty && take(keyword: .else) != nil ? try parseBlock() : []
    let finally = take(keyword: .finally) != nil ? try parseBlock() : []
    if handlers.isEmpty && finally.isEmpty {
      throw error("expected 'except' or 'finally' block")
    }
    return .try(body: body, handlers: handlers, orElse: orElse, finally: finally, start)
  }

  private mutating func parseWith() throws(SourceError) -> Statement {
    let start = try expect(keyword: .with).range
    var items: [(context: Expression, target: Expression?)] = []
    repeat {
      let context = try parseTest()
      var target: Expression?
      if take(keyword: .as) != nil {
        let t = try parseBitOr()
        try checkAssignable(t)
        target = t
      }
      items.append((context, target))
    } while take(symbol: ",") != nil
    return .with(items: items, body: try parseBlock(), start)
  }

  private mutating func parseDecorated() throws(SourceError) -> Statement {
    var decorators: [Expression] = []
    while take(symbol: "@") != nil {
      decorators.append(try parseTest())
      try expectNewline()
    }
    if isKeyword(.def) { return try parseFunction(decorators: decorators) }
    if isKeyword(.class) { return try parseClass(decorators: decorators) }
    throw error("expected 'def' or 'class' after a decorator, found \(current.spelling)")
  }

  private mutating func parseFunction(decorators: [Expression]) throws(SourceError) -> Statement {
    let start = try expect(keyword: .def).range
    let name = try expectName("a function name").0
    let opener = try expect(symbol: "(")
    let parameters = try parseParameters(closing: ")")
    try expect(symbol: ")", closing: opener)
    if take(symbol: "->") != nil { _ = try parseTest() }
    return .functionDefinition(name: name, parameters: parameters, body: try parseBlock(), decorators: decorators, start)
  }

  private mutating func parseParameters(closing: String) throws(SourceError) -> [Parameter] {
    var parameters: [Parameter] = []
    var keywordOnly = false
    while !isSymbol(closing) {
      let start = current.range
      if take(symbol: "**") != nil {
        let (n, r) = try expectName("a parameter name")
        parameters.append(Parameter(name: n, kind: .keywordVariadic, defaultValue: nil, range: start.union(r)))
      } else if take(symbol: "*") != nil {
        keywordOnly = true
        if case .name = current.kind {
          let (n, r) = try expectName("a parameter name")
          parameters.append(Parameter(name: n, kind: .variadic, defaultValue: nil, range: start.union(r)))
        }
      } else if take(symbol: "/") != nil {
        // Positional-only marker: accepted, no effect in the subset.
      } else {
        let (n, r) = try expectName("a parameter name")
        if closing == ")" && take(symbol: ":") != nil { _ = try parseTest() }
        let defaultValue = take(symbol: "=") != nil ? try parseTest() : nil
        parameters.append(Parameter(name: n, kind: keywordOnly ? .keywordOnly : .regular, defaultValue: defaultValue, range: r))
      }
      if take(symbol: ",") == nil { break }
    }
    return parameters
  }

  private mutating func parseClass(decorators: [Expression]) throws(SourceError) -> Statement {
    let start = try expect(keyword: .class).range
    let name = try expectName("a class name").0
    var bases: [Argument] = []
    if let opener = take(symbol: "(") {
      bases = try parseArguments()
      try expect(symbol: ")", closing: opener)
    }
    return .classDefinition(name: name, bases: bases, body: try parseBlock(), decorators: decorators, start)
  }

  // MARK: Expressions

  /// `test (',' test)* [',']`, a tuple when there is a comma.
  mutating func parseTestList(allowStarred: Bool = false) throws(SourceError) -> Expression {
    let first = allowStarred && isSymbol("*") ? try parseStarred() : try parseTest()
    guard isSymbol(",") else { return first }
    var items = [first]
    while take(symbol: ",") != nil {
      if atStatementEnd || isSymbol("=") || isSymbol(")") { break }
      items.append(allowStarred && isSymbol("*") ? try parseStarred() : try parseTest())
    }
    return .tuple(items, first.range.union(tokens[position - 1].range))
  }

  private mutating func parseStarred() throws(SourceError) -> Expression {
    let star = try expect(symbol: "*")
    let inner = try parseBitOr()
    return .starred(inner, star.range.union(inner.range))
  }

  private mutating func parseNamedTest() throws(SourceError) -> Expression {
    let e = try parseTest()
    if isSymbol(":=") { throw error("assignment expressions (':=') are not supported") }
    return e
  }

  /// A full expression: conditional, lambda, boolean operators.
  mutating func parseTest() throws(SourceError) -> Expression {
    try enterNesting()
    defer { nesting -= 1 }
    if isKeyword(.lambda) { return try parseLambda() }
    if isKeyword(.yield) { throw error("generators ('yield') are not supported; return a list instead") }
    let body = try parseOr()
    if take(keyword: .if) != nil {
      let test = try parseOr()
      try expect(keyword: .else)
      let other = try parseTest()
      return .conditional(test: test, then: body, else: other, body.range.union(other.range))
    }
    return body
  }

  private mutating func parseExpression() throws(SourceError) -> Expression { try parseTest() }

  private mutating func parseLambda() throws(SourceError) -> Expression {
    let start = try expect(keyword: .lambda).range
    let parameters = try parseParameters(closing: ":")
    try expect(symbol: ":")
    let body = try parseTest()
    return .lambda(parameters, body, start.union(body.range))
  }

  private mutating func parseOr() throws(SourceError) -> Expression {
    var items = [try parseAnd()]
    while take(keyword: .or) != nil { items.append(try parseAnd()) }
    return items.count == 1 ? items[0] : .or(items, items[0].range.union(items[items.count - 1].range))
  }

  private mutating func parseAnd() throws(SourceError) -> Expression {
    var items = [try parseNot()]
    while take(keyword: .and) != nil { items.append(try parseNot()) }
    return items.count == 1 ? items[0] : .and(items, items[0].range.union(items[items.count - 1].range))
  }

  private mutating func parseNot() throws(SourceError) -> Expression {
    if let not = take(keyword: .not) {
      try enterNesting()
      defer { nesting -= 1 }
      let operand = try parseNot()
      return .unary(.not, operand, not.range.union(operand.range))
    }
    return try parseComparison()
  }

  private mutating func parseComparison() throws(SourceError) -> Expression {
    let first = try parseBitOr()
    var rest: [(ComparisonOperator, Expression)] = []
    while true {
      var op: ComparisonOperator?
      if case .symbol(let s) = current.kind, let o = ComparisonOperator(rawValue: s) {
        op = o
        position += 1
      } else if take(keyword: .in) != nil {
        op = .in
      } else if isKeyword(.not), position + 1 < tokens.count, case .keyword(.in) = tokens[position + 1].kind {
        position += 2
        op = .notIn
      } else if take(keyword: .is) != nil {
        op = take(keyword: .not) != nil ? .isNot : .is
      }
      guard let op else { break }
      rest.append((op, try parseBitOr()))
    }
    if rest.isEmpty { return first }
    return .comparison(first, rest, first.range.union(rest[rest.count - 1].1.range))
  }

  private mutating func parseBinary(
    _ operators: [String], next: (inout Parser) throws(SourceError) -> Expression
  ) throws(SourceError) -> Expression {
    var left = try next(&self)
    var chain = 0
    defer { nesting -= chain }
    while case .symbol(let s) = current.kind, operators.contains(s), let op = BinaryOperator(rawValue: s) {
      position += 1
      // A left-deep chain nests one level per operator when evaluated.
      try enterNesting()
      chain += 1
      let right = try next(&self)
      left = .binary(op, left, right, left.range.union(right.range))
    }
    return left
  }

  private mutating func parseBitOr() throws(SourceError) -> Expression {
    try parseBinary(["|"]) { (p: inout Parser) throws(SourceError) in try p.parseBitXor() }
  }
  private mutating func parseBitXor() throws(SourceError) -> Expression {
    try parseBinary(["^"]) { (p: inout Parser) throws(SourceError) in try p.parseBitAnd() }
  }
  private mutating func parseBitAnd() throws(SourceError) -> Expression {
    try parseBinary(["&"]) { (p: inout Parser) throws(SourceError) in try p.parseShift() }
  }
  private mutating func parseShift() throws(SourceError) -> Expression {
    try parseBinary(["<<", ">>"]) { (p: inout Parser) throws(SourceError) in try p.parseArithmetic() }
  }
  private mutating func parseArithmetic() throws(SourceError) -> Expression {
    try parseBinary(["+", "-"]) { (p: inout Parser) throws(SourceError) in try p.parseTerm() }
  }
  private mutating func parseTerm() throws(SourceError) -> Expression {
    try parseBinary(["*", "/", "//", "%", "@"]) { (p: inout Parser) throws(SourceError) in try p.parseFactor() }
  }

  private mutating func parseFactor() throws(SourceError) -> Expression {
    if case .symbol(let s) = current.kind, ["-", "+", "~"].contains(s), let op = UnaryOperator(rawValue: s) {
      let start = current.range
      position += 1
      try enterNesting()
      defer { nesting -= 1 }
      let operand = try parseFactor()
      return .unary(op, operand, start.union(operand.range))
    }
    return try parsePower()
  }

  private mutating func parsePower() throws(SourceError) -> Expression {
    if isKeyword(.await) { throw error("async code is not supported") }
    let base = try parsePrimary()
    if take(symbol: "**") != nil {
      let exponent = try parseFactor()
      return .binary(.power, base, exponent, base.range.union(exponent.range))
    }
    return base
  }

  private mutating func parsePrimary() throws(SourceError) -> Expression {
    var e = try parseAtom()
    while true {
      if let opener = take(symbol: "(") {
        let arguments = try parseArguments()
        let close = try expect(symbol: ")", closing: opener)
        e = .call(e, arguments, e.range.union(close.range))
      } else if let opener = take(symbol: "[") {
        let index = try parseSubscriptList()
        let close = try expect(symbol: "]", closing: opener)
        e = .subscript(e, index, e.range.union(close.range))
      } else if take(symbol: ".") != nil {
        let (name, r) = try expectName("an attribute name after '.'")
        e = .attribute(e, name, e.range.union(r))
      } else {
        return e
      }
    }
  }

  private mutating func parseArguments() throws(SourceError) -> [Argument] {
    var arguments: [Argument] = []
    var sawKeyword = false
    while !isSymbol(")") {
      let start = current.range
      if take(symbol: "**") != nil {
        let value = try parseTest()
        arguments.append(Argument(kind: .unpackedMapping, value: value, range: start.union(value.range)))
        sawKeyword = true
      } else if take(symbol: "*") != nil {
        let value = try parseTest()
        arguments.append(Argument(kind: .unpackedSequence, value: value, range: start.union(value.range)))
      } else if case .name(let n) = current.kind, position + 1 < tokens.count,
        case .symbol("=") = tokens[position + 1].kind
      {
        position += 2
        let value = try parseTest()
        if arguments.contains(where: { if case .keyword(n) = $0.kind { return true } else { return false } }) {
          throw error("keyword argument '\(n)' repeated", at: start.start)
        }
        arguments.append(Argument(kind: .keyword(n), value: value, range: start.union(value.range)))
        sawKeyword = true
      } else {
        var value = try parseTest()
        if isKeyword(.for) {
          let clauses = try parseComprehensionClauses()
          value = .comprehension(.generator, element: value, value: nil, clauses, value.range.union(tokens[position - 1].range))
          if !arguments.isEmpty || isSymbol(",") {
            throw error("a generator expression must be parenthesized when it is not the only argument", at: value.range.start)
          }
        }
        if sawKeyword { throw error("positional argument follows keyword argument", at: value.range.start) }
        arguments.append(Argument(kind: .positional, value: value, range: value.range))
      }
      if take(symbol: ",") == nil { break }
    }
    return arguments
  }

  private mutating func parseSubscriptList() throws(SourceError) -> Expression {
    let first = try parseSubscriptItem()
    guard isSymbol(",") else { return first }
    var items = [first]
    while take(symbol: ",") != nil {
      if isSymbol("]") { break }
      items.append(try parseSubscriptItem())
    }
    return .tuple(items, first.range.union(items[items.count - 1].range))
  }

  private mutating func parseSubscriptItem() throws(SourceError) -> Expression {
    let start = current.range
    var lower: Expression?
    if !isSymbol(":") { lower = try parseTest() }
    guard take(symbol: ":") != nil else {
      if let lower { return lower }
      throw error("expected an index, found \(current.spelling)")
    }
    var upper: Expression?
    if !isSymbol(":") && !isSymbol("]") && !isSymbol(",") { upper = try parseTest() }
    var step: Expression?
    if take(symbol: ":") != nil && !isSymbol("]") && !isSymbol(",") { step = try parseTest() }
    return .slice(lower, upper, step, start.union(tokens[position - 1].range))
  }

  /// The `for … in … if …` clauses after a comprehension's element.
  private mutating func parseComprehensionClauses() throws(SourceError) -> [ComprehensionClause] {
    var clauses: [ComprehensionClause] = []
    while take(keyword: .for) != nil {
      let target = try parseTargetList()
      try checkAssignable(target)
      try expect(keyword: .in)
      let iterable = try parseOr()
      var conditions: [Expression] = []
      while take(keyword: .if) != nil { conditions.append(try parseOr()) }
      clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
    }
    if isKeyword(.async) { throw error("async comprehensions are not supported") }
    return clauses
  }

  /// Parses the fields of an f-string token from their own source text.
  private func formattedParts(_ pieces: [FormattedToken]) throws(SourceError) -> [FormattedPart] {
    var parts: [FormattedPart] = []
    for piece in pieces {
      switch piece {
      case .literal(let text):
        parts.append(.literal(text))
      case .field(let text, let at, let conversion, let spec, let debug):
        var inner = Parser(tokens: try Lexer.tokenizeEmbedded(text, at: at, in: source), source: source)
        inner.nesting = nesting
        let expression = try inner.parseTestList(allowStarred: false)
        if case .newline = inner.current.kind { inner.position += 1 }
        guard case .end = inner.current.kind else {
          throw inner.error("f-string: expected '}', found \(inner.current.spelling)")
        }
        let specParts = try spec.map { (s: [FormattedToken]) throws(SourceError) in try formattedParts(s) }
        parts.append(.field(expression, conversion: conversion ?? (debug && spec == nil ? "r" : nil), spec: specParts,
                            debugText: debug ? text + "=" : nil))
      }
    }
    return parts
  }

  private mutating func parseAtom() throws(SourceError) -> Expression {
    let token = current
    switch token.kind {
    case .name(let n):
      position += 1
      return .name(n, token.range)
    case .integer(let i):
      position += 1
      return .integer(i, token.range)
    case .float(let d):
      position += 1
      return .float(d, token.range)
    case .string, .formatted:
      // Adjacent literals concatenate; any f-string among them makes the whole an f-string.
      var parts: [FormattedPart] = []
      var isFormatted = false
      var range = token.range
      while true {
        if case .string(let more) = current.kind {
          parts.append(.literal(more))
        } else if case .formatted(let pieces) = current.kind {
          isFormatted = true
          parts += try formattedParts(pieces)
        } else {
          break
        }
        range = range.union(current.range)
        position += 1
      }
      if !isFormatted {
        return .string(parts.map { if case .literal(let t) = $0 { return t } else { return "" } }.joined(), range)
      }
      return .formatted(parts, range)
    case .bytes(var b):
      position += 1
      var range = token.range
      while case .bytes(let more) = current.kind {
        b += more
        range = range.union(current.range)
        position += 1
      }
      return .bytes(b, range)
    case .keyword(.none):
      position += 1
      return .none(token.range)
    case .keyword(.true):
      position += 1
      return .bool(true, token.range)
    case .keyword(.false):
      position += 1
      return .bool(false, token.range)
    case .symbol("..."):
      position += 1
      return .ellipsis(token.range)
    case .symbol("("):
      position += 1
      if let close = take(symbol: ")") { return .tuple([], token.range.union(close.range)) }
      let first = isSymbol("*") ? try parseStarred() : try parseTest()
      if isKeyword(.for) {
        let clauses = try parseComprehensionClauses()
        let close = try expect(symbol: ")", closing: token)
        return .comprehension(.generator, element: first, value: nil, clauses, token.range.union(close.range))
      }
      if take(symbol: ")") != nil {
        if case .starred = first { throw error("cannot use a starred expression here", at: first.range.start) }
        return first
      }
      var items = [first]
      while take(symbol: ",") != nil {
        if isSymbol(")") { break }
        items.append(isSymbol("*") ? try parseStarred() : try parseTest())
      }
      let close = try expect(symbol: ")", closing: token)
      return .tuple(items, token.range.union(close.range))
    case .symbol("["):
      position += 1
      var items: [Expression] = []
      while !isSymbol("]") {
        items.append(isSymbol("*") ? try parseStarred() : try parseTest())
        if items.count == 1, isKeyword(.for) {
          let clauses = try parseComprehensionClauses()
          let close = try expect(symbol: "]", closing: token)
          return .comprehension(.list, element: items[0], value: nil, clauses, token.range.union(close.range))
        }
        if take(symbol: ",") == nil { break }
      }
      let close = try expect(symbol: "]", closing: token)
      return .list(items, token.range.union(close.range))
    case .symbol("{"):
      position += 1
      if let close = take(symbol: "}") { return .dictionary([], token.range.union(close.range)) }
      /// The rest of a dict display after its first entry: `key: value` or `**mapping` entries.
      func dictionaryRest(_ first: (key: Expression?, value: Expression), _ p: inout Parser) throws(SourceError) -> Expression {
        var pairs = [first]
        while p.take(symbol: ",") != nil {
          if p.isSymbol("}") { break }
          if p.take(symbol: "**") != nil {
            pairs.append((nil, try p.parseBitOr()))
            continue
          }
          let key = try p.parseTest()
          try p.expect(symbol: ":")
          pairs.append((key, try p.parseTest()))
        }
        let close = try p.expect(symbol: "}", closing: token)
        return .dictionary(pairs, token.range.union(close.range))
      }
      if take(symbol: "**") != nil {
        return try dictionaryRest((nil, try parseBitOr()), &self)
      }
      let first = isSymbol("*") ? try parseStarred() : try parseTest()
      if take(symbol: ":") != nil {
        let value = try parseTest()
        if isKeyword(.for) {
          let clauses = try parseComprehensionClauses()
          let close = try expect(symbol: "}", closing: token)
          return .comprehension(.dictionary, element: first, value: value, clauses, token.range.union(close.range))
        }
        return try dictionaryRest((first, value), &self)
      }
      if isKeyword(.for) {
        let clauses = try parseComprehensionClauses()
        let close = try expect(symbol: "}", closing: token)
        return .comprehension(.set, element: first, value: nil, clauses, token.range.union(close.range))
      }
      var items = [first]
      while take(symbol: ",") != nil {
        if isSymbol("}") { break }
        items.append(isSymbol("*") ? try parseStarred() : try parseTest())
      }
      let close = try expect(symbol: "}", closing: token)
      return .set(items, token.range.union(close.range))
    case .end, .newline:
      throw error("expected an expression, found \(token.spelling)")
    default:
      throw error("expected an expression, found \(token.spelling)")
    }
  }
}
