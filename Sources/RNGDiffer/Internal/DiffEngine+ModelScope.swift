import RNGTrace

/// Names that differ only in a model's scope. Real Keras 3 names a
/// `Sequential`'s weights under the model (`sequential/dense/kernel`) and a
/// functional model's under the layer (`dense/kernel`): two scripts that
/// build the same network the two ways draw the same values under other
/// names. When the events a window leaves unmatched include a draw or
/// tensor whose path is the other run's path with leading scopes added
/// (and the same kind of draw), that scope is learned for its run: from
/// then on, that run's paths are aligned without it, and a pair that is the
/// same apart from the scope is no divergence (the report notes the names).
///
/// ```text
/// a: draw sequential/dense/kernel (init)  stream s  counter 0 +10  digest 1234…
/// b: draw dense/kernel (init)             stream s  counter 0 +10  digest 1234…
///    → scope "sequential" learned for a; identical, "names differ" noted
/// ```
///
/// Edge cases: one scope per run, the first one found; a path that does not
/// begin with the scope keeps its name; an escaped path is never scoped.
extension DiffEngine {
  /// The alignment key of `h` with its run's learned scope dropped from its
  /// consumer (draws) or name (tensors): the key the other run gives the
  /// same path without the scope. Other events keep their key.
  func scopedKey(_ h: Head) -> UInt64 {
    guard let scope = modelScope[h.side.tag], h.facts.kind == .draw || h.facts.kind == .tensor else { return h.facts.key }
    let view = h.view
    let field: FieldID = h.facts.kind == .draw ? .consumer : .name
    guard let span = view.layout[field], !span.escaped else { return h.facts.key }
    let prefix = Array(scope.utf8) + [UInt8(ascii: "/")]
    guard span.count > prefix.count else { return h.facts.key }
    for (k, byte) in prefix.enumerated() where view.base[Int(span.start) + k] != byte { return h.facts.key }
    // As the reader's alignment key, on the path without the scope.
    var hash = StableHash()
    func add(_ f: FieldID) {
      if let s = view.layout[f] { hash.combine(view.base, Int(s.start), Int(s.end)) } else { hash.combine(view.base, 0, 0) }
    }
    if h.facts.kind == .draw {
      hash.combine(0x64)
      hash.combine(view.base, Int(span.start) + prefix.count, Int(span.end))
      add(.role)
    } else {
      hash.combine(0x74)
      hash.combine(view.base, Int(span.start) + prefix.count, Int(span.end))
      add(.moment)
      add(.index)
    }
    return hash.value
  }

  /// Learns a model scope from a window's unmatched draws and tensors: a
  /// path in one run that is the other run's path with leading scopes, for
  /// the same kind of event (equal secondary keys). True when one was learned.
  func learnModelScope(
    _ ops: [AlignOp], indexA: [Int], indexB: [Int], secondaryA: [UInt64], secondaryB: [UInt64]
  ) throws(TraceError) -> Bool {
    guard modelScope.isEmpty else { return false }
    func path(_ side: Side, _ offset: Int) throws(TraceError) -> String? {
      let kind = side.queuedFacts(offset).kind
      guard kind == .draw || kind == .tensor else { return nil }
      return try side.withQueued(offset) { (h: Head) throws(TraceError) -> String? in
        switch try h.event() {
        case .draw(let d): return d.consumer.path
        case .tensor(let t): return t.name
        default: return nil
        }
      }
    }
    var unmatchedA: [(path: String, key: UInt64)] = [], unmatchedB: [(path: String, key: UInt64)] = []
    var renamed = 0
    for op in ops {
      if case .deleteA(let i) = op, unmatchedA.count < 64, let p = try path(A, indexA[i]) { unmatchedA.append((p, secondaryA[i])) }
      if case .insertB(let j) = op, unmatchedB.count < 64, let p = try path(B, indexB[j]) { unmatchedB.append((p, secondaryB[j])) }
      // A pair the names-ignored pass already made counts too.
      if case .renamed(let i, let j) = op, renamed < 64, let p = try path(A, indexA[i]), let q = try path(B, indexB[j]) {
        renamed += 1
        if let scope = Self.scope(of: p, over: q) {
          modelScope[.a] = scope
          return true
        }
        if let scope = Self.scope(of: q, over: p) {
          modelScope[.b] = scope
          return true
        }
      }
    }
    for a in unmatchedA {
      for b in unmatchedB where a.key == b.key {
        if let scope = Self.scope(of: a.path, over: b.path) {
          modelScope[.a] = scope
          return true
        }
        if let scope = Self.scope(of: b.path, over: a.path) {
          modelScope[.b] = scope
          return true
        }
      }
    }
    return false
  }

  /// The leading scopes `longer` has over `shorter`, when `longer` is
  /// `scope/shorter`.
  ///
  /// ```swift
  /// DiffEngine.scope(of: "sequential/dense/kernel", over: "dense/kernel")  // "sequential"
  /// DiffEngine.scope(of: "dense_2/kernel", over: "dense/kernel")           // nil
  /// ```
  static func scope(of longer: String, over shorter: String) -> String? {
    guard !shorter.isEmpty, longer.hasSuffix("/" + shorter) else { return nil }
    let scope = String(longer.dropLast(shorter.count + 1))
    return scope.isEmpty ? nil : scope
  }

  /// Whether `a` and `b` are the same event apart from `seq`, `source` and
  /// the learned scope of the consumer (draws) or name (tensors); counted as
  /// a renamed pair when they are.
  func sameUpToScope(_ a: Head, _ b: Head) throws(TraceError) -> Bool {
    guard !modelScope.isEmpty else { return false }
    func unscoped(_ e: TraceEvent, _ side: TraceSide) -> TraceEvent {
      guard let scope = modelScope[side] else { return e }
      let prefix = scope + "/"
      switch e {
      case .draw(var d) where d.consumer.path.hasPrefix(prefix):
        d.consumer = Consumer(String(d.consumer.path.dropFirst(prefix.count)), role: d.consumer.role)
        return .draw(d)
      case .tensor(var t) where t.name.hasPrefix(prefix):
        t.name = String(t.name.dropFirst(prefix.count))
        return .tensor(t)
      default:
        return e
      }
    }
    let ea = try a.event(), eb = try b.event()
    guard unscoped(ea, .a).isEquivalent(to: unscoped(eb, .b)) else { return false }
    noteScopeRename(ea, eb)
    return true
  }

  /// Counts a pair matched across a model scope, keeping the first as the example.
  func noteScopeRename(_ a: TraceEvent, _ b: TraceEvent) {
    func name(_ e: TraceEvent) -> String? {
      switch e {
      case .draw(let d): return d.consumer.path
      case .tensor(let t): return t.name
      default: return nil
      }
    }
    guard let na = name(a), let nb = name(b), na != nb else { return }
    scopeRenames += 1
    if scopeExample == nil { scopeExample = (na, nb) }
  }

  /// The report's note on names that differ only in a model scope, or nil.
  var scopeNote: String? {
    guard scopeRenames > 0, let example = scopeExample else { return nil }
    let others = scopeRenames - 1
    return "names differ: \(scopeRenames) event\(scopeRenames == 1 ? "" : "s") paired across a model scope (\(example.a) in a, \(example.b) in b"
      + (others > 0 ? ", and \(others) more" : "") + "); the names do not change any value"
  }
}
