import Foundation
import RNGTrace
import TestSupport

/// A small valid trace used by several tests: two streams, phases, draws,
/// a derivation, a tensor and a metric.
func sampleBuilder() -> TraceBuilder {
  var config = RunConfig(pythonHashSeed: "0", device: "cpu")
  config.threads = [NamedValue("intra_op", "4")]
  config.libraries = [NamedValue("numpy", "2.4.6")]
  var b = TraceBuilder(
    label: "sample", profile: TraceProfile(framework: .numpy, version: "2.4.6"), config: config,
    source: SourceScript(path: "a.py", sha256: String(repeating: "ab", count: 32)))
  let np = b.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: "a.py:1"))
  let py = b.stream("py", framework: .python, name: "random", seed: "init_by_array([0])", seeding: .entropy)
  b.phase("build", .begin, name: "model")
  b.draw(np, count: 40, consumer: "model/dense/kernel", role: "init", op: "randn", dist: "normal",
         params: [NamedValue("loc", "0.0"), NamedValue("scale", "1.0")], shape: [4, 10], source: "a.py:5")
  b.derivation(rule: "keras.make_default_seed", inputs: [NamedValue("draw", "randint(1, 1e9)")], result: "12345",
               consumer: "model/dropout", role: "seed")
  b.draw(py, count: 2, consumer: "model/dropout", role: "seed", op: "randint", dist: "integers", dtype: "int64")
  b.phase("build", .end, name: "model")
  b.phase("epoch", .begin, index: 1)
  b.draw(np, count: 8, consumer: "fit", role: "shuffle", op: "shuffle", dist: "permutation", dtype: "int64", shape: [8],
         values: .int64([3, 1, 4, 0, 5, 2, 7, 6]))
  b.tensor("model/dense/kernel", moment: .afterEpoch(1), values: .float32([0.5, -0.25, 1e-8, 3.4028235e38]))
  b.metric("loss", epoch: 1, value: 0.6931471805599453)
  b.phase("epoch", .end, index: 1)
  return b
}

/// Reads every event of `bytes`; returns the events and the reader.
func readAll(_ bytes: [UInt8], name: String = "t.trace") throws -> ([TraceEvent], TraceReader) {
  let reader = try TraceReader(bytes: bytes, name: name)
  var events: [TraceEvent] = []
  while let e = try reader.next() { events.append(e) }
  return (events, reader)
}

func readAll(_ text: String, name: String = "t.trace") throws -> ([TraceEvent], TraceReader) {
  try readAll(Array(text.utf8), name: name)
}

/// A header line for hand-written traces.
let headerLine = #"{"event":"header","format":"rngdiff-trace","version":1,"producer":"test","producer_version":"0","profile":{"framework":"numpy","version":"2.4.6"},"config":{}}"#
let streamLine = #"{"event":"stream","seq":0,"id":"np","framework":"numpy","name":"global","algorithm":"mt19937","unit":"u32","seed":"init_genrand(0)","seeding":{"how":"explicit","call":"np.random.seed(0)"}}"#
func drawLine(seq: Int, counter: Int, count: Int, stream: String = "np", consumer: String = "c") -> String {
  #"{"event":"draw","seq":\#(seq),"stream":"\#(stream)","counter":\#(counter),"count":\#(count),"op":"random_sample","dist":"uniform","consumer":"\#(consumer)","role":"init"}"#
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngtrace-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// fixtures/trace/goldens.json, produced by the real Python and NumPy.
func goldens() throws -> [String: Any] {
  let data = try Data(contentsOf: Fixtures.url("trace/goldens.json"))
  return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}
