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
    var report = DiffReport(
      verdict: different ? .different : .identical, a: info(A, uncompared: uncomparedA), b: info(B, uncompared: uncomparedB),
      diagnoses: diagnoses, omittedDiagnoses: omittedDiagnoses, configDifferences: configDifferences,
      divergences: divergences, omittedDivergences: omittedDivergences, matchedEvents: matchedEvents,
      onlyInA: onlyInA, onlyInB: onlyInB)
    if let note = scopeNote { report.notes.append(note) }
    return report
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

  /// The explanation of `c`, by the rule of its kind (Sources/RNGDiffer/Rules).
  static func explanation(_ c: Cause) -> String { DiagnosisRules.rule(for: c.kind).explanation(c) }

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

  /// The fix of `c`, by the rule of its kind.
  static func fix(_ c: Cause) -> String { DiagnosisRules.rule(for: c.kind).fix(c) }
}
