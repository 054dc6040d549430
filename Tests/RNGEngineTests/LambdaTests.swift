import PythonSubset
import RNGEngine
import Testing

/// `lambda` in the Python subset (used by `tf.function(lambda: ...)`):
/// every expected value below is what CPython 3.11.7 printed for the same
/// text (repr of the result, or the TypeError's message).
@Suite struct LambdaAgainstCPython {
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

  @Test func argumentsBindAsInPython() throws {
    #expect(try evaluate("(lambda a, b=2, *c, **d: [a, b, c, d])(1, 3, 4, 5, x=6)") == "[1, 3, (4, 5), {'x': 6}]")
    #expect(try evaluate("(lambda a, b=2: [a, b])(7)") == "[7, 2]")
    #expect(try evaluate("(lambda: None)()") == "None")
  }

  @Test func namesResolveAsInPython() throws {
    // Globals are read at call time; defaults at definition time; enclosing lambdas' parameters are closed over.
    #expect(try evaluate("x = 10; f = lambda y: x + y; x = 20; f(1)") == "21")
    #expect(try evaluate("d = 5; g = lambda a=d: a; d = 6; g()") == "5")
    #expect(try evaluate("(lambda n: (lambda m: n * 10 + m))(3)(4)") == "34")
  }

  @Test func mismatchedArgumentsSayWhatTheLambdaAccepts() {
    // CPython: "<lambda>() missing 1 required positional argument: 'a'" and friends.
    #expect(failure("(lambda a: a)()") == "<test>:1:2: <lambda>() missing required argument 'a'; accepted: <lambda>(a)")
    #expect(failure("(lambda a: a)(1, 2)") == "<test>:1:18: <lambda>() takes at most 1 positional argument but 2 were given; accepted: <lambda>(a)")
    #expect(failure("(lambda a: a)(b=1)") == "<test>:1:17: <lambda>() got an unexpected keyword argument 'b'; accepted: <lambda>(a)")
  }
}
