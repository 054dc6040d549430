import RNGDiffer
import RNGTrace
import Testing

/// Two draws of one consumer at the same position of the same stream:
/// what counts as the same draw (parameters by value, in any order) and
/// how the report says what differs.
@Suite struct SamePositionDrawTests {
  /// One draw on NumPy's global stream, then a second one, in each run.
  static func pair(
    a first: (op: String, count: UInt64, params: [NamedValue]), b second: (op: String, count: UInt64, params: [NamedValue]),
    sameDigest: Bool = true
  ) throws -> DiffReport {
    var traces: [TraceBuilder] = []
    for (label, draw) in [("a", first), ("b", second)] {
      var t = TraceBuilder(label: label)
      let np = t.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: "\(label).py:2"))
      t.draw(np, count: draw.count, consumer: "noise", role: "noise", op: draw.op, dist: "normal", params: draw.params,
             shape: [1], digest: sameDigest || label == "a" ? "0123456789abcdef" : "fedcba9876543210")
      t.draw(np, count: 4, consumer: "w", role: "init", op: "randn", dist: "normal", shape: [2])
      traces.append(t)
    }
    return try diff(traces[0], traces[1])
  }

  static let unit = [NamedValue("loc", "0.0"), NamedValue("scale", "1.0")]

  @Test("+1 against +2 words with the same parameters: the explanation names the counts, not other values")
  func countOnly() throws {
    let report = try Self.pair(a: ("standard_normal", 1, Self.unit), b: ("standard_normal", 2, Self.unit))
    let d = try #require(report.diagnoses.first)
    #expect(d.consumer == Consumer("noise", role: "noise"))
    #expect(d.explanation.contains("\(CounterUnitName.word32.plural(1)) in a and \(CounterUnitName.word32.plural(2)) in b"),
            "\(d.explanation)")
    // The digests agree: the values are not said to differ.
    #expect(!d.explanation.contains("values differ"), "\(d.explanation)")
    // With other digests too, both are said.
    let both = try #require(try Self.pair(a: ("standard_normal", 1, Self.unit), b: ("standard_normal", 2, Self.unit), sameDigest: false)
      .diagnoses.first)
    #expect(both.explanation.contains("\(CounterUnitName.word32.plural(2)) in b") && both.explanation.contains("values differ"))
  }

  @Test("a parameter-mismatch names what differs: the op, a parameter, the count")
  func parameterMismatchSaysWhatDiffers() throws {
    let opOnly = try #require(try Self.pair(a: ("randn", 2, Self.unit), b: ("standard_normal", 2, Self.unit)).diagnoses.first)
    #expect(opOnly.kind == .parameterMismatch)
    #expect(opOnly.explanation.contains("op randn in a, standard_normal in b"), "\(opOnly.explanation)")
    let scale = [NamedValue("loc", "0.0"), NamedValue("scale", "2.0")]
    let both = try #require(try Self.pair(a: ("randn", 1, Self.unit), b: ("randn", 2, scale)).diagnoses.first)
    #expect(both.kind == .parameterMismatch)
    #expect(both.explanation.contains("scale 1.0 in a, 2.0 in b"), "\(both.explanation)")
    #expect(both.explanation.contains("count \(CounterUnitName.word32.plural(1)) in a, \(CounterUnitName.word32.plural(2)) in b"))
    #expect(!both.explanation.contains("loc "), "loc is the same in both")
  }

  @Test("parameters in another order or number spelling are the same parameters; an int and a float are not")
  func parametersCompareByValue() throws {
    let spelled = [NamedValue("scale", "1.00"), NamedValue("loc", "0e0")]
    #expect(try Self.pair(a: ("randn", 2, Self.unit), b: ("randn", 2, spelled)).verdict == .identical)
    let int = [NamedValue("loc", "0"), NamedValue("scale", "1.0")]
    let report = try Self.pair(a: ("randn", 2, Self.unit), b: ("randn", 2, int))
    #expect(report.diagnoses.first?.kind == .parameterMismatch)
    #expect(report.diagnoses.first?.explanation.contains("loc 0.0 in a, 0 in b") == true)
  }
}
