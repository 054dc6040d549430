import PythonSubset
import RNGEngine
import RNGStreams
import Testing

/// A stand-in framework that exercises the binding machinery every real
/// framework uses: signatures, typed arguments, in-place calls, named
/// outputs, and framework errors placed at the argument they name.
final class ToyFramework: SampleFramework {
  var next: Int64 = 0
  var namespace: [String: Value] {
    let ns = Namespace(name: "toy")
    ns.define("count(size=None, start=0)") { [self] args in
      let shape = try args.shape("size") ?? []
      let start = try args.int("start")?.int64 ?? 0
      let n = shape.elementCount
      defer { next += Int64(n) }
      return .object(ArrayObject(Tensor(shape: shape, int64: (0..<Int64(n)).map { start + next + $0 }), kind: .numpy))
    }
    ns.define("reverse(x)") { args in
      guard let a = try args.array("x"), case .int(let v) = a.tensor.storage else { return .none }
      a.tensor = Tensor(shape: a.tensor.shape, int64: v.reversed())
      return .none
    }
    ns.define("arange(n)") { args in
      let n = try args.requiredInt("n").int64 ?? 0
      return .object(ArrayObject(Tensor(shape: [Int(n)], int64: Array(0..<n)), kind: .numpy))
    }
    ns.define("strict(low, high)") { args in
      try args.framework {
        let low = try args.requiredInt("low"), high = try args.requiredInt("high")
        if !(low < high) { throw FrameworkError("high <= low", parameter: "high") }
        return Value.int(high - low)
      }
    }
    ns.define("layer()") { _ in .object(ToyLayer()) }
    return ns.members
  }
}

final class ToyLayer: NamedOutputs {
  var typeName: String { "ToyLayer" }
  var namedOutputs: [(name: String, tensor: Tensor)] {
    [("weight", Tensor(shape: [2], float32: [0.5, -0.25])), ("bias", Tensor(shape: [1], float32: [0.1]))]
  }
}

@Suite struct SampleBinding {
  func run(_ calls: String) throws -> [SampleOutput] {
    try SampleSession.evaluate(calls: calls, in: ToyFramework(), callDescription: "toy call")
  }

  func failure(_ calls: String) -> String {
    do {
      _ = try run(calls)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func stateCarriesAcrossCallsAndShapesFlatten() throws {
    let outputs = try run("count(3); count((2, 2)); count()")
    #expect(outputs.map(\.call) == [0, 1, 2])
    #expect(outputs.map(\.expression) == ["count(3)", "count((2, 2))", "count()"])
    #expect(outputs[1].tensor == Tensor(shape: [2, 2], int64: [3, 4, 5, 6]))
    #expect(outputs[2].tensor.shape == [])
  }

  @Test func inPlaceCallReportsItsFirstArgument() throws {
    let outputs = try run("reverse(arange(4))")
    #expect(outputs.first?.tensor == Tensor(shape: [4], int64: [3, 2, 1, 0]))
  }

  @Test func namedOutputsAndPythonValues() throws {
    let outputs = try run("layer(); 2**70; [1, 2.5]; [True, False]; 7")
    #expect(outputs.map(\.name) == ["weight", "bias", nil, nil, nil, nil])
    #expect(outputs[2].tensor.dtype == .pythonInt)
    #expect(outputs[3].tensor == Tensor(shape: [2], float64: [1, 2.5]))
    #expect(outputs[4].tensor.dtype == .bool)
    #expect(outputs[5].tensor == Tensor(shape: [], int64: [7]))
  }

  @Test func renderingMatchesTheGoldenFormat() throws {
    let outputs = try run("layer(); count(2)")
    #expect(outputs[0].jsonLine == #"{"call": 0, "expr": "layer()", "name": "weight", "dtype": "float32", "shape": [2], "values": [0.5, -0.25]}"#)
    #expect(outputs[2].plainLines == ["0", "1"])
    #expect(outputs[2].jsonLine == #"{"call": 1, "expr": "count(2)", "dtype": "int64", "shape": [2], "values": [0, 1]}"#)
    #expect(try run("layer()")[1].plainLines == ["0.10000000149011612"])
  }

  @Test func bindingErrorsNameTheProblemThePlaceAndWhatIsAccepted() {
    #expect(failure("count(1, 2, 3)") == "<calls>:1:13: count() takes at most 2 positional arguments but 3 were given; accepted: count(size=None, start=0)")
    #expect(failure("count(sise=3)") == "<calls>:1:12: count() got an unexpected keyword argument 'sise'; accepted: count(size=None, start=0)")
    #expect(failure("count(2.5)") == "<calls>:1:7: count() argument 'size' must be an int or a tuple of ints, got float 2.5")
    #expect(failure("count(-1)") == "<calls>:1:7: count() argument 'size' has a negative dimension -1")
    #expect(failure("arange()") == "<calls>:1:1: arange() missing required argument 'n'; accepted: arange(n)")
    #expect(failure("strict(5, 1)") == "<calls>:1:11: high <= low")
    #expect(failure("cnt(3)") == "<calls>:1:1: 'cnt' is not a toy call rngdiff knows; did you mean 'count'? accepted: arange, count, layer, reverse, strict")
    #expect(failure("count(3) count(4)") == "<calls>:1:10: expected the end of the statement, found name 'count'")
  }
}
