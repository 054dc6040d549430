import PythonSubset
import Testing

@Suite struct ParserShapes {
  func parse(_ text: String) throws -> Program {
    try Parser.parse(SourceText(name: "<test>", text: text))
  }

  @Test func callStringsSplitOnSemicolons() throws {
    let program = try parse("random(7); randn(3) ;randint(0, 2**40, 4)")
    #expect(program.statements.count == 3)
    guard case .expression(.call(.name("randint", _), let args, _)) = program.statements[2] else {
      Issue.record("expected a call to randint"); return
    }
    #expect(args.count == 3)
    guard case .binary(.power, .integer(let base, _), .integer(let exponent, _), _) = args[1].value else {
      Issue.record("expected 2**40"); return
    }
    #expect(base == PythonInt(2) && exponent == PythonInt(40))
  }

  @Test func unaryMinusBindsLooserThanPower() throws {
    guard case .expression(.unary(.negate, .binary(.power, _, _, _), _)) = try parse("-2**2").statements[0] else {
      Issue.record("-2**2 must parse as -(2**2)"); return
    }
  }

  @Test func keywordArgumentsAndMethodCalls() throws {
    let program = try parse("empty(20).uniform_(-0.5, 0.5); Dropout(0.5)(ones((40,)), training=True)")
    guard case .expression(.call(.attribute(.call(.name("empty", _), _, _), "uniform_", _), let a, _)) = program.statements[0] else {
      Issue.record("method call shape"); return
    }
    #expect(a.count == 2)
    guard case .expression(.call(.call(.name("Dropout", _), _, _), let b, _)) = program.statements[1],
      case .keyword("training") = b[1].kind
    else { Issue.record("keyword argument shape"); return }
  }

  @Test func blocksAndStatements() throws {
    let program = try parse("""
      import numpy as np
      from tensorflow import keras
      def build(units=3, *, seed=None):
          model = keras.Sequential()
          for i in range(2):
              if i == 0:
                  model.add(keras.layers.Dense(units))
              else:
                  pass
          return model

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
      x, y = 1, 2
      x += 1
      """)
    #expect(program.statements.count == 6)
    guard case .functionDefinition("build", let parameters, let body, _, _) = program.statements[2] else {
      Issue.record("def"); return
    }
    #expect(parameters.map(\.name) == ["units", "seed"])
    #expect(parameters[1].kind == .keywordOnly)
    #expect(body.count == 3)
  }

  @Test func errorsPointAtTheProblem() {
    func failure(_ text: String) -> SourceError? {
      do { _ = try parse(text); return nil } catch { return error as? SourceError }
    }
    let unclosed = failure("randint(0, 5")
    #expect(unclosed?.location == SourceLocation(line: 1, column: 13))
    #expect(unclosed?.message == "expected ')' to close '(' at 1:8, found end of line")
    #expect(failure("random(7) randn(3)")?.location == SourceLocation(line: 1, column: 11))
    #expect(failure("f(x=1, 2)")?.message == "positional argument follows keyword argument")
    #expect(failure("x = 'abc")?.message == "unterminated string")
    #expect(failure("f(1 $ 2)")?.location == SourceLocation(line: 1, column: 5))
    #expect(failure("if x:\n    a\n  b\n")?.message == "unindent does not match any outer indentation level")
    #expect(failure("f'{x'")?.message == "f-string: expecting '}'")
    #expect(failure("f'{}'")?.message == "f-string: empty expression not allowed")
    #expect(failure("f'a}'")?.message == "f-string: single '}' is not allowed")
    #expect(failure("f'{x!z}'")?.message == "f-string: invalid conversion character; expected 's', 'r', or 'a'")
    #expect(failure("x = (" + String(repeating: "(", count: 300) + "1")?.message == "too many nested parentheses")
    #expect(failure("x = " + String(repeating: "-", count: 5000) + "1")?.message.hasPrefix("expression too deeply nested") == true)
    #expect(failure("x = " + Array(repeating: "1", count: 5000).joined(separator: "+"))?.location.column == 2005)
    #expect(failure("def f():\n    yield 1\n")?.message.hasPrefix("generators ('yield') are not supported") == true)
    #expect(failure("try:\n    pass\n")?.message == "expected 'except' or 'finally' block")
    #expect(failure("try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n")?.message == "default 'except:' must be last")
    #expect(failure("007")?.message.hasPrefix("leading zeros") == true)
  }

  @Test func stringsAndNumbers() throws {
    let program = try parse(#"seed("h\x65llo" 'x'); f(0x1F, 0o17, 0b101, 1_000, 2.5e-3, .5)"#)
    guard case .expression(.call(_, let a, _)) = program.statements[0], case .string(let s, _) = a[0].value else {
      Issue.record("string"); return
    }
    #expect(s == "hellox")
    guard case .expression(.call(_, let b, _)) = program.statements[1] else { Issue.record("numbers"); return }
    let ints = b.prefix(4).compactMap { if case .integer(let i, _) = $0.value { return i.int } else { return nil } }
    #expect(ints == [31, 15, 5, 1000])
    guard case .float(let f, _) = b[4].value, case .float(let g, _) = b[5].value else { Issue.record("floats"); return }
    #expect(f == 2.5e-3 && g == 0.5)
  }
}
