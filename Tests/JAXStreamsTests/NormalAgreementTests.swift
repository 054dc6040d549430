import JAXStreams
import Testing

/// The measured agreement of `normal` with JAX, as docs/frameworks/jax.md
/// states it: every golden normal value bit-exact (max distance 0 ulp).
@Suite struct NormalAgreementTests {
  /// Distance in units in the last place between two floats of one format,
  /// through their ordered bit patterns.
  static func ulps(_ a: Double, _ b: Double, float32: Bool) -> UInt64 {
    func ordered(_ x: Double) -> Int64 {
      if float32 {
        let bits = Int64(Float(x).bitPattern)
        return bits & 0x8000_0000 != 0 ? 0x8000_0000 - bits : bits
      }
      let bits = Int64(bitPattern: x.bitPattern)
      return bits < 0 ? Int64.min - bits : bits
    }
    return ordered(a) > ordered(b) ? UInt64(ordered(a) - ordered(b)) : UInt64(ordered(b) - ordered(a))
  }

  @Test func normalAgreementIsTotalOnTheGoldenValues() throws {
    var total: [String: Int] = [:], exact: [String: Int] = [:], worst: [String: UInt64] = [:]
    for file in ["jax_normal", "jax_x64"] {
      for c in try GoldenFile.cases(file) {
        var evaluator = GoldenEvaluator(config: c.jaxConfig)
        for output in c.outputs where output.expr.hasPrefix("normal(") {
          guard case .array(let array) = try evaluator.evaluate(output.expr), let got = array.doubles else {
            Issue.record("\(output.expr) did not give floats")
            continue
          }
          #expect(got.count == output.values.count)
          for (g, e) in zip(got, output.values.map(\.asDouble)) {
            total[output.dtype, default: 0] += 1
            if g.bitPattern == e.bitPattern { exact[output.dtype, default: 0] += 1 }
            worst[output.dtype] = max(worst[output.dtype] ?? 0, Self.ulps(g, e, float32: output.dtype != "float64"))
          }
        }
      }
    }
    // Documented in docs/frameworks/jax.md: ≥ 10 000 values per main dtype, all bit-exact.
    #expect(total["float32", default: 0] >= 10_000)
    #expect(total["float64", default: 0] >= 10_000)
    for (dtype, n) in total {
      #expect(exact[dtype] == n, "\(dtype): \(exact[dtype] ?? 0) of \(n) bit-exact")
      #expect(worst[dtype] == 0, "\(dtype): max distance \(worst[dtype] ?? 0) ulp")
    }
  }
}
