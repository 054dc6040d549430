import RNGDiffer
import RNGTrace
import Testing

/// A configuration switch recorded as a derivation (`jax.config.update`) is configuration, not a
/// seed: when it differs and the runs' configuration says so, the cause is a `config-mismatch`.
@Suite("Configuration switches")
struct ConfigSwitchDiffTests {
  /// One JAX run: `jax.config.update("jax_threefry_partitionable", flag)` at line 4, then a
  /// uniform draw from `key(7)` whose bits depend on the flag.
  func run(_ label: String, partitionable: Bool, digest: String) -> TraceBuilder {
    var b = TraceBuilder(label: label, profile: TraceProfile(framework: .jax, version: "0.10.2",
                                                             semantics: "jax_threefry_partitionable=\(partitionable ? "True" : "False")"))
    b.derivation(rule: "jax.config.update",
                 inputs: [NamedValue("name", "jax_threefry_partitionable"), NamedValue("val", partitionable ? "True" : "False")],
                 result: partitionable ? "partitionable" : "non-partitionable", source: "\(label).py:4")
    let key = b.stream("k7", framework: .jax, name: "key(0,7)", algorithm: .threefry2x32_20, seed: "(0, 7)",
                       seeding: .explicit(call: "jax.random.key(7)", source: "\(label).py:5"))
    b.draw(key, count: 2, consumer: "<top>", role: "", op: "uniform", dist: "uniform", dtype: "float32", shape: [4],
           source: "\(label).py:6", digest: digest)
    return b
  }

  @Test("the Threefry switch is a config-mismatch at the jax.config.update line")
  func threefrySwitch() throws {
    let report = try diff(run("a", partitionable: true, digest: "1111111111111111"),
                          run("b", partitionable: false, digest: "2222222222222222"))
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .configMismatch, "\(report.text())")
    #expect(d.a?.event == .derivation && d.a?.line == 2 && d.b?.line == 2)
    #expect(d.fix.contains("profile.semantics"), "\(d.fix)")
  }

  @Test("the same switch with the same configuration in both runs is not a difference")
  func sameSwitch() throws {
    let report = try diff(run("a", partitionable: false, digest: "2222222222222222"),
                          run("b", partitionable: false, digest: "2222222222222222"))
    #expect(report.verdict == .identical, "\(report.text())")
  }
}
