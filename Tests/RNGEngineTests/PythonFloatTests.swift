import RNGEngine
import TestSupport
import Testing

@Suite struct PythonFloatAgainstCPython {
  @Test func reprMatchesCPythonForThousandsOfDoubles() throws {
    let golden = try PythonLanguageGolden.load()
    #expect(golden.float_repr.count > 3000)
    for row in golden.float_repr {
      let x = Double(bitPattern: UInt64(row[0], radix: 16)!)
      #expect(PythonFloat.repr(x) == row[1], "bits \(row[0])")
    }
  }

  @Test func jsonSpellingOfNonFiniteValues() {
    #expect(PythonFloat.json(.nan) == "NaN")
    #expect(PythonFloat.json(.infinity) == "Infinity")
    #expect(PythonFloat.json(-.infinity) == "-Infinity")
    #expect(PythonFloat.repr(-.infinity) == "-inf")
  }
}
