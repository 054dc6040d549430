import PythonStreams
import RNGStreams
import Testing

/// The release profiles and the calls whose results depend on them.
@Suite struct PythonVersionTests {
  @Test(arguments: [("3.9", 9), ("3.13", 13), ("3.12.1", 12), ("3.11.7", 11)])
  func releasesParse(text: String, minor: Int) throws {
    #expect(try #require(PythonVersion(text)).minor == minor)
  }

  @Test(arguments: ["3.8", "3.14", "2.7", "3", "3.x", "3.11.", "", "4.11"])
  func otherReleasesAreRefused(text: String) {
    #expect(PythonVersion(text) == nil)
  }

  @Test func theDefaultIsPython311() {
    #expect(PythonVersion.default.description == "3.11")
    #expect(PythonVersion.supported.map(\.description) == ["3.9", "3.10", "3.11", "3.12", "3.13"])
  }

  /// Python 3.9's `1 / u ** (1/a)` and 3.10's `u ** (-1/a)` draw the same
  /// word pair but round differently for some draws (the goldens of both
  /// releases pin which).
  @Test func paretoFormulasDifferOnlyInRounding() throws {
    var old = PythonRandom(seed: 9)
    var new = PythonRandom(seed: 9)
    let v39 = try #require(PythonVersion("3.9"))
    var differing = 0
    for _ in 0..<500 {
      let a = try old.paretovariate(0.05, version: v39)
      let b = try new.paretovariate(0.05)
      #expect(abs(a - b) <= 4 * b.ulp)
      if a != b { differing += 1 }
    }
    #expect(differing > 0)
    #expect(old.mt == new.mt)
  }

  /// `seed(a, version=1)`: bytes are Latin-1 code points, so they seed like
  /// the str with the same code points, and unlike the UTF-8 reading of a
  /// non-ASCII str.
  @Test func versionOneReadsCodePoints() throws {
    #expect(PythonSeed.version1(bytes: Array("nofar".utf8)) == PythonSeed.version1(string: "nofar"))
    #expect(PythonSeed.version1(bytes: [0xE9]) == PythonSeed.version1(string: "\u{E9}"))
    #expect(PythonSeed.version1(bytes: Array("\u{E9}".utf8)) != PythonSeed.version1(string: "\u{E9}"))
    #expect(PythonSeed.version1(string: "") == .int(0))
  }
}
