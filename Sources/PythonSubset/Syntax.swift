/// An expression of the Python subset, with where it came from.
///
/// The tree keeps every node's source range so the evaluator can point at
/// the exact argument a framework rejects.
public indirect enum Expression: Sendable {
  case name(String, SourceRange)
  case none(SourceRange)
  case bool(Bool, SourceRange)
  case integer(PythonInt, SourceRange)
  case float(Double, SourceRange)
  case string(String, SourceRange)
  case bytes([UInt8], SourceRange)
  case ellipsis(SourceRange)
  case list([Expression], SourceRange)
  case tuple([Expression], SourceRange)
  case set([Expression], SourceRange)
  /// A dict display; an entry without a key is `**mapping`, whose items are merged in.
  case dictionary([(key: Expression?, value: Expression)], SourceRange)
  case unary(UnaryOperator, Expression, SourceRange)
  case binary(BinaryOperator, Expression, Expression, SourceRange)
  /// A chain such as `a < b <= c`: operands and the operators between them.
  case comparison(Expression, [(ComparisonOperator, Expression)], SourceRange)
  case and([Expression], SourceRange)
  case or([Expression], SourceRange)
  case conditional(test: Expression, then: Expression, else: Expression, SourceRange)
  case call(Expression, [Argument], SourceRange)
  case attribute(Expression, String, SourceRange)
  case `subscript`(Expression, Expression, SourceRange)
  /// `start:stop:step` inside a subscript; absent parts are nil.
  case slice(Expression?, Expression?, Expression?, SourceRange)
  case lambda([Parameter], Expression, SourceRange)
  case starred(Expression, SourceRange)
  /// `[e for x in xs if c]`, `{e for …}`, `{k: v for …}` and `(e for …)`:
  /// the element (and, for a dict, its value) and the `for` clauses in order.
  case comprehension(ComprehensionKind, element: Expression, value: Expression?, [ComprehensionClause], SourceRange)
  /// An f-string: literal text and formatted values in order.
  case formatted([FormattedPart], SourceRange)

  /// Where the expression is in the source.
  public var range: SourceRange {
    switch self {
    case .name(_, let r), .none(let r), .bool(_, let r), .integer(_, let r), .float(_, let r), .string(_, let r),
      .bytes(_, let r), .ellipsis(let r), .list(_, let r), .tuple(_, let r), .set(_, let r), .dictionary(_, let r),
      .unary(_, _, let r), .binary(_, _, _, let r), .comparison(_, _, let r), .and(_, let r), .or(_, let r),
      .conditional(_, _, _, let r), .call(_, _, let r), .attribute(_, _, let r), .subscript(_, _, let r),
      .slice(_, _, _, let r), .lambda(_, _, let r), .starred(_, let r), .comprehension(_, _, _, _, let r),
      .formatted(_, let r):
      return r
    }
  }
}

/// What a comprehension builds.
public enum ComprehensionKind: String, Sendable, Hashable {
  case list, set, dictionary, generator
}

/// One `for target in iterable if condition …` clause of a comprehension.
public struct ComprehensionClause: Sendable {
  public var target: Expression
  public var iterable: Expression
  public var conditions: [Expression]

  public init(target: Expression, iterable: Expression, conditions: [Expression]) {
    self.target = target
    self.iterable = iterable
    self.conditions = conditions
  }
}

/// A piece of an f-string: literal text, or a replacement field
/// `{value!conversion:spec}` (the spec may itself hold fields, as in
/// `f"{x:{width}.3f}"`). `debugText` is the `value=` text of `f"{value=}"`.
public indirect enum FormattedPart: Sendable {
  case literal(String)
  case field(Expression, conversion: Character?, spec: [FormattedPart]?, debugText: String?)
}

/// One `except Type as name:` clause; a bare `except:` has no type.
public struct ExceptHandler: Sendable {
  public var type: Expression?
  public var name: String?
  public var body: [Statement]
  public var range: SourceRange

  public init(type: Expression?, name: String?, body: [Statement], range: SourceRange) {
    self.type = type
    self.name = name
    self.body = body
    self.range = range
  }
}

/// One argument of a call: positional, keyword (`seed=7`), `*args` or `**kwargs`.
public struct Argument: Sendable {
  public enum Kind: Sendable, Hashable {
    case positional
    case keyword(String)
    case unpackedSequence
    case unpackedMapping
  }

  public var kind: Kind
  public var value: Expression
  public var range: SourceRange

  public init(kind: Kind, value: Expression, range: SourceRange) {
    self.kind = kind
    self.value = value
    self.range = range
  }
}

/// A parameter of a `def` or `lambda`.
public struct Parameter: Sendable {
  public enum Kind: Sendable, Hashable { case regular, variadic, keywordVariadic, keywordOnly }
  public var name: String
  public var kind: Kind
  public var defaultValue: Expression?
  public var range: SourceRange

  public init(name: String, kind: Kind, defaultValue: Expression?, range: SourceRange) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.range = range
  }
}

public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-", plus = "+", invert = "~", not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
  case matrixMultiply = "@", shiftLeft = "<<", shiftRight = ">>", bitAnd = "&", bitOr = "|", bitXor = "^"
}

public enum ComparisonOperator: String, Sendable, Hashable {
  case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}

/// A statement of the Python subset.
public indirect enum Statement: Sendable {
  case expression(Expression)
  /// `a = b = value`: every target gets the value.
  case assignment(targets: [Expression], value: Expression, SourceRange)
  case augmentedAssignment(target: Expression, BinaryOperator, value: Expression, SourceRange)
  /// `import a.b as c`: each module path with its optional alias.
  case `import`([(module: String, alias: String?)], SourceRange)
  /// `from a.b import c as d` (names nil means `*`).
  case fromImport(module: String, names: [(name: String, alias: String?)]?, SourceRange)
  case `if`([(test: Expression, body: [Statement])], orElse: [Statement], SourceRange)
  case `for`(target: Expression, iterable: Expression, body: [Statement], orElse: [Statement], SourceRange)
  case `while`(test: Expression, body: [Statement], orElse: [Statement], SourceRange)
  case functionDefinition(name: String, parameters: [Parameter], body: [Statement], decorators: [Expression], SourceRange)
  case classDefinition(name: String, bases: [Argument], body: [Statement], decorators: [Expression], SourceRange)
  case with(items: [(context: Expression, target: Expression?)], body: [Statement], SourceRange)
  case `return`(Expression?, SourceRange)
  case pass(SourceRange)
  case `break`(SourceRange)
  case `continue`(SourceRange)
  case delete([Expression], SourceRange)
  case global([String], SourceRange)
  case nonlocal([String], SourceRange)
  case assert(Expression, message: Expression?, SourceRange)
  /// `raise`, `raise E` or `raise E from C`.
  case raise(Expression?, cause: Expression?, SourceRange)
  /// `try` with its handlers, `else` and `finally` blocks.
  case `try`(body: [Statement], handlers: [ExceptHandler], orElse: [Statement], finally: [Statement], SourceRange)

  public var range: SourceRange {
    switch self {
    case .expression(let e): return e.range
    case .assignment(_, _, let r), .augmentedAssignment(_, _, _, let r), .import(_, let r), .fromImport(_, _, let r),
      .if(_, _, let r), .for(_, _, _, _, let r), .while(_, _, _, let r), .functionDefinition(_, _, _, _, let r),
      .classDefinition(_, _, _, _, let r), .with(_, _, let r), .return(_, let r), .pass(let r), .break(let r),
      .continue(let r), .delete(_, let r), .global(_, let r), .nonlocal(_, let r), .assert(_, _, let r),
      .raise(_, _, let r), .try(_, _, _, _, let r):
      return r
    }
  }
}

/// A parsed source file or call string: its statements in order.
public struct Program: Sendable {
  public var source: SourceText
  public var statements: [Statement]

  public init(source: SourceText, statements: [Statement]) {
    self.source = source
    self.statements = statements
  }
}
