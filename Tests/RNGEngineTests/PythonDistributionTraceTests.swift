import RNGRecording
import PythonStreams
import RNGEngine
import RNGStreams
import RNGTrace
import Testing

/// The distribution samplers need nothing of their own to appear in traces:
/// the recorder turns their reports into draw events with consumers,
/// contiguous counters and digests, and the reader finds nothing wrong.
@Suite struct PythonDistributionTraceTests {
  @Test func distributionDrawsBecomeTraceEvents() throws {
    let header = RunHeader(producer: "rngdiff-tests", producerVersion: "0", profile: TraceProfile(framework: .python, version: "3.12"))
    let writer = TraceWriter(header: header)
    let recorder = TraceRecorder(writer: writer, keepsValues: true)
    var r = PythonRandom(seed: 7, observer: recorder)
    try recorder.consuming("augment/jitter", role: "augment") {
      _ = try r.gammavariate(0.3, 1.0)
      _ = try r.betavariate(2.0, 5.0)
      _ = r.triangular(low: 0, high: 1, mode: 0.2)
    }
    try recorder.consuming("sim/arrivals", role: "sample") {
      _ = try r.binomialvariate(300, 0.4)
      _ = try r.vonmisesvariate(0.0, 3.0)
    }
    try recorder.finish()
    let reader = try TraceReader(bytes: writer.bytes, name: "recorded")
    var events: [TraceEvent] = []
    while let e = try reader.next() { events.append(e) }
    #expect(reader.findings.isEmpty, "\(reader.findings)")
    let draws = events.compactMap { if case .draw(let d) = $0 { return d } else { return nil } }
    #expect(draws.map(\.consumer.path) == ["augment/jitter", "augment/jitter", "augment/jitter", "sim/arrivals", "sim/arrivals"])
    #expect(draws.first?.counter == 0)
    for (previous, next) in zip(draws, draws.dropFirst()) {
      #expect(next.counter == previous.counter + previous.count)
    }
    #expect(draws.last.map { $0.counter + $0.count } == r.mt.wordsDrawn)
  }
}
