import PythonSubset
import RNGEngine
import TestSupport
import Testing

@Suite struct InterpreterAgainstCPython {
  func evaluate(_ text: String, globals: [String: Value] = [:]) throws -> Value {
    let source = SourceText(name: "<test>", text: text)
    var last: Value = .none
    try Interpreter(source: source, globals: globals).run(try Parser.parse(source)) { value, _, _ in last = value }
    return last
  }

  @Test func expressionsEvaluateAsCPythonDoes() throws {
    let golden = try PythonLanguageGolden.load()
    for row in golden.expressions {
      #expect(try evaluate(row[0]).repr == row[1], "\(row[0])")
    }
  }

  @Test func assignmentsAndUnpacking() throws {
    #expect(try evaluate("a, b = 2, 3; a * 10 + b").repr == "23")
    #expect(try evaluate("x = [1, 2]; x[0] = 5; x += [7]; x").repr == "[5, 2, 7]")
  }

  @Test func errorsCarryFileLineAndColumn() {
    func message(_ text: String) -> String {
      do {
        _ = try evaluate(text)
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    // Errors of the script's own making read as CPython's last traceback line.
    #expect(message("1 + undefined_name") == "<test>:1:5: NameError: name 'undefined_name' is not defined")
    #expect(message("1 // 0") == "<test>:1:1: ZeroDivisionError: integer division or modulo by zero")
    #expect(message("[1, 2][5]") == "<test>:1:1: IndexError: index 5 is out of range")
    #expect(message("'a' + 1") == "<test>:1:1: TypeError: unsupported operand type(s) for +: 'str' and 'int'")
    #expect(message("x = 1\ny = x.reel") == "<test>:2:5: AttributeError: 'int' object has no attribute 'reel'")  // CPython ints have .real
  }
}
