import RNGTrace

extension DiffEngine {
  /// Builds the report: each cause gets its explanation and fix from the evidence.
  func finish() -> DiffReport {
    let diagnoses = causes.enumerated().map { k, c in Self.diagnosis(k, c, A: A.reader, B: B.reader) }
    let different = !causes.isEmpty || omittedDiagnoses > 0 || onlyInA > 0 || onlyInB > 0
    func info(_ side: Side, uncompared: Int) -> DiffReport.SideInfo {
      DiffReport.SideInfo(
        file: side.file, header: side.reader.header, events: side.consumed, findings: side.reader.findings,
        findingCount: side.reader.findingCount, isTruncated: side.reader.isTruncated, uncompared: uncompared)
    }
    return DiffReport(
      verdict: different ? .different : .identical, a: info(A, uncompared: uncomparedA), b: info(B, uncompared: uncomparedB),
      diagnoses: diagnoses, omittedDiagnoses: omittedDiagnoses, configDifferences: configDifferences,
      divergences: divergences, omittedDivergences: omittedDivergences, matchedEvents: matchedEvents,
      onlyInA: onlyInA, onlyInB: onlyInB)
  }

  static func diagnosis(_ id: Int, _ c: Cause, A: TraceReader, B: TraceReader) -> Diagnosis {
    var d = Diagnosis(id: id, kind: c.kind, place: c.place)
    d.consumer = c.consumer
    d.stream = c.stream
    d.a = c.a
    d.b = c.b
    d.hunk = c.hunk
    d.hunkSize = c.hunkSize
    d.hunkUnits = c.hunkUnits
    d.accountedBy = c.accountedBy
    d.effects = c.effects
    d.omittedEffects = c.omittedEffects
    d.effectEvents = c.effectEvents
    d.numeric = c.numeric
    d.configDifferences = c.configDifferences
    d.explanation = explanation(c)
    d.fix = fix(c)
    return d
  }

  // MARK: Sentences

  static func units(_ n: UInt64, _ unit: CounterUnitName?) -> String {
    (unit ?? .word32).plural(n)
  }

  /// `"model/dense/kernel (init)"` for one consumer, `"a (init) 40, b (init) ×2 22"` for several.
  static func consumerList(_ c: Cause) -> String {
    let listed = c.hunkConsumers.reduce(0) { $0 + $1.draws }
    if c.hunkConsumers.count == 1 && c.hunkDraws == listed {
      let only = c.hunkConsumers[0]
      return only.draws > 1 ? "\(only.consumer) (\(only.draws) draws)" : only.consumer.description
    }
    var parts = c.hunkConsumers.map { entry -> String in
      let times = entry.draws > 1 ? " ×\(entry.draws)" : ""
      return "\(entry.consumer)\(times) \(entry.units)"
    }
    if c.hunkDraws > listed { parts.append("and \(c.hunkDraws - listed) more") }
    return parts.joined(separator: ", ")
  }

  static func streamPhrase(_ c: Cause) -> String {
    if let s = c.stream { return s.phrase }
    return c.hunkStreams.first ?? "its stream"
  }

  static func explanation(_ c: Cause) -> String {
    let who = c.consumer?.description ?? "this event"
    let unit = c.stream?.unit ?? c.hunkUnit
    if c.hunkSide != nil && (c.kind == .extraDraw || c.kind == .missingDraw || c.kind == .dataOrder) {
      let side = c.hunkSide ?? .b
      let other: TraceSide = side == .a ? .b : .a
      var s: String
      if c.hunkStreams.count <= 1 {
        s = "\(side.rawValue) draws \(units(c.hunkUnits, unit)) from \(c.hunkStreams.first ?? "a stream") that \(other.rawValue) does not, for \(consumerList(c))."
      } else {
        s = "\(side.rawValue) has \(c.hunkDraws) draw\(c.hunkDraws == 1 ? "" : "s") that \(other.rawValue) does not, on \(c.hunkStreams.joined(separator: ", ")): \(consumerList(c))."
      }
      if c.kind == .dataOrder { s += " They belong to the input pipeline, so the data order differs." }
      if c.hunkDerivations > 0 {
        s += " It also derives \(c.hunkDerivations) seed\(c.hunkDerivations == 1 ? "" : "s") by \(c.hunkRules.joined(separator: ", ")) that \(other.rawValue) does not"
        s += c.effects.contains { $0.event == .derivation } ? ", and later seeds derived by the same rules shift." : "."
      }
      if let shifted = c.firstShifted {
        s += " Every later draw on that stream is shifted: the first, \(shifted.what), is at counter \(shifted.a) in a and \(shifted.b) in b."
      }
      return s
    }
    if c.hunkSide != nil && c.kind == .opSeedDerivation {
      let side = c.hunkSide ?? .b
      let other: TraceSide = side == .a ? .b : .a
      return "\(side.rawValue) derives \(c.hunkDerivations) seed\(c.hunkDerivations == 1 ? "" : "s") by \(c.hunkRules.joined(separator: ", ")) that \(other.rawValue) does not, so every later seed derived by that rule shifts."
    }
    switch c.kind {
    case .structureMismatch:
      let side = c.hunkSide ?? .b
      let other: TraceSide = side == .a ? .b : .a
      let listed = c.hunk.prefix(4).map { "\($0.event.rawValue) \($0.what)" }.joined(separator: ", ")
      let more = c.hunkSize > 4 ? ", and \(c.hunkSize - 4) more" : ""
      return "\(side.rawValue) records \(c.hunkSize) event\(c.hunkSize == 1 ? "" : "s") that \(other.rawValue) does not: \(listed)\(more). No draw differs here."
    case .reorderedDraws, .dataOrder:
      var s = "a and b draw the same consumers from \(streamPhrase(c)) in a different order"
      if let ca = c.moveCounters.a, let cb = c.moveCounters.b {
        s += ": \(who) is at counter \(ca) in a and \(cb) in b, so it gets other values"
      }
      s += "."
      if c.kind == .dataOrder { s += " They belong to the input pipeline, so the data order differs." }
      let others = Array(Set(c.hunk.filter { $0.event == .draw }.map(\.what)).subtracting([who])).sorted()
      if !others.isEmpty { s += " Also moved: \(others.prefix(4).joined(separator: ", "))." }
      return s
    case .seedMismatch:
      if c.splitsParent {
        return "\(c.derivationRule ?? "A derivation") splits \(streamPhrase(c)), seeded \(seedPhrase(c.stream?.a)) in a but \(seedPhrase(c.stream?.b)) in b, so every key derived from it differs (listed under effects)."
      }
      if let side = defaultSeededSide(c) {
        let other: TraceSide = side == .a ? .b : .a
        let seeded = side == .a ? c.stream?.b : c.stream?.a
        return "\(who) draws from \(streamPhrase(c)) seeded \(seedPhrase(seeded)) in \(other.rawValue), but \(side.rawValue) never seeds it and gets the framework's default seed \(defaultPhrase(side == .a ? c.stream?.a : c.stream?.b)). A default seed is the same in every run, so \(side.rawValue) repeats itself, but it is not \(other.rawValue)'s seed."
      }
      return "\(who) draws from \(streamPhrase(c)) seeded \(seedPhrase(c.stream?.a)) in a but \(seedPhrase(c.stream?.b)) in b."
    case .unseededStream:
      return "\(streamPhrase(c)) is seeded from OS entropy in \(entropyPhrase(c)), so \(who) and every later draw on it change from run to run."
    case .algorithmMismatch:
      let a = c.stream?.a, b = c.stream?.b
      return "\(who) draws from \(a?.framework.rawValue ?? "?") \"\(a?.name ?? "?")\" (\(a?.algorithm.rawValue ?? "?")) in a but \(b?.framework.rawValue ?? "?") \"\(b?.name ?? "?")\" (\(b?.algorithm.rawValue ?? "?")) in b: different generators never give the same values."
    case .streamOffset:
      let ca = c.a?.counter ?? 0, cb = c.b?.counter ?? 0
      var s = "\(who) draws from \(streamPhrase(c)) at counter \(ca) in a and \(cb) in b"
      let gap = c.unexplainedUnits.magnitude
      s += ", and no traced draw accounts for \(units(gap, unit)) of that offset"
      s += c.unexplainedUnits > 0 ? " (b's stream was advanced by something the trace does not record)." : " (a's stream was advanced by something the trace does not record)."
      let known = c.accountedBy.filter { $0.diagnosis >= 0 }
      if !known.isEmpty {
        s += " Traced draws account for the rest: " + known.prefix(4).map { "\($0.side.rawValue): \($0.consumer) \($0.units.magnitude)" }.joined(separator: ", ") + "."
      }
      return s
    case .stateCarryover:
      let ca = c.a?.counter ?? 0, cb = c.b?.counter ?? 0
      if let side = c.restoredSide {
        let other: TraceSide = side == .a ? .b : .a
        let restored = side == .a ? c.stream?.a : c.stream?.b
        let fresh = side == .a ? c.stream?.b : c.stream?.a
        return "\(side.rawValue) restores \(streamPhrase(c)) from a saved state (\(restored?.seeding.phrase ?? "restored")), but \(other.rawValue) does not (\(fresh?.seeding.phrase ?? "not declared")), so \(other.rawValue)'s resumed run does not continue the stream where the checkpoint left it: \(who) is at counter \(ca) in a and \(cb) in b."
      }
      guard let reseed = c.reseedLine else {
        return "\(who) draws from \(streamPhrase(c)) at counter \(ca) in a and \(cb) in b because one run reseeded the stream and the other carried its state over."
      }
      let other: TraceSide = reseed.side == .a ? .b : .a
      let call = reseed.call.map { " (\($0))" } ?? ""
      return "\(reseed.side.rawValue) reseeds \(streamPhrase(c)) at \(reseed.location)\(call) before \(who), but \(other.rawValue) does not, so \(other.rawValue)'s stream carries over from earlier draws: \(who) is at counter \(ca) in a and \(cb) in b."
    case .opSeedDerivation:
      var s = "The seed of \(who)"
      if let rule = c.derivationRule { s += " is derived by \(rule)" }
      if let inputs = c.derivationInputs {
        let changed = Set(inputs.a.map(\.name)).union(inputs.b.map(\.name)).sorted().filter { name in
          guard let x = inputs.a[name], let y = inputs.b[name] else { return true }
          return !NamedValue.sameValue(x, y)
        }
        let parts = changed.map { "\($0) = \(inputs.a[$0] ?? "none") in a, \(inputs.b[$0] ?? "none") in b" }
        if !parts.isEmpty { s += " from inputs that differ: " + parts.joined(separator: "; ") }
      } else if let a = c.stream?.a, let b = c.stream?.b {
        s += ": \(a.seedMaterial) in a, \(b.seedMaterial) in b"
      }
      if let results = c.derivationResults { s += " (seed \(results.a) in a, \(results.b) in b)" }
      return s + ", so its stream differs."
    case .parameterMismatch:
      // Another distribution shows in the phrases; otherwise name what differs
      // (an op the phrases do not show, one parameter among several).
      let phraseA = drawPhrase(c.a), phraseB = drawPhrase(c.b)
      let differences = phraseA == phraseB || c.a?.distribution == c.b?.distribution ? drawDifferences(c.a, c.b) : []
      let what = differences.isEmpty ? "" : "; what differs: " + differences.joined(separator: "; ")
      return "\(who) draws \(phraseA) in a but \(phraseB) in b\(what)."
    case .numericNondeterminism:
      return "\(who) differs although every draw before it matches in both runs: the computation itself is not deterministic (kernel choice, thread scheduling, atomic adds)."
    case .configMismatch:
      let diffs = c.configDifferences.prefix(3).map { "\($0.name) \($0.a ?? "unset") in a, \($0.b ?? "unset") in b" }.joined(separator: "; ")
      if let call = sameCallOtherState(c) {
        return "\(who) draws from \(streamPhrase(c)), seeded by the same call (\(call)) in both runs, yet the stream's state differs (\(c.stream?.a?.seedMaterial ?? "?") in a, \(c.stream?.b?.seedMaterial ?? "?") in b), and the runs' configuration differs: \(diffs)."
      }
      if c.a?.event == .draw {
        return "\(who) draws from the same stream at the same counter with the same parameters, yet \(sameDrawDifference(c)), and the runs' configuration differs: \(diffs)."
      }
      return "\(who) differs although every draw before it matches, and the runs' configuration differs: \(diffs)."
    case .unexplained:
      if let call = sameCallOtherState(c) {
        return "\(who) draws from \(streamPhrase(c)), seeded by the same call (\(call)) in both runs, yet the stream's state differs (\(c.stream?.a?.seedMaterial ?? "?") in a, \(c.stream?.b?.seedMaterial ?? "?") in b). No rule explains it."
      }
      if c.a?.event == .derivation {
        return "The seed of \(who) is derived by the same rule from the same inputs in both runs, yet the result differs (\(c.derivationResults?.a ?? "?") in a, \(c.derivationResults?.b ?? "?") in b). No rule explains it."
      }
      if let a = c.a?.count, let b = c.b?.count, a != b {
        return "\(who) draws from the same stream at the same counter with the same parameters in both runs, yet \(sameDrawDifference(c)). No rule explains it."
      }
      return "\(who) draws from the same stream at the same counter with the same parameters in both runs, yet the values differ (digest \(c.a?.digest ?? "-") in a, \(c.b?.digest ?? "-") in b). No rule explains it; data differs nevertheless."
    case .extraDraw, .missingDraw:
      return "\(who) is drawn in one run only."
    }
  }

  /// The seeding call both runs share when their streams' states differ anyway.
  static func sameCallOtherState(_ c: Cause) -> String? {
    guard let a = c.stream?.a, let b = c.stream?.b, a.seedMaterial != b.seedMaterial,
      case .explicit(let callA, _) = a.seeding, case .explicit(let callB, _) = b.seeding, callA == callB
    else { return nil }
    return callA
  }

  /// The side whose stream took the framework's default seed when the
  /// other seeded it (nil when both or neither did).
  static func defaultSeededSide(_ c: Cause) -> TraceSide? {
    func isDefault(_ s: StreamEvent?) -> Bool {
      if case .frameworkDefault? = s?.seeding { return true }
      return false
    }
    switch (isDefault(c.stream?.a), isDefault(c.stream?.b)) {
    case (true, false): return .a
    case (false, true): return .b
    default: return nil
    }
  }

  /// `"67280421310721 (torch's default seed, first used at b.py:9)"`.
  static func defaultPhrase(_ s: StreamEvent?) -> String {
    guard let s, case .frameworkDefault(let from, let source) = s.seeding else { return "?" }
    let notes = [from, source.map { "first used at \($0)" }].compactMap { $0 }
    return notes.isEmpty ? s.seedMaterial : "\(s.seedMaterial) (\(notes.joined(separator: ", ")))"
  }

  static func seedPhrase(_ s: StreamEvent?) -> String {
    guard let s else { return "(undeclared)" }
    switch s.seeding {
    case .explicit(let call, let source): return "\(s.seedMaterial) (\(call)\(source.map { " at \($0)" } ?? ""))"
    case .derived(let rule, let from, _): return "\(s.seedMaterial) (derived by \(rule) from \(from))"
    case .entropy: return "\(s.seedMaterial) (OS entropy)"
    case .requestedEntropy(let call, let source): return "\(s.seedMaterial) (OS entropy, by \(call)\(source.map { " at \($0)" } ?? ""))"
    case .frameworkDefault, .drawn, .restored: return "\(s.seedMaterial) (\(s.seeding.phrase))"
    }
  }

  /// Where and how each run's stream took OS entropy: `"both a and b (no
  /// seeding call before its first draw)"`, `"a (np.random.seed(None) at
  /// a.py:3: a seeding call without a seed)"`.
  static func entropyPhrase(_ c: Cause) -> String {
    func how(_ s: StreamSeeding) -> String {
      if case .requestedEntropy(let call, let source) = s {
        return "\(call)\(source.map { " at \($0)" } ?? ""): a seeding call without a seed"
      }
      return "no seeding call before its first draw"
    }
    let sides = [("a", c.stream?.a?.seeding), ("b", c.stream?.b?.seeding)].compactMap { side, s in
      s.flatMap { $0.isEntropy ? (side, how($0)) : nil }
    }
    if sides.count == 2 && sides[0].1 == sides[1].1 { return "both a and b (\(sides[0].1))" }
    if sides.isEmpty { return "one run" }
    return sides.map { "\($0.0) (\($0.1))" }.joined(separator: " and in ")
  }

  /// The calls that asked for OS entropy (`np.random.seed(None) at a.py:3`), a's first.
  static func requestedEntropyCalls(_ c: Cause) -> [String] {
    [c.stream?.a?.seeding, c.stream?.b?.seeding].compactMap { s in
      guard case .requestedEntropy(let call, let source)? = s else { return nil }
      return call + (source.map { " at \($0)" } ?? "")
    }
  }

  /// What differs between two draws of the same stream, counter and
  /// parameters: `"uses 1 u32 word in a and 2 u32 words in b"`, `"the values differ"`, or both.
  static func sameDrawDifference(_ c: Cause) -> String {
    var parts: [String] = []
    if let a = c.a?.count, let b = c.b?.count, a != b {
      parts.append("uses \(units(a, c.a?.unit)) in a and \(units(b, c.b?.unit ?? c.a?.unit)) in b")
    }
    let digestsMatch = c.a?.digest.flatMap { a in c.b?.digest.map { TraceDigest.matches(a, $0) } } ?? false
    if parts.isEmpty {
      parts.append("the values differ")
    } else if !digestsMatch {
      parts.append("the values differ (digest \(c.a?.digest ?? "-") in a, \(c.b?.digest ?? "-") in b)")
    }
    return parts.joined(separator: ", and ")
  }

  /// Each way two draws of one consumer differ: `"scale 1.0 in a, 2.0 in b"`,
  /// `"count 1 u32 word in a, 2 u32 words in b"`.
  static func drawDifferences(_ a: EventEvidence?, _ b: EventEvidence?) -> [String] {
    guard let a, let b else { return [] }
    var out: [String] = []
    func compare(_ what: String, _ x: String?, _ y: String?) {
      if x != y { out.append("\(what) \(x ?? "none") in a, \(y ?? "none") in b") }
    }
    compare("op", a.operation, b.operation)
    compare("dist", a.distribution, b.distribution)
    var names: [String] = []
    for p in a.parameters + b.parameters where !names.contains(p.name) { names.append(p.name) }
    for name in names {
      let x = a.parameters[name], y = b.parameters[name]
      if let x, let y, NamedValue.sameValue(x, y) { continue }
      out.append("\(name) \(x ?? "unset") in a, \(y ?? "unset") in b")
    }
    compare("dtype", a.dtype, b.dtype)
    if a.shape != b.shape {
      out.append("shape [\((a.shape ?? []).map(String.init).joined(separator: ", "))] in a, [\((b.shape ?? []).map(String.init).joined(separator: ", "))] in b")
    }
    if let x = a.count, let y = b.count, x != y { out.append("count \(units(x, a.unit)) in a, \(units(y, b.unit ?? a.unit)) in b") }
    return out
  }

  static func drawPhrase(_ e: EventEvidence?) -> String {
    guard let e else { return "nothing" }
    let params = e.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    var s = "\(e.distribution ?? "?")(\(params)) \(shapeText(dtype: e.dtype ?? "", shape: e.shape ?? []))"
    if let count = e.count { s += " using \(units(count, e.unit))" }
    return s
  }

  /// The call that seeds a framework's global stream, for fixes.
  static func seedCall(_ framework: FrameworkName?) -> String {
    switch framework?.rawValue {
    case "numpy": return "np.random.seed(…)"
    case "python": return "random.seed(…)"
    case "torch": return "torch.manual_seed(…)"
    case "tensorflow": return "tf.random.set_seed(…)"
    case "keras", "tf-keras": return "keras.utils.set_random_seed(…)"
    case "jax": return "jax.random.key(…)"
    default: return "the framework's seeding call"
    }
  }

  static func fix(_ c: Cause) -> String {
    let who = c.consumer?.description ?? "this consumer"
    let stream = streamPhrase(c)
    switch c.kind {
    case .seedMismatch:
      let ca = c.stream?.a.map(seedPhrase) ?? "?", cb = c.stream?.b.map(seedPhrase) ?? "?"
      if let side = defaultSeededSide(c) {
        let seeded = side == .a ? c.stream?.b : c.stream?.a
        let call = seeded?.seeding.call.map { " (\($0))" } ?? ""
        return "Seed \(stream) explicitly in \(side.rawValue) as \(side == .a ? "b" : "a") does\(call), or in neither; do not rely on the framework's default seed in one run only."
      }
      return "Seed both runs with the same value (a: \(ca); b: \(cb))."
    case .unseededStream:
      if let requested = requestedEntropyCalls(c).first {
        return "Pass a fixed seed instead of none to \(requested) (\(seedCall(c.stream?.framework))), or give \(who) an explicitly seeded generator."
      }
      return "Seed \(stream) before its first draw (\(seedCall(c.stream?.framework))), or give \(who) an explicitly seeded generator."
    case .streamOffset:
      return "Find what advances \(stream) without being traced before \(who), or reseed the stream right before it."
    case .opSeedDerivation:
      return "Give \(who) an explicit seed (seed=…) so its seed does not depend on how many random ops were created before it."
    case .missingDraw, .extraDraw:
      return "Make both runs create the same random consumers, or give the extra consumer its own seeded generator so it does not shift the shared stream."
    case .reorderedDraws:
      return "Create and build the consumers in the same order in both runs (for Keras, pass input_shape so layers are built when the model is made), or seed each initializer explicitly."
    case .algorithmMismatch:
      return "Use the same generator API in both runs (for example np.random.seed with the legacy functions, or np.random.default_rng, but not one in each)."
    case .stateCarryover:
      if c.restoredSide != nil {
        return "Save \(stream)'s state with the checkpoint and restore it when resuming (torch.get_rng_state/set_rng_state, np.random.get_state/set_state, random.getstate/setstate), in both runs, or reseed it at the same point in both."
      }
      return "Reseed \(stream) at the same point in both runs (\(seedCall(c.stream?.framework)) before each model construction or fit), or create the model inside the loop after seeding."
    case .dataOrder:
      return "Seed the input pipeline explicitly (a shuffle seed, a DataLoader generator, worker_init_fn) so both runs present the data in the same order."
    case .numericNondeterminism:
      return "Enable deterministic kernels (torch.use_deterministic_algorithms(True) or tf.config.experimental.enable_op_determinism()) and fix the thread counts."
    case .configMismatch:
      if let first = c.configDifferences.first {
        return "Run both with the same configuration, starting with \(first.name) (\(first.a ?? "unset") vs \(first.b ?? "unset"))."
      }
      return "Run both with the same library versions, device, thread counts and determinism settings."
    case .parameterMismatch:
      return "The two runs ask \(who) for different draws; make its definition (shape, distribution, parameters) the same in both."
    case .structureMismatch:
      return "Record both runs with the same options and phases, or compare only the part both record."
    case .unexplained:
      if let numeric = c.numeric, numeric.note == nil {
        // The values are already there: what is missing is the setting that explains them.
        return "No rule explains this; look for a setting the traces do not record (CPU features, library builds, environment variables) and record it in both traces' headers."
      }
      return "No rule explains this; record both runs with values to compare them element by element."
    }
  }
}
