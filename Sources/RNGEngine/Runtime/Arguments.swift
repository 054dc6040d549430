import PythonSubset

/// The evaluated arguments of one call, each with the source text it came
/// from, so a framework can say which argument it rejects and where.
public struct Arguments: @unchecked Sendable {
  public var positional: [Located<Value>]
  public var keywords: [(name: String, value: Located<Value>)]
  /// The whole call expression.
  public var callRange: SourceRange
  /// The callee part (`randint` in `randint(0, 5)`).
  public var calleeRange: SourceRange

  public init(
    positional: [Located<Value>] = [], keywords: [(name: String, value: Located<Value>)] = [],
    callRange: SourceRange, calleeRange: SourceRange? = nil
  ) {
    self.positional = positional
    self.keywords = keywords
    self.callRange = callRange
    self.calleeRange = calleeRange ?? callRange
  }
}

/// A Python function signature written in Python syntax, used to bind call
/// arguments and to tell the user what is accepted.
///
/// ```swift
/// let s = Signature("randint(low, high=None, size=None, dtype=int)")
/// s.name          // "randint"
/// s.text          // "randint(low, high=None, size=None, dtype=int)"
/// ```
///
/// Defaults are not evaluated: a parameter with a default is optional, and
/// the binding code supplies the default (see ``BoundArguments``).
/// Parameters after `*` are keyword-only; `*args` and `**kwargs` collect
/// extra arguments.
///
/// Functions written in C may name a parameter with a Python keyword, such
/// as torch's `Tensor.uniform_(from=0, to=1)`; such a name is accepted here
/// (positionally, or as `**{'from': 0}`), as CPython accepts it.
public struct Signature: Sendable {
  public let name: String
  public let text: String
  public let parameters: [PythonSubset.Parameter]

  /// Parses `text`, e.g. `"uniform(low=0.0, high=1.0, size=None)"`.
  ///
  /// - Precondition: `text` is a valid Python function header (signatures
  ///   are written by rngdiff's own code, never by users).
  public init(_ text: String) {
    let (escaped, keywordNames) = Self.escapingKeywordParameters(text)
    let source = SourceText(name: "<signature>", text: "def \(escaped): pass\n")
    guard let program = try? Parser.parse(source),
      case .functionDefinition(let name, var parameters, _, _, _) = program.statements.first
    else { preconditionFailure("invalid signature text: \(text)") }
    for i in parameters.indices {
      if let original = keywordNames[parameters[i].name] { parameters[i].name = original }
    }
    self.name = name
    self.text = text
    self.parameters = parameters
  }

  /// Replaces parameter names that are Python keywords (`from`) by
  /// identifiers the parser accepts; returns the text and the replacements.
  private static func escapingKeywordParameters(_ text: String) -> (String, [String: String]) {
    guard let open = text.firstIndex(of: "(") else { return (text, [:]) }
    var head = String(text[...open])
    var replacements: [String: String] = [:]
    // Split the parameter list at top-level commas; a name is what precedes `=`.
    var depth = 0
    var piece = ""
    func flush(_ terminator: String) {
      let leading = piece.prefix { $0 == " " || $0 == "*" }
      let rest = piece.dropFirst(leading.count)
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      if let keyword = Keyword(rawValue: String(name)), ![.none, .true, .false].contains(keyword) {
        let substitute = "rngdiff_keyword_\(name)"
        replacements[substitute] = String(name)
        head += leading + substitute + rest.dropFirst(name.count)
      } else {
        head += piece
      }
      head += terminator
      piece = ""
    }
    for character in text[text.index(after: open)...] {
      switch character {
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      default: break
      }
      if depth < 0 || (depth == 0 && character == ",") {
        flush(String(character))
        if depth < 0 { depth = 0 }
      } else {
        piece.append(character)
      }
    }
    head += piece
    return (head, replacements)
  }

  /// A signature from parameters already parsed, such as a `lambda`'s;
  /// `text` is how messages show it (`"<lambda>(x, y=1)"`).
  public init(name: String, text: String, parameters: [PythonSubset.Parameter]) {
    self.name = name
    self.text = text
    self.parameters = parameters
  }

  /// Matches `arguments` to the parameters as Python does.
  public func bind(_ arguments: Arguments) throws -> BoundArguments {
    var bound: [String: Located<Value>] = [:]
    var extraPositional: [Located<Value>] = []
    var extraKeywords: [(name: String, value: Located<Value>)] = []
    let positionalSlots = parameters.filter { $0.kind == .regular }
    let acceptsVariadic = parameters.contains { $0.kind == .variadic }
    let acceptsKeywordVariadic = parameters.contains { $0.kind == .keywordVariadic }

    for (i, argument) in arguments.positional.enumerated() {
      if i < positionalSlots.count {
        bound[positionalSlots[i].name] = argument
      } else if acceptsVariadic {
        extraPositional.append(argument)
      } else {
        let given = arguments.positional.count
        let most = positionalSlots.count
        let takes = most == 0 ? "takes no positional arguments" : "takes at most \(most) positional argument\(most == 1 ? "" : "s")"
        throw EvaluationError("\(name)() \(takes) but \(given) \(given == 1 ? "was" : "were") given; accepted: \(text)", at: argument.range)
      }
    }
    for (keyword, value) in arguments.keywords {
      guard let parameter = parameters.first(where: { $0.name == keyword && ($0.kind == .regular || $0.kind == .keywordOnly) })
      else {
        if acceptsKeywordVariadic {
          extraKeywords.append((keyword, value))
          continue
        }
        throw EvaluationError("\(name)() got an unexpected keyword argument '\(keyword)'; accepted: \(text)", at: value.range)
      }
      if bound[parameter.name] != nil {
        throw EvaluationError("\(name)() got multiple values for argument '\(keyword)'", at: value.range)
      }
      bound[parameter.name] = value
    }
    for parameter in parameters where (parameter.kind == .regular || parameter.kind == .keywordOnly) {
      if bound[parameter.name] == nil && parameter.defaultValue == nil {
        throw EvaluationError("\(name)() missing required argument '\(parameter.name)'; accepted: \(text)", at: arguments.callRange)
      }
    }
    return BoundArguments(
      signature: self, values: bound, extraPositional: extraPositional, extraKeywords: extraKeywords,
      callRange: arguments.callRange)
  }
}
