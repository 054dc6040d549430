import RNGRecording
import RNGEngine
import RNGStreams
import RNGTrace
import TorchStreams
import Testing

/// The recorder writes traces a reader accepts without findings: every draw
/// attributed to the consumer that was running, counters contiguous per
/// stream even across a reseed, digests of the values drawn.
@Suite struct TraceRecorderBehaviour {
  func record(_ body: (TraceRecorder, inout TorchGenerator) throws -> Void) throws -> [TraceEvent] {
    let header = RunHeader(producer: "rngdiff-tests", producerVersion: "0", profile: TraceProfile(framework: .torch, version: "2.15"))
    let writer = TraceWriter(header: header)
    let recorder = TraceRecorder(writer: writer, keepsValues: true)
    var torch = try TorchGenerator(seed: 0)
    torch.observer = recorder
    try body(recorder, &torch)
    try recorder.finish()
    let reader = try TraceReader(bytes: writer.bytes, name: "recorded")
    var events: [TraceEvent] = []
    while let e = try reader.next() { events.append(e) }
    #expect(reader.findings.isEmpty, "\(reader.findings)")
    return events
  }

  @Test func drawsCarryTheirConsumerAndDigest() throws {
    let events = try record { recorder, torch in
      try recorder.consuming("model/fc1", role: "init") { _ = try torch.linear(4, 2) }
      try recorder.consuming("model/drop", role: "mask") { _ = try torch.dropout(.float32(Array(repeating: 1, count: 8)), shape: [8], p: 0.5, training: true) }
    }
    let draws = events.compactMap { if case .draw(let d) = $0 { return d } else { return nil } }
    #expect(draws.map { $0.consumer.path } == ["model/fc1", "model/fc1", "model/drop"])
    #expect(draws.map { $0.counter } == [0, 8, 10])
    #expect(draws.map { $0.count } == [8, 2, 16])
    for d in draws {
      if let values = d.values { #expect(d.digest == TraceDigest.hex(of: values)) } else { Issue.record("values kept") }
    }
    let streams = events.compactMap { if case .stream(let s) = $0 { return s.id } else { return nil } }
    #expect(streams == ["torch.cpu-default"])
  }

  @Test func reseedingDeclaresTheStreamAgainSoCountersStayContiguous() throws {
    let events = try record { recorder, torch in
      try recorder.consuming("first", role: "init") { _ = try torch.rand([3]) }
      try torch.manualSeed(0)
      try recorder.consuming("second", role: "init") { _ = try torch.rand([3]) }
    }
    let draws = events.compactMap { if case .draw(let d) = $0 { return d } else { return nil } }
    #expect(draws.map { $0.stream } == ["torch.cpu-default", "torch.cpu-default"])
    #expect(draws.map { $0.counter } == [0, 0])
    let declarations = events.compactMap { if case .stream(let s) = $0 { return s.id } else { return nil } }
    #expect(declarations == ["torch.cpu-default", "torch.cpu-default"])
    #expect(draws[0].digest == draws[1].digest)
  }

  @Test func aReportedSeedingDeclaresTheStreamAtTheSeedingLine() throws {
    let events = try record { recorder, torch in
      recorder.source = "a.py:3"
      recorder.observe(seeded: torch.stream, start: 0)
      recorder.source = "a.py:7"
      try recorder.consuming("model/fc1", role: "init") { _ = try torch.rand([2]) }
    }
    let declarations = events.compactMap { e -> StreamEvent? in if case .stream(let s) = e { return s } else { return nil } }
    #expect(declarations.count == 1)
    #expect(declarations.first?.seeding.source == "a.py:3")
    let draws = events.compactMap { e -> DrawEvent? in if case .draw(let d) = e { return d } else { return nil } }
    #expect(draws.first?.source == "a.py:7")
  }
}
