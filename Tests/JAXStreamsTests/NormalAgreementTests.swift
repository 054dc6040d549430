import Foundation
import JAXStreams
import TestSupport
import Testing

/// The measured agreement of `normal` with JAX, as docs/frameworks/jax.md
/// states it: every golden normal value bit-exact (max distance 0 ulp).
///
/// The shared harness (GoldenSampleCases) already compares every golden
/// case through `rngdiff sample`; this test calls `JAXRandom.normal`
/// directly and measures the distance in ulps, so a regression in the
/// `erf_inv` emulation reports how far off it is, not only that it is.
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

  /// One golden `normal(key(S), (d, …), dtype)` output: the call's parts
  /// and the values JAX gave.
  struct NormalCase {
    var config: JAXConfig
    var typed: Bool
    var seed: Int64
    var shape: [Int]
    var dtype: JAXDType?
    var outputDType: String
    var values: [Double]
  }

  /// The golden outputs of plain `normal` calls in `file`.
  static func normalCases(_ file: String) throws -> [NormalCase] {
    let pattern = try Regex(#"^normal\((key|PRNGKey)\((-?\d+)\)(?:, \(([0-9, ]*)\))?(?:, (\w+))?\)$"#)
    let text = try String(contentsOf: Fixtures.url("reference/jax/\(file).jsonl"), encoding: .utf8)
    var out: [NormalCase] = []
    for line in text.split(separator: "\n").dropFirst() {
      let golden = try ExactJSON.parse(String(line))
      guard case .object(let flags)? = golden["config"] else { continue }
      let flag = { (name: String) in flags.first { $0.0 == name }?.1 == .bool(true) }
      let config = JAXConfig(threefryPartitionable: flag("jax_threefry_partitionable"), enableX64: flag("jax_enable_x64"))
      for output in golden["outputs"]?.array ?? [] {
        guard let expr = output["expr"]?.string, let match = try pattern.wholeMatch(in: expr),
          let seedText = match.output[2].substring, let seed = Int64(seedText)
        else { continue }
        let shape = (match.output[3].substring ?? "").split(separator: ",").compactMap {
          Int($0.trimmingCharacters(in: .whitespaces))
        }
        out.append(
          NormalCase(
            config: config, typed: match.output[1].substring == "key", seed: seed, shape: shape,
            dtype: match.output[4].substring.flatMap { JAXDType(name: String($0)) },
            outputDType: output["dtype"]?.string ?? "",
            values: (output["values"]?.array ?? []).compactMap { $0.number.flatMap(Double.init) }))
      }
    }
    return out
  }

  @Test func normalAgreementIsTotalOnTheGoldenValues() throws {
    var total: [String: Int] = [:], exact: [String: Int] = [:], worst: [String: UInt64] = [:]
    for file in ["jax_normal", "jax_x64"] {
      for c in try Self.normalCases(file) {
        let random = JAXRandom(config: c.config)
        let key = c.typed ? try random.key(c.seed) : try random.prngKey(c.seed)
        let array = try random.normal(key, shape: c.shape, dtype: c.dtype)
        #expect(array.dtypeName == c.outputDType)
        let got = array.doubles
        guard array.isFloatingPoint, got.count == c.values.count else {
          Issue.record("normal(\(key), \(c.shape)) gave \(array.count) values, expected \(c.values.count)")
          continue
        }
        for (g, e) in zip(got, c.values) {
          total[c.outputDType, default: 0] += 1
          if g.bitPattern == e.bitPattern { exact[c.outputDType, default: 0] += 1 }
          worst[c.outputDType] = max(worst[c.outputDType] ?? 0, Self.ulps(g, e, float32: c.outputDType != "float64"))
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
