import PythonSubset
import Testing

/// The statements and expressions whole scripts need: f-strings with their
/// own positions, comprehensions, try/except/finally, raise from, nonlocal.
@Suite struct ScriptSyntax {
  func parse(_ text: String) throws -> Program {
    try Parser.parse(SourceText(name: "<test>", text: text))
  }

  @Test func fStringFieldsKeepTheirPositionInTheFile() throws {
    let program = try parse("x = 1\nprint(f'a{x + 1:>{w}}b{y!r}{z=}')\n")
    guard case .expression(.call(_, let args, _)) = program.statements[1], case .formatted(let parts, _) = args[0].value else {
      Issue.record("expected an f-string argument"); return
    }
    #expect(parts.count == 5)
    guard case .field(.binary(.add, .name("x", let xr), _, _), nil, let spec?, nil) = parts[1] else {
      Issue.record("expected the field x + 1 with a spec"); return
    }
    #expect(xr.start == SourceLocation(line: 2, column: 11))
    guard case .literal(">") = spec[0], case .field(.name("w", _), nil, nil, nil) = spec[1] else {
      Issue.record("expected the nested field {w} in the spec"); return
    }
    guard case .field(.name("y", _), "r", nil, nil) = parts[3] else { Issue.record("expected {y!r}"); return }
    guard case .field(.name("z", _), "r", nil, "z=") = parts[4] else { Issue.record("expected {z=}, shown with repr"); return }
  }

  /// `name: T = value` (Flax and dataclass fields) assigns the value; `name: T` alone does nothing.
  @Test func annotatedAssignmentsKeepTheValueAndDropTheAnnotation() throws {
    let program = try parse("class M:\n    hidden: int = 16\n    rate: float\n")
    guard case .classDefinition(_, _, let body, _, _) = program.statements[0] else { Issue.record("class"); return }
    guard case .assignment(let targets, .integer(let v, _), _) = body[0], case .name("hidden", _) = targets[0] else {
      Issue.record("expected hidden = 16, got \(body[0])"); return
    }
    #expect(v == PythonInt(16))
    guard case .pass = body[1] else { Issue.record("expected the bare annotation to do nothing, got \(body[1])"); return }
    #expect(throws: SourceError.self) { try parse("x.y: int = 3\n") }
  }

  @Test func doubledBracesAndAdjacentLiteralsJoin() throws {
    guard case .expression(.formatted(let parts, _)) = try parse("'a' f'{{b}}' 'c'").statements[0] else {
      Issue.record("expected one f-string"); return
    }
    let text = parts.map { if case .literal(let t) = $0 { return t } else { return "?" } }.joined()
    #expect(text == "a{b}c")
  }

  @Test func comprehensionsOfEveryKind() throws {
    let program = try parse("[x for x in a if x for y in b]\n{k: v for k, v in d}\n{s for s in t}\nsum(x for x in a)\n")
    guard case .expression(.comprehension(.list, _, nil, let clauses, _)) = program.statements[0] else {
      Issue.record("list comprehension"); return
    }
    #expect(clauses.count == 2 && clauses[0].conditions.count == 1)
    guard case .expression(.comprehension(.dictionary, _, _?, _, _)) = program.statements[1] else { Issue.record("dict"); return }
    guard case .expression(.comprehension(.set, _, nil, _, _)) = program.statements[2] else { Issue.record("set"); return }
    guard case .expression(.call(_, let args, _)) = program.statements[3], case .comprehension(.generator, _, _, _, _) = args[0].value
    else { Issue.record("generator argument"); return }
  }

  @Test func tryWithHandlersElseAndFinally() throws {
    let text = "try:\n    f()\nexcept (KeyError, ValueError) as e:\n    pass\nexcept Exception:\n    raise\nelse:\n    g()\nfinally:\n    h()\n"
    guard case .try(let body, let handlers, let orElse, let finally, _) = try parse(text).statements[0] else {
      Issue.record("expected try"); return
    }
    #expect(body.count == 1 && handlers.count == 2 && orElse.count == 1 && finally.count == 1)
    #expect(handlers[0].name == "e")
    guard case .tuple(let types, _)? = handlers[0].type else { Issue.record("expected a tuple of types"); return }
    #expect(types.count == 2)
    guard case .raise(nil, nil, _) = handlers[1].body[0] else { Issue.record("expected a bare raise"); return }
  }

  @Test func raiseFromAndNonlocal() throws {
    let program = try parse("def f():\n    nonlocal n\n    raise ValueError('x') from e\n")
    guard case .functionDefinition(_, _, let body, _, _) = program.statements[0] else { Issue.record("def"); return }
    guard case .nonlocal(["n"], _) = body[0] else { Issue.record("nonlocal"); return }
    guard case .raise(_?, cause: .name("e", _)?, _) = body[1] else { Issue.record("raise from"); return }
  }

  @Test func unpackingInDictAndSetDisplays() throws {
    guard case .expression(.dictionary(let pairs, _)) = try parse("{**a, 'b': 2, **c}").statements[0] else {
      Issue.record("expected a dict display"); return
    }
    #expect(pairs.count == 3 && pairs[0].key == nil && pairs[1].key != nil && pairs[2].key == nil)
    guard case .expression(.set(let items, _)) = try parse("{*a, 1}").statements[0], case .starred = items[0] else {
      Issue.record("expected a set display starting with *a"); return
    }
  }

  @Test func generatorArgumentsMustStandAlone() throws {
    #expect(throws: SourceError.self) { try parse("f(x for x in a, 1)") }
  }
}
