import RNGDiffer
import RNGTrace
import Testing

/// One pair of traces per diagnosis kind, built the way two runs in a bug
/// report differ, with the kind, the consumer, the counters and the
/// root-cause pointer checked.
@Suite("Diagnosis kinds")
struct DiagnosisKindTests {
  @Test("identical runs: verdict identical, exit status 0, no diagnoses")
  func identical() throws {
    let report = try diff(Script(label: "a").build(), Script(label: "a").build())
    #expect(report.verdict == .identical)
    #expect(report.exitStatus == 0)
    #expect(report.diagnoses.isEmpty)
    #expect(report.matchedEvents == Script().build().events.count - 2)  // stream events are not paired
  }

  @Test("labels, source paths and stream ids do not make runs different")
  func incidentalDifferences() throws {
    var b = Script(label: "b").build()
    // Rename b's numpy stream id everywhere: streams match by role, not by id.
    let events = b.events.map { event -> TraceEvent in
      switch event {
      case .stream(var s) where s.id == "np": s.id = "numpy-global"; return .stream(s)
      case .draw(var d) where d.stream == "np": d.stream = "numpy-global"; return .draw(d)
      default: return event
      }
    }
    b = TraceBuilder(label: "b")
    for e in events { b.append(e) }
    let a = Script(label: "a").build()
    var bb = TraceBuilder(label: "b", config: a.header.config)
    for e in events { bb.append(e) }
    let report = try diff(a, bb)
    #expect(report.verdict == .identical, "\(report.text())")
  }

  @Test("extra-draw: b creates one more layer; later draws are propagation, not causes")
  func extraDraw() throws {
    var sb = Script(label: "b")
    sb.layers.insert(("model/extra", 10), at: 1)
    let report = try diff(Script(label: "a").build(), sb.build())
    #expect(report.verdict == .different && report.exitStatus == 1)
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .extraDraw)
    #expect(d.consumer == Consumer("model/extra/kernel", role: "init"))
    #expect(d.a == nil)
    #expect(d.b?.line == 6 && d.b?.counter == 40 && d.b?.count == 10)
    #expect(d.stream?.name == "global")
    #expect(d.place == "build")
    // The shifted layer is an effect, with both counters in the explanation.
    let shifted = try #require(d.effects.first { $0.what == "model/dense_1/kernel (init)" })
    #expect(shifted.aLine == 6 && shifted.bLine == 7)
    #expect(d.explanation.contains("at counter 40 in a and 50 in b"))
    #expect(d.effects.contains { $0.what == "model/extra/kernel" && $0.event == .tensor })
    #expect(d.effects.contains { $0.what == "loss" && $0.from == "epoch 1" })
    // Dropout masks come from another stream and do not diverge.
    #expect(!d.effects.contains { $0.what.hasPrefix("model/dropout") })
  }

  @Test("missing-draw: a has a layer b lacks")
  func missingDraw() throws {
    var sb = Script(label: "b")
    sb.layers.remove(at: 1)
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .missingDraw)
    #expect(d.consumer == Consumer("model/dense_1/kernel", role: "init"))
    #expect(d.b == nil && d.a?.counter == 40 && d.a?.count == 22)
    #expect(d.explanation.hasPrefix("a draws 22 u32 words from numpy \"global\" (mt19937) that b does not"))
    #expect(d.explanation.contains("the first, model/dense_2/kernel (init), is at counter 62 in a and 40 in b"))
  }

  @Test("the upstream draws that account for an offset are named with their counts")
  func accountedOffset() throws {
    var sb = Script(label: "b")
    sb.layers.insert(("model1/dense", 40), at: 0)
    sb.layers.insert(("model1/dense_1", 22), at: 1)
    let report = try diff(Script(label: "a").build(), sb.build())
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .extraDraw)
    #expect(d.hunkSize == 2 && d.hunkUnits == 62)
    #expect(d.explanation.contains("b draws 62 u32 words from numpy \"global\" (mt19937) that a does not, for model1/dense/kernel (init) 40, model1/dense_1/kernel (init) 22"))
    #expect(d.explanation.contains("the first, model/dense/kernel (init), is at counter 0 in a and 62 in b"))
  }

  @Test("seed-mismatch: np.random.seed(0) against np.random.seed(1)")
  func seedMismatch() throws {
    var sb = Script(label: "b")
    sb.seed = 1
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .seedMismatch)
    #expect(d.consumer == Consumer("model/dense/kernel", role: "init"))
    #expect(d.a?.counter == 0 && d.b?.counter == 0)
    #expect(d.a?.line == 5 && d.b?.line == 5)
    #expect(d.stream?.a?.seedMaterial == "init_genrand(0)" && d.stream?.b?.seedMaterial == "init_genrand(1)")
    #expect(d.fix.contains("np.random.seed(0) at a.py:3") && d.fix.contains("np.random.seed(1) at b.py:3"))
    // The torch stream is seeded differently too: a second, independent cause.
    #expect(report.diagnoses.count == 2)
    #expect(report.diagnoses[1].kind == .seedMismatch)
    #expect(report.diagnoses[1].consumer == Consumer("model/dropout", role: "mask"))
    // Every later numpy draw is an effect of the first cause, not a cause.
    #expect(d.effects.contains { $0.what == "model/dense_1/kernel (init)" })
  }

  @Test("unseeded-stream: b never seeds the mask generator")
  func unseeded() throws {
    var sb = Script(label: "b")
    sb.unseededMasks = true
    let report = try diff(Script(label: "a").build(), sb.build())
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .unseededStream)
    #expect(d.consumer == Consumer("model/dropout", role: "mask"))
    #expect(d.place == "epoch 1")
    #expect(d.explanation.contains("seeded from OS entropy in b"))
    #expect(d.effects.first?.what == "model/dropout (mask)")
    #expect(d.effects.first?.count == 5)  // the other 5 of 6 masks
    #expect(d.fix.contains("torch.manual_seed"))
  }

  @Test("stream-offset: something untraced advanced b's stream")
  func streamOffset() throws {
    var sb = Script(label: "b")
    sb.gapBeforeLayer = "model/dense_1"
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .streamOffset)
    #expect(d.consumer == Consumer("model/dense_1/kernel", role: "init"))
    #expect(d.a?.counter == 40 && d.b?.counter == 56)
    #expect(d.explanation.contains("no traced draw accounts for 16 u32 words"))
    // The reader's finding names the same gap.
    #expect(report.b.findings.first?.kind == .counterGap)
    #expect(report.diagnoses.count == 1)
  }

  @Test("op-seed-derivation: the op counter differs, so the derived op seed differs")
  func opSeedDerivation() throws {
    func run(_ label: String, opCounter: Int) -> TraceBuilder {
      var b = TraceBuilder(label: label, profile: TraceProfile(framework: .tensorflow, version: "2.21.0"))
      let global = b.stream("tfg", framework: .tensorflow, name: "global", algorithm: .philox4x32_10, seed: "1234",
                            seeding: .explicit(call: "tf.random.set_seed(1234)", source: "\(label).py:2"))
      b.draw(global, count: 3, consumer: "model/dense/kernel", role: "init", op: "RandomUniform", dist: "uniform")
      b.derivation(rule: "tf.get_seed", inputs: [NamedValue("global_seed", "1234"), NamedValue("op_seed", "None"),
                                                 NamedValue("op_counter", "\(opCounter)")],
                   result: "(1234, \(opCounter))", stream: TraceBuilder.StreamHandle(id: "op"), consumer: "model/dropout", role: "mask")
      let op = b.stream("op", framework: .tensorflow, name: "op(1234,\(opCounter))", algorithm: .philox4x32_10,
                        seed: "(1234, \(opCounter))", seeding: .derived(rule: "tf.get_seed", from: "global seed 1234, op counter \(opCounter)", source: nil))
      for _ in 0..<3 { b.draw(op, count: 2, consumer: "model/dropout", role: "mask", op: "RandomUniform", dist: "uniform") }
      return b
    }
    let report = try diff(run("a", opCounter: 5), run("b", opCounter: 6))
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .opSeedDerivation)
    #expect(d.consumer == Consumer("model/dropout", role: "mask"))
    #expect(d.a?.event == .derivation && d.a?.line == 4 && d.b?.line == 4)
    #expect(d.explanation.contains("op_counter = 5 in a, 6 in b"))
    #expect(d.effects.first?.what == "model/dropout (mask)" && d.effects.first?.count == 3)
  }

  @Test("op-seed-derivation upstream: an extra random op in b shifts the next op's seed")
  func extraOp() throws {
    func run(_ label: String, extra: Bool) -> TraceBuilder {
      var b = TraceBuilder(label: label, profile: TraceProfile(framework: .tensorflow, version: "2.21.0"))
      var counter = 0
      func op(_ consumer: String) {
        b.derivation(rule: "tf.get_seed", inputs: [NamedValue("global_seed", "1"), NamedValue("op_counter", "\(counter)")],
                     result: "(1, \(counter))", stream: TraceBuilder.StreamHandle(id: "op\(counter)"), consumer: consumer, role: "mask")
        let s = b.stream("op\(counter)", framework: .tensorflow, name: "op(1,\(counter))", algorithm: .philox4x32_10,
                         seed: "(1, \(counter))", seeding: .derived(rule: "tf.get_seed", from: "op counter \(counter)", source: nil))
        b.draw(s, count: 2, consumer: consumer, role: "mask", op: "RandomUniform", dist: "uniform")
        counter += 1
      }
      op("dropout")
      if extra { op("dropout_extra") }
      op("dropout_1")
      return b
    }
    let report = try diff(run("a", extra: false), run("b", extra: true))
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .extraDraw)
    #expect(d.consumer == Consumer("dropout_extra", role: "mask"))
    #expect(d.explanation.contains("derives 1 seed by tf.get_seed that a does not"))
    #expect(d.effects.map(\.what).contains("dropout_1 (mask)"))
  }

  @Test("reordered-draws: the same layers built in another order")
  func reordered() throws {
    var sb = Script(label: "b")
    sb.layers.swapAt(0, 1)
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .reorderedDraws)
    #expect(report.diagnoses.filter { $0.kind == .reorderedDraws }.count == 1)
    #expect(report.diagnoses.count == 1)
    #expect(d.a != nil && d.b != nil)
    #expect(d.stream?.name == "global")
    #expect(["model/dense/kernel", "model/dense_1/kernel"].contains(d.consumer?.path ?? ""))
    // The moved consumer's counters differ; both halves are in the hunk.
    #expect(d.hunk.count == 2)
    #expect(d.a?.counter != d.b?.counter)
    // Everything after the two layers is back in step.
    #expect(!d.effects.contains { $0.what == "model/dense_2/kernel (init)" })
  }

  @Test("algorithm-mismatch: legacy MT19937 against PCG64")
  func algorithm() throws {
    var sb = Script(label: "b")
    sb.maskAlgorithm = .mt19937
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .algorithmMismatch)
    #expect(d.consumer == Consumer("model/dropout", role: "mask"))
    #expect(d.stream?.a?.algorithm == .philox4x32_10 && d.stream?.b?.algorithm == .mt19937)
    #expect(report.diagnoses.count == 1)
  }

  @Test("state-carryover: a reseeds before the second fit, b does not")
  func carryover() throws {
    var sa = Script(label: "a")
    sa.fits = 2
    var sb = sa
    sb.label = "b"
    sb.reseedBeforeEachFit = false
    let report = try diff(sa.build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .stateCarryover)
    #expect(d.consumer == Consumer("model/dense/kernel", role: "init"))
    #expect(d.a?.counter == 0)
    #expect(d.b?.counter == 74 + 16)  // three layers and two shuffles of the first fit
    #expect(d.explanation.hasPrefix("a reseeds numpy \"global\" (mt19937) at a.trace:42 (np.random.seed(0) at a.py:3)"))
    #expect(d.explanation.contains("but b does not"))
    #expect(report.diagnoses.count == 1)
    #expect(d.effects.contains { $0.what == "fit/epoch (shuffle)" })
  }

  @Test("data-order: b shuffles an extra time per epoch")
  func dataOrder() throws {
    var sb = Script(label: "b")
    sb.extraShuffle = true
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .dataOrder)
    #expect(d.consumer == Consumer("data/augment", role: "shuffle"))
    #expect(d.b?.counter == 82 && d.a == nil)
    #expect(d.place == "epoch 1")
    // The second epoch's extra shuffle repeats the first: one cause, two draws.
    #expect(report.diagnoses.map(\.kind) == [.dataOrder])
    #expect(d.hunkSize == 2 && d.hunkUnits == 16)
  }

  @Test("numeric-nondeterminism: same draws, weights differ after the last epoch")
  func numeric() throws {
    var sb = Script(label: "b")
    sb.perturbWeights = [1, 4]
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .numericNondeterminism)
    #expect(d.consumer?.path == "model/dense/kernel")
    #expect(d.place == "epoch 2")
    let n = try #require(d.numeric)
    #expect(n.mismatched == 2 && n.total == 6)
    #expect(n.greatestAbsolute?.index == [1, 1])  // element 4 of a 2×3 tensor
    #expect(n.lines[0] == "Mismatched elements: 2 / 6 (33.3%)")
    #expect(d.effects.first?.what == "loss")
  }

  @Test("config-mismatch: identical draws, different torch version, weights differ")
  func config() throws {
    var sb = Script(label: "b")
    sb.perturbWeights = [0]
    sb.libraries = [NamedValue("numpy", "2.4.6"), NamedValue("torch", "2.14.1")]
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .configMismatch)
    #expect(report.configDifferences == [ConfigDifference(name: "libraries.torch", a: "2.15.0", b: "2.14.1")])
    #expect(d.explanation.contains("libraries.torch 2.15.0 in a, 2.14.1 in b"))
    #expect(d.numeric?.mismatched == 1)
  }

  @Test("a configuration difference alone does not make runs different")
  func configOnly() throws {
    var sb = Script(label: "b")
    sb.libraries = [NamedValue("numpy", "2.4.6"), NamedValue("torch", "2.14.1")]
    let report = try diff(Script(label: "a").build(), sb.build())
    #expect(report.verdict == .identical)
    #expect(report.configDifferences.count == 1)
    #expect(report.text().contains("configuration differs: libraries.torch 2.15.0 vs 2.14.1"))
  }

  @Test("parameter-mismatch: the same consumer asks for a different distribution")
  func parameters() throws {
    var sb = Script(label: "b")
    sb.dropoutScale = "0.3"
    let report = try diff(Script(label: "a").build(), sb.build())
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .parameterMismatch)
    #expect(d.consumer == Consumer("model/dropout", role: "mask"))
    #expect(d.explanation.contains("bernoulli(p=0.5) bool[4, 4]") && d.explanation.contains("bernoulli(p=0.3)"))
    // Every later mask of the same consumer is an effect of this one cause.
    #expect(report.diagnoses.count == 1)
    #expect(d.effects.first?.what == "model/dropout (mask)" && d.effects.first?.count == 5)
  }

  @Test("structure-mismatch: b records a metric a does not")
  func structure() throws {
    let a = Script(label: "a").build()
    var b = Script(label: "b").build()
    b.metric("val_loss", epoch: 2, value: 0.5)
    let report = try diff(a, b)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .structureMismatch)
    #expect(d.b?.event == .metric && d.a == nil)
    #expect(report.diagnoses.count == 1)
  }

  @Test("unexplained: same stream, counter and parameters, different values")
  func unexplained() throws {
    var a = TraceBuilder(label: "a")
    var b = TraceBuilder(label: "b")
    for t in [0, 1] {
      var x = t == 0 ? a : b
      let s = x.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: nil))
      x.draw(s, count: 3, consumer: "w", role: "init", values: .float64([0.1, 0.2, t == 0 ? 0.3 : 0.30000000000000004]))
      if t == 0 { a = x } else { b = x }
    }
    let report = try diff(a, b)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .unexplained)
    #expect(d.explanation.contains("No rule explains it"))
    #expect(d.numeric?.mismatched == 1)
    #expect(d.numeric?.greatestAbsolute?.index == [2])
  }

  @Test("causes in execution order: an extra draw first, an independent seed mismatch later")
  func executionOrder() throws {
    var sb = Script(label: "b")
    sb.layers.append(("model/head", 4))
    sb.unseededMasks = true
    let report = try diff(Script(label: "a").build(), sb.build())
    #expect(report.diagnoses.map(\.kind) == [.extraDraw, .unseededStream])
    #expect(report.diagnoses[0].b!.line < report.diagnoses[1].b!.line)
  }

  @Test("a truncated trace is diffed up to its cut; the rest is counted, not diagnosed")
  func truncated() throws {
    let a = Script(label: "a").build()
    let full = Script(label: "a").build().bytes
    let cut = Array(full.prefix(full.count * 2 / 3))
    let report = try TraceDiffer.diff(a: TraceReader(bytes: a.bytes, name: "a.trace"), b: TraceReader(bytes: cut, name: "b.trace"))
    #expect(report.b.isTruncated)
    #expect(report.a.uncompared > 0)
    #expect(report.verdict == .identical)
    #expect(report.text().contains("b.trace is cut off; the last \(report.a.uncompared) events of a.trace were not compared"))
  }

  @Test("a renamed consumer (dense_1 vs dense_2) with the same draws is not a divergence")
  func renamed() throws {
    var sb = Script(label: "b")
    sb.layers = sb.layers.map { ($0.name.replacingOccurrences(of: "model/", with: "model_1/"), $0.units) }
    let report = try diff(Script(label: "a").build(), sb.build())
    let draws = report.diagnoses.filter { $0.kind != .structureMismatch }
    #expect(draws.isEmpty, "\(report.text())")
  }
}
