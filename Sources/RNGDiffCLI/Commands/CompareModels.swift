import Foundation
import RNGEngine
import RNGTrace

/// `rngdiff compare SCRIPT --models m1 m2`: two Keras models one script
/// built, compared layer by layer by position (m1's first layer against
/// m2's first layer, whatever their auto-names): structure first, then the
/// draws each layer consumed (default seeds, initializer draws) and the
/// initial weights, and the first difference with its cause.
///
/// ```swift
/// let comparison = try ModelComparison(trace: result.trace, a: result.models[0], b: result.models[1])
/// comparison.diagnosis?.kind    // "state-carryover": m2's layers drew after m1's on one stream
/// ```
///
/// Edge cases: models with different layer counts, kinds or weight shapes
/// are reported as `structure-mismatch` and nothing else is compared;
/// weights that differ while every draw matches are `unexplained`.
struct ModelComparison {
  /// One layer at one position of one model, with what it drew.
  struct LayerDraws {
    var layer: ModelSummary.Layer
    /// Draws whose consumer is the layer (its default seed) or one of its weights, in trace order.
    var draws: [DrawEvent]
    /// Digest of each weight's initial value, by path.
    var digests: [String: String]
  }

  /// The first difference and its cause.
  struct Diagnosis {
    var kind: String
    var position: Int
    var a: DrawEvent?
    var b: DrawEvent?
    /// Draws on the shared stream between a's and b's counters (what moved it on).
    var takenBy: [DrawEvent]
    var explanation: String
    var fix: String
  }

  var a: ModelSummary
  var b: ModelSummary
  var layersA: [LayerDraws] = []
  var layersB: [LayerDraws] = []
  var structureDifferences: [String] = []
  var diagnosis: Diagnosis?
  /// For each position, each weight: (path in a, path in b, same initial value).
  var weights: [(position: Int, a: String, b: String, same: Bool)] = []
  var streams: [String: StreamEvent] = [:]

  init(trace: [UInt8], a: ModelSummary, b: ModelSummary) throws {
    self.a = a
    self.b = b
    let reader = try TraceReader(bytes: trace, name: "run.trace")
    var draws: [DrawEvent] = []
    var tensors: [String: String] = [:]
    while let event = try reader.next() {
      switch event {
      case .draw(let d): draws.append(d)
      case .stream(let s): streams[s.id] = s
      case .tensor(let t) where t.moment == .initial: if tensors[t.name] == nil { tensors[t.name] = t.digest }
      default: break
      }
    }
    func collect(_ model: ModelSummary) -> [LayerDraws] {
      model.layers.map { layer in
        let paths = Set(layer.weights.map(\.path))
        return LayerDraws(
          layer: layer, draws: draws.filter { $0.consumer.path == layer.name || paths.contains($0.consumer.path) },
          digests: Dictionary(uniqueKeysWithValues: layer.weights.compactMap { w in tensors[w.path].map { (w.path, $0) } }))
      }
    }
    layersA = collect(a)
    layersB = collect(b)
    structureDifferences = Self.structure(a, b)
    guard structureDifferences.isEmpty else {
      diagnosis = Diagnosis(
        kind: "structure-mismatch", position: 0, a: nil, b: nil, takenBy: [],
        explanation: "\(a.variable) and \(b.variable) are not the same network: " + structureDifferences.joined(separator: "; ") + ".",
        fix: "Define the same layers, in the same order, with the same shapes in both models.")
      return
    }
    for (position, (la, lb)) in zip(layersA, layersB).enumerated() {
      for (wa, wb) in zip(la.layer.weights, lb.layer.weights) {
        weights.append((position, wa.path, wb.path, la.digests[wa.path] != nil && la.digests[wa.path] == lb.digests[wb.path]))
      }
    }
    diagnosis = firstDifference(draws)
  }

  /// The structural differences, position by position.
  static func structure(_ a: ModelSummary, _ b: ModelSummary) -> [String] {
    var out: [String] = []
    if a.layers.count != b.layers.count {
      out.append("\(a.variable) has \(a.layers.count) layers, \(b.variable) \(b.layers.count)")
    }
    for (i, (x, y)) in zip(a.layers, b.layers).enumerated() {
      if x.kind != y.kind {
        out.append("layer #\(i) is a \(x.kind) (\(x.name)) in \(a.variable) but a \(y.kind) (\(y.name)) in \(b.variable)")
      } else if x.weights.map(\.shape) != y.weights.map(\.shape) {
        out.append("layer #\(i) (\(x.kind)) has weights \(shapes(x)) in \(a.variable) but \(shapes(y)) in \(b.variable)")
      }
    }
    return out
  }

  static func shapes(_ layer: ModelSummary.Layer) -> String {
    layer.weights.map { w in "\(w.path.split(separator: "/").last ?? "") \(w.shape)" }.joined(separator: ", ")
  }

  /// The first layer, in position order, whose draws or weights differ.
  func firstDifference(_ all: [DrawEvent]) -> Diagnosis? {
    for (position, (la, lb)) in zip(layersA, layersB).enumerated() {
      for (da, db) in zip(la.draws, lb.draws) where !Self.sameDraw(da, db) {
        return explain(position, da, db, all)
      }
      if la.draws.count != lb.draws.count {
        let (more, fewer) = la.draws.count > lb.draws.count ? (a, b) : (b, a)
        let extra = la.draws.count > lb.draws.count ? la.draws[lb.draws.count] : lb.draws[la.draws.count]
        return Diagnosis(
          kind: la.draws.count > lb.draws.count ? "missing-draw" : "extra-draw", position: position,
          a: la.draws.count > lb.draws.count ? extra : nil, b: la.draws.count > lb.draws.count ? nil : extra, takenBy: [],
          explanation: "layer #\(position) (\(la.layer.kind)) draws \(extra.consumer) in \(more.variable) but not in \(fewer.variable)"
            + (extra.source.map { " (\($0))" } ?? "") + ".",
          fix: "Give the layer the same initializers (and seeds) in both models.")
      }
      for (wa, wb) in zip(la.layer.weights, lb.layer.weights) where la.digests[wa.path] != lb.digests[wb.path] {
        return Diagnosis(
          kind: "unexplained", position: position, a: nil, b: nil, takenBy: [],
          explanation: "\(wa.path) and \(wb.path) start with other values although every draw of layer #\(position) matches.",
          fix: "Check the layer's initializers: one that draws nothing (a constant, or weights set by the script) differs.")
      }
    }
    return nil
  }

  /// The same draw: same stream state (seed and counter), operation, parameters and values.
  static func sameDraw(_ x: DrawEvent, _ y: DrawEvent) -> Bool {
    x.counter == y.counter && x.count == y.count && x.operation == y.operation && x.parameters == y.parameters
      && x.shape == y.shape && x.digest == y.digest && x.consumer.role == y.consumer.role
  }

  func explain(_ position: Int, _ da: DrawEvent, _ db: DrawEvent, _ all: [DrawEvent]) -> Diagnosis {
    let layer = layersA[position].layer.kind
    let streamA = streams[da.stream], streamB = streams[db.stream]
    let phrase = streamA.map { "\($0.framework) \"\($0.name)\"" } ?? da.stream
    let what = "layer #\(position) (\(layer): \(da.consumer.path) in \(a.variable), \(db.consumer.path) in \(b.variable))"
    if da.stream == db.stream && da.counter != db.counter {
      let (low, high) = (min(da.counter, db.counter), max(da.counter, db.counter))
      let later = da.counter > db.counter ? a.variable : b.variable
      let between = all.filter { $0.stream == da.stream && $0.counter >= low && $0.counter < high }
      let seeding: String
      if case .explicit(let call, let source)? = streamA?.seeding { seeding = " (seeded by \(call)\(source.map { " at \($0)" } ?? ""))" } else { seeding = "" }
      let takers = Self.owners(between, models: [a, b])
      return Diagnosis(
        kind: "state-carryover", position: position, a: da, b: db, takenBy: between,
        explanation: "\(what) takes its \(da.consumer.role.isEmpty ? "draw" : da.consumer.role) from the same stream, \(phrase)\(seeding), "
          + "at counter \(da.counter) in \(a.variable) but \(db.counter) in \(b.variable): \(later) was built after "
          + "\(takers) had moved it on by \((streamA?.unit ?? .word32).plural(high - low)), so its layers get other seeds and other weights.",
        fix: "Reseed right before building each model (keras.utils.set_random_seed(…) again before the second), or give every "
          + "initializer an explicit seed, so one model's weights do not depend on what was built before it.")
    }
    if da.stream != db.stream, let sa = streamA, let sb = streamB, sa.seedMaterial != sb.seedMaterial {
      return Diagnosis(
        kind: "seed-mismatch", position: position, a: da, b: db, takenBy: [],
        explanation: "\(what) draws \(da.consumer) from \(sa.framework) \"\(sa.name)\" seeded \(sa.seedMaterial) in \(a.variable) "
          + "but \(sb.framework) \"\(sb.name)\" seeded \(sb.seedMaterial) in \(b.variable).",
        fix: "Give the layer the same seed in both models.")
    }
    return Diagnosis(
      kind: "parameter-mismatch", position: position, a: da, b: db, takenBy: [],
      explanation: "\(what) draws \(da.operation)\(da.shape) with \(da.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")) "
        + "in \(a.variable) but \(db.operation)\(db.shape) with \(db.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")) in \(b.variable).",
      fix: "Give the layer the same initializer and arguments in both models.")
  }

  /// "m1's layers dense, dense_1" (or other consumers) for draws on a stream.
  static func owners(_ draws: [DrawEvent], models: [ModelSummary]) -> String {
    var parts: [String] = []
    for model in models {
      let names = Set(model.layers.flatMap { [$0.name] + $0.weights.map(\.path) })
      let mine = draws.filter { names.contains($0.consumer.path) }.map(\.consumer.path)
      if !mine.isEmpty { parts.append("\(model.variable)'s \(unique(mine).joined(separator: ", "))") }
    }
    let known = Set(models.flatMap { m in m.layers.flatMap { [$0.name] + $0.weights.map(\.path) } })
    let others = unique(draws.map(\.consumer.path).filter { !known.contains($0) })
    if !others.isEmpty { parts.append(others.joined(separator: ", ")) }
    return parts.isEmpty ? "other consumers" : parts.joined(separator: " and ")
  }

  static func unique(_ xs: [String]) -> [String] {
    var seen = Set<String>()
    return xs.filter { seen.insert($0).inserted }
  }

  var isIdentical: Bool { diagnosis == nil }
}
