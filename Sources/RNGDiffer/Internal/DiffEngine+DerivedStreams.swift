#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGTrace

/// Streams whose seeds come from another stream: seeded with a drawn value
/// (`"how":"drawn"`), or keyed by a derivation with a `parent` (a JAX key
/// split into several). When the parent diverged, the derived streams are
/// effects of the parent's cause, listed under it, never causes of their own.
///
/// ```text
/// a: torch draw 3 (randint, role seed) → stream "g" seeded "drawn" from it
/// b: an extra draw before it shifts it  → extra-draw, with stream "g" and its draws as effects
/// ```
extension DiffEngine {
  /// At most this many divergent draws of role `seed` are remembered per
  /// side for `drawn` seedings to find (memory stays bounded on long divergences).
  static let drawCauseLimit = 100_000

  /// How a seeding decides a stream's values, for comparing two
  /// declarations: fixed states (explicit, the framework's default, a drawn
  /// value, a restored state) are the same when their seed material is;
  /// derived and entropy states keep their own class.
  ///
  /// ```swift
  /// DiffEngine.seedingClass(.frameworkDefault(from: nil, source: nil))   // "explicit"
  /// ```
  static func seedingClass(_ s: StreamSeeding) -> String {
    switch s {
    case .explicit, .frameworkDefault, .drawn, .restored: return "explicit"
    case .derived, .entropy, .requestedEntropy: return s.how
    }
  }

  /// The counter at which the stream's seed material is at position 0: the
  /// declaration's `start`, less the `position` of a restored state (a
  /// state restored at position 5000 and declared at counter 5000 continues
  /// the sequence its seed began, as the run that never stopped does).
  static func positionBase(_ d: StreamEvent) -> UInt64 {
    if case .restored(_, let position?, _, _) = d.seeding { return d.start &- position }
    return d.start
  }

  /// The side that restored the stream from a saved state when the other
  /// did not (nil when both or neither did).
  static func restoredSide(_ a: StreamEvent?, _ b: StreamEvent?) -> TraceSide? {
    func restored(_ s: StreamEvent?) -> Bool {
      if case .restored? = s?.seeding { return true }
      return false
    }
    switch (restored(a), restored(b)) {
    case (true, false): return .a
    case (false, true): return .b
    default: return nil
    }
  }

  /// Whether a draw line's role is `seed`.
  @inline(__always)
  static func isSeedRole(_ v: LineView) -> Bool {
    guard let s = v.layout[.role], s.count == 4 else { return false }
    return memcmp(v.base + Int(s.start), "seed", 4) == 0
  }

  /// Remembers the cause of a divergent draw, for `drawn` seedings: every
  /// one in a ring of the last ``DrawCauseRing/capacity``, and those of
  /// role `seed` in a table (up to ``drawCauseLimit``).
  @inline(__always)
  func noteDrawCause(_ cause: Int, side: Side, facts: RecordFacts, seedRole: Bool) {
    guard cause >= 0 else { return }
    side.recentDrawCauses.add(DrawCauseRing.Entry(seq: facts.seq, place: DrawPlace(stream: facts.stream, counter: facts.counter), cause: cause))
    guard seedRole else { return }
    if side.drawCauses.count < Self.drawCauseLimit {
      let place = DrawPlace(stream: facts.stream, counter: facts.counter)
      if side.drawCauses[place] == nil { side.drawCauses[place] = cause }
    }
    if side.drawCausesBySeq.count < Self.drawCauseLimit, let seq = facts.seq, side.drawCausesBySeq[seq] == nil {
      side.drawCausesBySeq[seq] = cause
    }
  }

  /// The cause of the draw a `drawn` seeding names, if that draw diverged.
  func drawnCause(_ from: DrawReference, side: Side) -> Int? {
    let index = from.stream.flatMap { side.streamIndex(id: $0) }
    let place = index.flatMap { i in from.counter.map { DrawPlace(stream: i, counter: $0) } }
    if let d = side.recentDrawCauses.cause(seq: from.seq, place: place) { return d }
    if let seq = from.seq, let d = side.drawCausesBySeq[seq] { return d }
    if let place, let d = side.drawCauses[place] { return d }
    return nil
  }

  /// A declaration just applied: a stream seeded from a divergent draw, or
  /// keyed by a divergent split, joins that cause as an effect.
  func noteDerivedStream(_ decl: StreamEvent, side: Side, line: Int, place: String) {
    var cause: Int? = nil
    if case .drawn(let from, _, _) = decl.seeding, let d = drawnCause(from, side: side) {
      cause = d
      // Its draws are effects of the same cause (see compareDraws).
      side.divergedDerivations[decl.id] = d
    } else if let d = side.derivedStreamCauses[decl.id] {
      cause = d
    } else if case .derived(_, let from, _) = decl.seeding, let d = seedNumbersCause(from, side) {
      // Keyed by a seed number that already diverged (a kernel's seed
      // whose derivations moved unchanged): its draws are that cause's effects.
      side.divergedDerivations[decl.id] = d
      return
    }
    guard let d = cause, d >= 0, d < causes.count else { return }
    var key = StableHash()
    key.combine(0x73)
    key.combine(Self.generatorKey(decl))
    causes[d].addStreamEffect(
      key: key.value, what: "\(decl.framework) \"\(decl.name)\" (\(decl.seeding.how == "drawn" ? "seeded from a drawn value" : "keyed by a derived seed"))",
      from: place, side: side.tag, line: line, limit: options.maxEffects)
  }

  /// A split (or another derivation naming a `parent`) attributed to
  /// `cause`: the streams it keys are listed under that cause when declared.
  func notePendingDerivedStreams(_ d: DerivationEvent, side: Side, cause: Int) {
    for id in d.keyedStreams where side.derivedStreamCauses.count < Self.drawCauseLimit {
      side.derivedStreamCauses[id] = cause
    }
  }

  /// The cause a derivation with a `parent` belongs to: the parent's own
  /// (a key that itself came from a diverged derivation or drawn value, or
  /// a pair of parent streams already diagnosed), or a new cause at the
  /// parent's seeding when the parents are seeded differently. Nil when
  /// the parents agree (the derivation is then judged on its own).
  func parentCause(_ a: Head, _ b: Head, _ da: DerivationEvent, _ db: DerivationEvent) throws(TraceError) -> (cause: Int, isNew: Bool)? {
    guard let pa = da.parent, let pb = db.parent else { return nil }
    if let d = A.divergedDerivations[pa] ?? B.divergedDerivations[pb] { return (d, false) }
    guard let ia = A.streamIndex(id: pa), let ib = B.streamIndex(id: pb) else { return nil }
    let key = (UInt64(UInt32(bitPattern: ia)) << 32) | UInt64(UInt32(bitPattern: ib))
    if let d = pairs[key]?.explainedBy { return (d, false) }
    let sa = A.streams[Int(ia)].declaration, sb = B.streams[Int(ib)].declaration
    guard let kind = seedDifference(sa, sb) else { return nil }
    let d = try newCause(kind, a: a, b: b, draws: nil)
    guard d >= 0 else { return (d, true) }
    causes[d].stream = streamRole(a: sa, b: sb)
    // A split asked for by nobody in particular is named by what it splits.
    if causes[d].consumer == nil { causes[d].consumer = Consumer("\(da.rule) of \(sa?.name ?? pa)", role: "") }
    causes[d].derivationRule = da.rule
    causes[d].splitsParent = true
    var pair = pairs[key] ?? PairState(generationA: A.hot[Int(ia)].generation, generationB: B.hot[Int(ib)].generation)
    pair.explainedBy = d
    pairs[key] = pair
    return (d, true)
  }
}
