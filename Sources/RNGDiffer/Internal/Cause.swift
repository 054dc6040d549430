import RNGTrace

/// A diagnosis while it is being built: evidence and effects accumulate as
/// the engine goes; the sentences are written at the end (Explanations).
struct Cause {
  var kind: DiagnosisKind
  var place: String
  var consumer: Consumer?
  var stream: StreamRole?
  var a: EventEvidence?
  var b: EventEvidence?
  var renamedFrom: String?

  // One-sided hunks.
  var hunkSide: TraceSide?
  var hunk: [HunkEntry] = []
  var hunkSize = 0
  var hunkUnits: UInt64 = 0
  var hunkDraws = 0
  var hunkDataDraws = 0
  /// Consumers with an input-pipeline draw in the hunk (a sampler's shuffle), by path.
  var hunkDataConsumers: Set<String> = []
  /// The hunk's seed draws (role `seed`), by consumer path: a sampler's own
  /// seed is part of the input pipeline when the same consumer shuffles.
  var hunkSeedDraws: [String: Int] = [:]
  /// The hunk's draws that belong to the input pipeline: its shuffles,
  /// samples and permutations, and the seeds its samplers draw for them.
  var hunkPipelineDraws: Int {
    hunkDataDraws + hunkSeedDraws.reduce(0) { $0 + (hunkDataConsumers.contains($1.key) ? $1.value : 0) }
  }
  var hunkDerivations = 0
  var hunkRules: [String] = []
  /// Consumers of the hunk's draws with units, in order (first 8).
  var hunkConsumers: [(consumer: Consumer, units: UInt64, draws: Int)] = []
  /// Streams the hunk's draws used, as phrases.
  var hunkStreams: [String] = []
  /// Streams after the first that the hunk's own derivations keyed (a
  /// Dropout's mask ops), by id: counted in the explanation, not named.
  var hunkKeyedStreams: Set<String> = []
  var hunkUnit: CounterUnitName?

  // Evidence.
  var accountedBy: [Contribution] = []
  var unexplainedUnits: Int64 = 0
  var effects: [Effect] = []
  var effectIndex: [UInt64: Int] = [:]
  var omittedEffects = 0
  var effectEvents = 0
  /// The first later draw the cause shifted: consumer, counters in a and b.
  var firstShifted: (what: String, a: UInt64, b: UInt64)?
  var numeric: NumericSummary?
  var configDifferences: [ConfigDifference] = []
  /// For numeric nondeterminism: both runs' headers (device, threads,
  /// determinism switches, framework versions).
  var headers: (a: RunHeader, b: RunHeader)?
  /// For numeric nondeterminism: consumers of import-time draws that differ
  /// but feed nothing later, so the tensor is not their effect.
  var unrelatedDraws: [String] = []
  var derivationRule: String?
  var derivationInputs: (a: [NamedValue], b: [NamedValue])?
  var derivationResults: (a: String, b: String)?
  var reseedLine: (side: TraceSide, location: String, call: String?)?
  /// For a state-carryover where one run restored the stream from a
  /// checkpoint and the other did not: the restoring side and its seeding.
  var restoredSide: TraceSide?
  /// The cause is at the parent streams of a derivation (a key split into
  /// several): they are seeded differently, so every key derived from them differs.
  var splitsParent = false

  /// Lists a stream whose seed came from this cause's divergence (seeded
  /// from a drawn value, or keyed by a split) among the effects: one entry
  /// per stream, with its declaration line in each run.
  mutating func addStreamEffect(key: UInt64, what: String, from: String, side: TraceSide, line: Int, limit: Int) {
    if let k = effectIndex[key] {
      if side == .a && effects[k].aLine == nil { effects[k].aLine = line }
      if side == .b && effects[k].bLine == nil { effects[k].bLine = line }
      return
    }
    effectEvents += 1
    if effects.count < limit {
      effectIndex[key] = effects.count
      effects.append(Effect(event: .stream, what: what, from: from, aLine: side == .a ? line : nil,
                            bLine: side == .b ? line : nil, count: 1))
    } else {
      omittedEffects += 1
    }
  }
  /// For reorders: the order in each run.
  var moveCounters: (a: UInt64?, b: UInt64?) = (nil, nil)
  /// For reorders: the key of the move's first draw, whose halves are the evidence.
  var moveKey: UInt64?

  init(kind: DiagnosisKind, place: String) {
    self.kind = kind
    self.place = place
  }

  /// Adds one divergent event caused by this diagnosis.
  mutating func addEffect(key: UInt64, event: TraceEventKind, what: () -> String, from: () -> String, aLine: Int?, bLine: Int?, limit: Int) {
    effectEvents += 1
    if let k = effectIndex[key] {
      effects[k].count += 1
    } else if effects.count < limit {
      effectIndex[key] = effects.count
      effects.append(Effect(event: event, what: what(), from: from(), aLine: aLine, bLine: bLine, count: 1))
    } else {
      omittedEffects += 1
    }
  }
}

/// What the engine keeps about a pair of streams matched by role (a's
/// stream i, b's stream j): offsets that earlier events account for.
/// The earliest of two cause indices, -1 meaning none.
func earliestCause(_ a: Int, _ b: Int) -> Int {
  if a < 0 { return b }
  if b < 0 { return a }
  return min(a, b)
}

struct PairState {
  var generationA: UInt32
  var generationB: UInt32
  /// Σ (count in b − count in a) over matched draws whose counts differ.
  var countDelta: Int64 = 0
  /// Offsets diagnosed as causes of their own (stream-offset, carryover).
  var adjustment: Int64 = 0
  var contributors: [Contribution] = []
  /// The earliest cause among the contributors, or -1.
  var contributorCause = -1
  /// A cause that explains every difference on this pair (a seed-level cause).
  var explainedBy: Int? = nil
}
