import PythonSubset
import RNGEngine
import Testing

/// Signatures of functions written in C may name a parameter with a Python
/// keyword (torch's `Tensor.uniform_(from=0, to=1)`).
@Suite struct SignatureKeywordParameters {
  @Test func keywordNamedParametersParseAndBind() throws {
    let signature = Signature("uniform_(from=0, to=1, *, generator=None)")
    #expect(signature.text == "uniform_(from=0, to=1, *, generator=None)")
    #expect(signature.parameters.map(\.name) == ["from", "to", "generator"])
    #expect(signature.parameters.map(\.kind) == [.regular, .regular, .keywordOnly])

    let f = BuiltinFunction(signature: signature) { args in
      .tuple([.float(try args.double("from") ?? 0), .float(try args.double("to") ?? 1)])
    }
    func run(_ text: String) throws -> String {
      let source = SourceText(name: "<test>", text: text)
      var last: Value = .none
      try Interpreter(source: source, globals: ["uniform_": .object(f)]).run(try Parser.parse(source)) { value, _, _ in last = value }
      return last.repr
    }
    #expect(try run("uniform_(2, to=3)") == "(2.0, 3.0)")
    #expect(try run("uniform_(**{'from': -1})") == "(-1.0, 1.0)")
    do {
      _ = try run("uniform_(1, 2, 3)")
      Issue.record("no error")
    } catch {
      #expect("\(error)" == "<test>:1:16: uniform_() takes at most 2 positional arguments but 3 were given; accepted: uniform_(from=0, to=1, *, generator=None)")
    }
  }

  @Test func ordinaryNamesAndDefaultsAreUntouched() {
    let signature = Signature("f(low, high=(1, None), *args, in_=0, **kwargs)")
    #expect(signature.parameters.map(\.name) == ["low", "high", "args", "in_", "kwargs"])
    #expect(signature.parameters.map(\.kind) == [.regular, .regular, .variadic, .keywordOnly, .keywordVariadic])
  }
}
