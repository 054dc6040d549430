import PythonSubset
import RNGEngine
import Testing

/// `int(x)` as CPython 3.11 evaluates it (each expected value is what
/// `python3 -c 'print(int(x))'` printed). `torch.manual_seed` applies it to
/// its seed, so `rngdiff sample torch --seed` relies on it too.
@Suite struct BuiltinInt {
  func evaluate(_ text: String) throws -> String {
    let source = SourceText(name: "<test>", text: text)
    var last: Value = .none
    try Interpreter(source: source, globals: [:]).run(try Parser.parse(source)) { value, _, _ in last = value }
    return last.repr
  }

  func failure(_ text: String) -> String {
    do {
      return "no error: \(try evaluate(text))"
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: [
    ("int(1.7)", "1"), ("int(-1.7)", "-1"), ("int(1e19)", "10000000000000000000"), ("int(-1e19)", "-10000000000000000000"),
    ("int(2.0**70)", "1180591620717411303424"), ("int(9.3e18)", "9300000000000000000"), ("int(True)", "1"),
    ("int(' 1_000 ')", "1000"), ("int('-7')", "-7"), ("int('+5')", "5"), ("int(b' 12 ')", "12"),
  ])
  func convertsAsCPythonDoes(expression: String, expected: String) throws {
    #expect(try evaluate(expression) == expected)
  }

  @Test(arguments: [
    ("int('--5')", "<test>:1:5: invalid literal for int() with base 10: '--5'"),
    ("int('1__0')", "<test>:1:5: invalid literal for int() with base 10: '1__0'"),
    ("int('0x10')", "<test>:1:5: invalid literal for int() with base 10: '0x10'"),
    ("int('')", "<test>:1:5: invalid literal for int() with base 10: ''"),
    ("int(b'x')", "<test>:1:5: invalid literal for int() with base 10: b'x'"),
    ("int(float('nan'))", "<test>:1:5: cannot convert float NaN to integer"),
    ("int(float('inf'))", "<test>:1:5: cannot convert float infinity to integer"),
    ("int([1])", "<test>:1:5: int() argument must be a string, a bytes-like object or a real number, not 'list'"),
  ])
  func refusesWhatCPythonRefuses(expression: String, message: String) {
    #expect(failure(expression) == message)
  }
}
