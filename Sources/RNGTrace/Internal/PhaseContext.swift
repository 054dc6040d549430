/// Where in the run an event happens: the stack of open phases
/// (`fit 1 › epoch 2 › batch 17`). Package-internal: the reader uses it to
/// key phase events for alignment, the differ to say from which epoch a
/// difference shows.
package struct PhaseContext: Sendable {
  package struct Frame: Sendable {
    package var phase: String
    package var index: Int?
    package var name: String?
    /// The alignment key of the frame's begin event.
    package var key: UInt64
    /// How many times each child phase (by key) began inside this frame.
    var childCounts: [UInt64: Int] = [:]
  }

  package private(set) var frames: [Frame] = []
  private var rootCounts: [UInt64: Int] = [:]
  /// The last phase that ended, for places between phases ("after build").
  private var lastEnded: String? = nil

  package init() {}

  /// Applies a phase event and returns its alignment key: the same phase
  /// at the same place in two runs gets the same key.
  package mutating func apply(_ event: PhaseEvent) -> UInt64 {
    switch event.edge {
    case .begin:
      // A begin of the phase that is open on top closes it first (producers
      // that never write `end`).
      if let top = frames.last, top.phase == event.phase, top.name == event.name { frames.removeLast() }
      var local = StableHash()
      local.combine(event.phase)
      local.combine(event.name ?? "")
      let localKey = local.value
      let occurrence: Int
      if frames.isEmpty {
        occurrence = rootCounts[localKey, default: 0]
        rootCounts[localKey] = occurrence + 1
      } else {
        occurrence = frames[frames.count - 1].childCounts[localKey, default: 0]
        frames[frames.count - 1].childCounts[localKey] = occurrence + 1
      }
      var h = StableHash()
      h.combine(frames.last?.key ?? 0)
      h.combine(localKey)
      if let index = event.index { h.combine(0x1_0000_0000 | UInt64(truncatingIfNeeded: index)) } else { h.combine(UInt64(occurrence)) }
      let key = h.value
      if frames.count < 64 {
        frames.append(Frame(phase: event.phase, index: event.index ?? (event.phase == "fit" ? occurrence + 1 : nil), name: event.name, key: key))
      }
      var b = StableHash()
      b.combine(key)
      b.combine(1)
      return b.value
    case .end:
      guard let position = frames.lastIndex(where: { $0.phase == event.phase }) else {
        var h = StableHash()
        h.combine(frames.last?.key ?? 0)
        h.combine("end " + event.phase)
        return h.value
      }
      let key = frames[position].key
      var ended = frames[position].phase
      if let index = frames[position].index, frames[position].phase != "fit" { ended += " \(index)" }
      lastEnded = ended
      frames.removeSubrange(position...)
      var e = StableHash()
      e.combine(key)
      e.combine(2)
      return e.value
    }
  }

  /// The innermost open epoch number, if any.
  package var epoch: Int? { frames.last(where: { $0.phase == "epoch" })?.index }

  /// A readable place: `"fit 1 › epoch 2 › batch 17"`, or `"start"` outside any phase.
  package var description: String {
    if frames.isEmpty { return "start" }
    return frames.map { frame in
      var s = frame.phase
      if let name = frame.name { s += " " + name }
      if let index = frame.index { s += " \(index)" }
      return s
    }.joined(separator: " › ")
  }

  /// The outermost meaningful place for "from where": the epoch when one is
  /// open (`"epoch 2"`), else the innermost phase (`"build"`), else `"start"`.
  package var coarseDescription: String {
    if let epoch = frames.last(where: { $0.phase == "epoch" }) {
      return "epoch \(epoch.index.map(String.init) ?? "?")"
    }
    guard let top = frames.last else { return lastEnded.map { "after \($0)" } ?? "start" }
    var s = top.phase
    if let index = top.index { s += " \(index)" }
    return s
  }
}
