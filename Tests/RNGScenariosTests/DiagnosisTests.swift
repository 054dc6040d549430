import Foundation
import RNGDiffer
import RNGScenarios
import RNGTrace
import Testing

/// For every pair, the differ's first diagnosis is what the scenario says it
/// must be: the kind, the consumer, the stream, and the evidence on each side
/// (trace line and counter), all taken from what the recording wrote, not
/// from the differ's output.
@Suite("Diagnoses of the fixture pairs")
struct DiagnosisTests {
  @Test("the first diagnosis has the expected kind, consumer, stream and evidence", arguments: Pairs.names)
  func firstDiagnosis(_ name: String) throws {
    let pair = Pairs.named(name)
    let expected = pair.scenario.expectation
    let report = try pair.diff()
    if expected.kind == "identical" {
      #expect(report.verdict == .identical)
      #expect(report.diagnoses.isEmpty)
      #expect(report.exitStatus == 0)
      return
    }
    #expect(report.verdict == .different)
    let first = try #require(report.diagnoses.first, "\(name): no diagnosis")
    #expect(first.kind.rawValue == expected.kind)
    #expect(first.consumer?.path == expected.consumer)
    #expect(first.consumer?.role == expected.role)
    if let stream = expected.stream {
      #expect(first.stream.map { "\($0.framework.rawValue) \"\($0.name)\"" } == stream)
    }
    for (side, reference, run, evidence) in [
      ("a", expected.a, pair.a, first.a), ("b", expected.b, pair.b, first.b),
    ] {
      guard let reference else {
        #expect(evidence == nil, "\(name): \(side) should have no evidence")
        continue
      }
      let event = try #require(reference.resolve(in: run), "\(name): \(side) has no \(reference)")
      let found = try #require(evidence, "\(name): no evidence in \(side)")
      #expect(found.file == (side == "a" ? pair.pathA : pair.pathB))
      #expect(found.line == event.line, "\(name): \(side) evidence line")
      #expect(found.counter == event.counter, "\(name): \(side) evidence counter")
    }
  }

  @Test("the README of each pair states the command and the expected kind", arguments: Pairs.names)
  func readmeStatesKind(_ name: String) throws {
    let pair = Pairs.named(name)
    let readme = FixtureFiles.readme(pair.scenario, a: pair.a, b: pair.b)
    #expect(readme.contains(pair.scenario.command))
    #expect(readme.contains("**\(pair.scenario.expectation.kind)**"))
  }

  // MARK: What each scenario knows

  @Test("stream-offset: the reader reports b's gap of 3205 words and the differ accounts for none of it")
  func streamOffsetGap() throws {
    let pair = Pairs.named("stream-offset")
    let report = try pair.diff()
    let gap = try #require(report.b.findings.first)
    #expect(gap.kind == .counterGap)
    let shuffleA = try #require(pair.a.first(.draw, "fit/epoch", role: "shuffle")?.counter)
    let shuffleB = try #require(pair.b.first(.draw, "fit/epoch", role: "shuffle")?.counter)
    #expect(shuffleB - shuffleA == UInt64(640 * 5 + 5))
    #expect(gap.actualCounter == shuffleB)
    #expect(gap.expectedCounter == shuffleA)
  }

  @Test("unexplained: with the CPU capability recorded, the same pair is a config-mismatch naming it")
  func capabilityRecorded() throws {
    let pair = Pairs.named("unexplained")
    let first = try #require(try pair.diff().diagnoses.first)
    #expect(first.numeric != nil)
    // fc1's bound is ±0.5, so both kernels compute its weights exactly alike.
    #expect(pair.a.first(.draw, "model/fc1/weight", role: "init") != nil)
    // The same runs, recorded by a producer that writes the capability:
    let variant = try #require(ScenarioCatalog.variants.first { $0.name == "unexplained-with-capability" })
    let report = try TraceDiffer.diff(
      a: TraceReader(bytes: try variant.record(.a).bytes, name: "a.trace"),
      b: TraceReader(bytes: try variant.record(.b).bytes, name: "b.trace"))
    let diagnosis = try #require(report.diagnoses.first)
    #expect(diagnosis.kind == .configMismatch)
    #expect(diagnosis.configDifferences.map(\.name) == ["environment.torch.backends.cpu.get_cpu_capability()"])
    #expect(diagnosis.consumer?.path == "model/fc2/weight")
  }

  @Test("unexplained: the weights differ by exactly one unit in the last place where they differ")
  func oneUlp() throws {
    let pair = Pairs.named("unexplained")
    func weights(_ run: RecordedRun) throws -> [Float] {
      let reader = try TraceReader(bytes: run.bytes, name: run.side.traceFile)
      while let event = try reader.next() {
        if case .tensor(let t) = event, t.name == "model/fc2/weight", case .float32(let v)? = t.values { return v }
      }
      return []
    }
    let a = try weights(pair.a), b = try weights(pair.b)
    #expect(a.count == 8 && b.count == 8)
    let ulps = zip(a, b).map { Int64($0.bitPattern) - Int64($1.bitPattern) }.map { abs($0) }
    #expect(ulps.max() == 1)
    #expect(ulps.contains(0))
  }

  @Test("op-seed-derivation: the op ids are the op counts of the two programs, and w2's shift is w1's")
  func opIds() throws {
    let pair = Pairs.named("op-seed-derivation")
    let report = try pair.diff()
    let first = try #require(report.diagnoses.first)
    let inputsA = Dictionary(uniqueKeysWithValues: (first.a?.details ?? []).map { ($0.name, $0.value) })
    let inputsB = Dictionary(uniqueKeysWithValues: (first.b?.details ?? []).map { ($0.name, $0.value) })
    // placeholder (1) + mean ops + the initializer's three constants.
    #expect(inputsA["last_operation_id"] == "\(1 + 5 + 3)")
    #expect(inputsB["last_operation_id"] == "\(1 + 2 + 3)")
    #expect(report.diagnoses.count == 1, "w2's derivation is the same shift, an effect: \(report.diagnoses.map(\.kind))")
  }
}
