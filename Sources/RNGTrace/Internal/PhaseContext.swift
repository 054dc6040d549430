/// Where in the run an event happens: the stack of open phases
/// (`fit 1 › epoch 2 › batch 17`). Package-internal: the reader uses it to
/// key phase events for alignment, the differ to say from which epoch a
/// difference shows.
///
/// Phase events are frequent (two per batch), so the common phase words are
/// kept as an enum and nothing is allocated for them.
package struct PhaseContext: Sendable {
  /// A phase word: the documented ones, or any other text.
  package enum Word: Sendable, Hashable {
    case build, compile, fit, epoch, batch, predict, evaluate
    case other(String)

    package init(_ text: String) {
      switch text {
      case "build": self = .build
      case "compile": self = .compile
      case "fit": self = .fit
      case "epoch": self = .epoch
      case "batch": self = .batch
      case "predict": self = .predict
      case "evaluate": self = .evaluate
      default: self = .other(text)
      }
    }

    package var text: String {
      switch self {
      case .build: return "build"
      case .compile: return "compile"
      case .fit: return "fit"
      case .epoch: return "epoch"
      case .batch: return "batch"
      case .predict: return "predict"
      case .evaluate: return "evaluate"
      case .other(let s): return s
      }
    }

    /// A small number for the documented words (nil for others).
    package var code: UInt8? {
      switch self {
      case .build: return 1
      case .compile: return 2
      case .fit: return 3
      case .epoch: return 4
      case .batch: return 5
      case .predict: return 6
      case .evaluate: return 7
      case .other: return nil
      }
    }

    /// The documented word with this ``code``.
    package init(code: UInt8) {
      switch code {
      case 1: self = .build
      case 2: self = .compile
      case 3: self = .fit
      case 4: self = .epoch
      case 5: self = .batch
      case 6: self = .predict
      default: self = .evaluate
      }
    }

    /// A number that is the same in every process.
    var stableHash: UInt64 {
      switch self {
      case .build: return 1
      case .compile: return 2
      case .fit: return 3
      case .epoch: return 4
      case .batch: return 5
      case .predict: return 6
      case .evaluate: return 7
      case .other(let s):
        var h = StableHash()
        h.combine(s)
        return h.value | 0x100
      }
    }
  }

  /// One phase event, as much as the context needs.
  package struct Input: Sendable {
    package var word: Word
    package var edge: PhaseEdge
    package var index: Int?
    package var name: String?

    package init(word: Word, edge: PhaseEdge, index: Int?, name: String?) {
      self.word = word
      self.edge = edge
      self.index = index
      self.name = name
    }

    package init(_ event: PhaseEvent) {
      self.init(word: Word(event.phase), edge: event.edge, index: event.index, name: event.name)
    }
  }

  package struct Frame: Sendable {
    package var word: Word
    /// `word.code`, or 0 for another word: compared without copying the word.
    var code: UInt8
    package var index: Int?
    package var name: String?
    /// The alignment key of the frame's begin event.
    package var key: UInt64
    /// How many times each child phase without an index began inside this frame.
    var childCounts: [UInt64: Int] = [:]
  }

  package private(set) var frames: [Frame] = []
  private var rootCounts: [UInt64: Int] = [:]
  /// The last phase that ended, for places between phases ("after build").
  private var lastEnded: (word: Word, index: Int?)? = nil

  package init() {}

  /// Applies a phase event and returns its alignment key: the same phase
  /// at the same place in two runs gets the same key.
  package mutating func apply(_ event: PhaseEvent) -> UInt64 { apply(Input(event)) }

  package mutating func apply(_ event: Input) -> UInt64 {
    let code = event.word.code ?? 0
    /// Whether a frame's word is the event's (by code for the documented words).
    @inline(__always) func sameWord(_ k: Int) -> Bool {
      code != 0 ? frames[k].code == code : frames[k].code == 0 && frames[k].word == event.word
    }
    var local = StableHash()
    local.combine(event.word.stableHash)
    if let name = event.name { local.combine(name) }
    let localKey = local.value
    switch event.edge {
    case .begin:
      // A begin of the phase that is open on top closes it first (producers
      // that never write `end`).
      if let t = frames.indices.last, sameWord(t), event.name == nil ? frames[t].name == nil : frames[t].name == event.name {
        frames.removeLast()
      }
      // Phases with an index (epochs, batches) are told apart by it; others by
      // how many times they began inside their parent.
      var occurrence = 0
      if event.index == nil {
        if frames.isEmpty {
          occurrence = rootCounts[localKey, default: 0]
          rootCounts[localKey] = occurrence + 1
        } else {
          occurrence = frames[frames.count - 1].childCounts[localKey, default: 0]
          frames[frames.count - 1].childCounts[localKey] = occurrence + 1
        }
      }
      var h = StableHash()
      h.combine(topKey)
      h.combine(localKey)
      if let index = event.index { h.combine(0x1_0000_0000 | UInt64(truncatingIfNeeded: index)) } else { h.combine(UInt64(occurrence)) }
      let key = h.value
      if frames.count < 64 {
        frames.append(Frame(word: event.word, code: code, index: event.index ?? (event.word == .fit ? occurrence + 1 : nil), name: event.name, key: key))
      }
      var b = StableHash()
      b.combine(key)
      b.combine(1)
      return b.value
    case .end:
      var position = frames.count - 1
      while position >= 0 && !sameWord(position) { position -= 1 }
      guard position >= 0 else {
        var h = StableHash()
        h.combine(topKey)
        h.combine(localKey)
        h.combine(3)
        return h.value
      }
      let key = frames[position].key
      lastEnded = (frames[position].word, frames[position].word == .fit ? nil : frames[position].index)
      if position == frames.count - 1 { frames.removeLast() } else { frames.removeSubrange(position...) }
      var e = StableHash()
      e.combine(key)
      e.combine(2)
      return e.value
    }
  }

  /// ``apply(_:)`` for a documented phase word (its ``Word/code``, 1…7)
  /// without a name: the same keys and the same frames, without building an
  /// ``Input`` or copying words (two phase events per batch go through here).
  package mutating func apply(code: UInt8, edge: PhaseEdge, index: Int?) -> UInt64 {
    // A documented word's stable hash is its code.
    var local = StableHash()
    local.combine(UInt64(code))
    let localKey = local.value
    switch edge {
    case .begin:
      // Without an index the key depends on how often the phase began: the general path.
      guard let index else { return apply(Input(word: Word(code: code), edge: edge, index: nil, name: nil)) }
      if let t = frames.indices.last, frames[t].code == code, frames[t].name == nil { frames.removeLast() }
      var h = StableHash()
      h.combine(topKey)
      h.combine(localKey)
      h.combine(0x1_0000_0000 | UInt64(truncatingIfNeeded: index))
      let key = h.value
      if frames.count < 64 { frames.append(Frame(word: Word(code: code), code: code, index: index, name: nil, key: key)) }
      var b = StableHash()
      b.combine(key)
      b.combine(1)
      return b.value
    case .end:
      var position = frames.count - 1
      while position >= 0 && frames[position].code != code { position -= 1 }
      guard position >= 0 else {
        var h = StableHash()
        h.combine(topKey)
        h.combine(localKey)
        h.combine(3)
        return h.value
      }
      let key = frames[position].key
      // The frame's word has this code: it is the documented word itself.
      lastEnded = (Word(code: code), code == 3 ? nil : frames[position].index)
      if position == frames.count - 1 { frames.removeLast() } else { frames.removeSubrange(position...) }
      var e = StableHash()
      e.combine(key)
      e.combine(2)
      return e.value
    }
  }

  /// The key of the innermost open phase (0 outside any): equal keys mean
  /// the same place, since a key hashes its whole path.
  package var topKey: UInt64 { frames.isEmpty ? 0 : frames[frames.count - 1].key }

  /// The innermost open epoch number, if any.
  package var epoch: Int? { frames.last(where: { $0.word == .epoch })?.index }

  /// A readable place: `"fit 1 › epoch 2 › batch 17"`, or `"start"` outside any phase.
  package var description: String {
    if frames.isEmpty { return "start" }
    return frames.map { frame in
      var s = frame.word.text
      if let name = frame.name { s += " " + name }
      if let index = frame.index { s += " \(index)" }
      return s
    }.joined(separator: " › ")
  }

  /// The outermost meaningful place for "from where": the epoch when one is
  /// open (`"epoch 2"`), else the innermost phase (`"build"`), else
  /// `"after build"` between phases, else `"start"`.
  package var coarseDescription: String {
    if let epoch = frames.last(where: { $0.word == .epoch }) {
      return "epoch \(epoch.index.map(String.init) ?? "?")"
    }
    guard let top = frames.last else {
      guard let ended = lastEnded else { return "start" }
      return "after \(ended.word.text)" + (ended.index.map { " \($0)" } ?? "")
    }
    var s = top.word.text
    if let index = top.index { s += " \(index)" }
    return s
  }
}
