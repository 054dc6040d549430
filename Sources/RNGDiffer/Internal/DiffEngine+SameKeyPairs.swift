import RNGTrace

/// Derivations that share a key (the same rule, recorded at `<top>`) are
/// paired by the alignment in order, whatever they derive. When two runs
/// make the same derivations in another order (a `Sequential` derives its
/// kernels' seeds after constructing every layer, the functional form
/// after each layer), in-order pairing puts one kernel's seed against the
/// other's and reports a difference that is not there.
///
/// ```text
/// a: draw_seed(926756583) … draw_seed(911666163)      b: draw_seed(926756583) … draw_seed(911666163)
///    ^ paired with b's 911666163 by order                 (each has an identical partner in the other run)
/// ```
///
/// Such a pair is split into two one-sided halves when each half has an
/// identical partner among the window's unmatched events of the other
/// run; the moved events are then paired by content
/// (``DiffEngine/findHarmlessMoves``) and change nothing. A pair whose
/// halves have no identical partner stays paired, and differs.
extension DiffEngine {
  func uncrossSameKeyPairs(
    _ ops: [AlignOp], indexA: [Int], indexB: [Int], keysA: [UInt64], keysB: [UInt64]
  ) throws(TraceError) -> [AlignOp] {
    var unmatchedA: [UInt64: [Int]] = [:], unmatchedB: [UInt64: [Int]] = [:]
    for op in ops {
      if case .deleteA(let i) = op, A.queuedFacts(indexA[i]).kind == .derivation { unmatchedA[keysA[i], default: []].append(i) }
      if case .insertB(let j) = op, B.queuedFacts(indexB[j]).kind == .derivation { unmatchedB[keysB[j], default: []].append(j) }
    }
    guard !unmatchedA.isEmpty, !unmatchedB.isEmpty else { return ops }
    func same(_ i: Int, _ j: Int) throws(TraceError) -> Bool {
      try A.withQueued(indexA[i]) { (a: Head) throws(TraceError) -> Bool in
        try B.withQueued(indexB[j]) { (b: Head) throws(TraceError) -> Bool in
          if Self.sameIgnoringSeqAndSource(a.view, b.view) { return true }
          return try a.event().isEquivalent(to: b.event())
        }
      }
    }
    // Comparisons spent: bounded, so a window of many differing derivations costs little.
    var budget = 4_096
    func hasPartner(_ i: Int?, _ j: Int?, among candidates: [Int]) throws(TraceError) -> Bool {
      for c in candidates.prefix(64) {
        guard budget > 0 else { return false }
        budget -= 1
        if try same(i ?? c, j ?? c) { return true }
      }
      return false
    }
    var out: [AlignOp] = []
    out.reserveCapacity(ops.count + 8)
    for op in ops {
      guard case .match(let i, let j) = op, A.queuedFacts(indexA[i]).kind == .derivation,
        let candidatesB = unmatchedB[keysA[i]], let candidatesA = unmatchedA[keysB[j]], try !same(i, j),
        try hasPartner(i, nil, among: candidatesB), try hasPartner(nil, j, among: candidatesA)
      else {
        out.append(op)
        continue
      }
      out.append(.deleteA(i))
      out.append(.insertB(j))
    }
    return out
  }
}
