import PythonSubset
import TestSupport
import Testing

/// Python int semantics, checked against 3000 operations evaluated by CPython.
@Suite struct PythonIntAgainstCPython {
  static func parse(_ text: String) -> PythonInt {
    let negative = text.hasPrefix("-")
    let value = PythonInt(digits: Substring(text.drop { $0 == "-" }), radix: 10)!
    return negative ? -value : value
  }

  @Test func arithmeticMatchesCPython() throws {
    let golden = try PythonLanguageGolden.load()
    #expect(golden.int_ops.count >= 3000)
    for row in golden.int_ops {
      let a = Self.parse(row[0]), b = Self.parse(row[2])
      let result: PythonInt
      switch row[1] {
      case "+": result = a + b
      case "-": result = a - b
      case "*": result = a * b
      case "//": result = try a.floorDivided(by: b)
      case "%": result = try a.modulo(b)
      case "<<": result = a.shiftedLeft(b.int!)
      case ">>": result = a.shiftedRight(b.int!)
      case "&": result = a.bitwise(.and, b)
      case "|": result = a.bitwise(.or, b)
      case "^": result = a.bitwise(.xor, b)
      case "**": result = a.power(b.int!)
      default: Issue.record("unknown op \(row[1])"); continue
      }
      #expect(result.description == row[3], "\(row[0]) \(row[1]) \(row[2])")
    }
  }

  @Test func conversionToFloatRoundsLikeCPython() throws {
    let golden = try PythonLanguageGolden.load()
    for row in golden.int_to_float {
      let value = Self.parse(row[0])
      let expected = UInt64(row[1], radix: 16)!
      #expect(value.double?.bitPattern == expected, "float(\(row[0]))")
    }
  }

  @Test func decimalTextRoundTrips() {
    for text in ["0", "-1", "4294967296", "18446744073709551616", "-340282366920938463463374607431768211457"] {
      #expect(Self.parse(text).description == text)
    }
  }

  @Test func narrowing() {
    #expect(PythonInt(Int64.min).int64 == Int64.min)
    #expect(Self.parse("9223372036854775808").int64 == nil)
    #expect(Self.parse("18446744073709551615").uint64 == UInt64.max)
    #expect(Self.parse("-1").truncatingUInt64 == UInt64.max)
    #expect(Self.parse("18446744073709551616").truncatingUInt64 == 0)
    #expect(Self.parse("4294967296").words32 == [0, 1])
  }

  @Test func divisionByZeroIsAnError() {
    #expect(throws: PythonIntError.divisionByZero) { try PythonInt(1).floorDivided(by: .zero) }
    #expect(throws: PythonIntError.divisionByZero) { try PythonInt(1).modulo(.zero) }
  }
}
