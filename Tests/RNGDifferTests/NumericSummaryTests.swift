import Foundation
import RNGDiffer
import RNGStreams
import RNGTrace
import TestSupport
import Testing

/// The numeric summary against torch.testing.assert_close's own report
/// (fixtures/trace/assert_close_goldens.json, made by the real torch).
@Suite("Numeric summary (assert_close)")
struct NumericSummaryTests {
  struct Case {
    var name: String
    var a: DrawnValues
    var b: DrawnValues
    var shape: [Int]
    var lines: [String]
  }

  static func cases() throws -> [Case] {
    let data = try Data(contentsOf: Fixtures.url("trace/assert_close_goldens.json"))
    let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    return (root["cases"] as! [[String: Any]]).map { c in
      let dtype = c["dtype"] as! String
      func values(_ key: String) -> DrawnValues {
        let hex = c[key] as! [String]
        return dtype == "float32"
          ? .float32(hex.map { Float(bitPattern: UInt32($0, radix: 16)!) })
          : .float64(hex.map { Double(bitPattern: UInt64($0, radix: 16)!) })
      }
      return Case(name: c["name"] as! String, a: values("a"), b: values("b"), shape: c["shape"] as! [Int],
                  lines: c["lines"] as! [String])
    }
  }

  @Test("the summary lines are assert_close's, value for value")
  func matchesTorch() throws {
    let cases = try Self.cases()
    #expect(cases.count == 5)
    for c in cases {
      let summary = NumericSummary(a: c.a, b: c.b, shape: c.shape)
      #expect(summary.lines == c.lines, "\(c.name)")
    }
  }

  @Test("different sizes give a note instead of numbers")
  func sizes() {
    let s = NumericSummary(a: [1, 2], b: [1], shape: [2])
    #expect(s.note == "the tensors have 2 and 1 elements")
    #expect(s.lines == ["the tensors have 2 and 1 elements"])
  }
}
