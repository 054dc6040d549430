import Foundation
import RNGEngine
import RNGTrace

extension ModelComparison {
  /// The report as text: the two models side by side by position, the
  /// initial weights, then the first difference, its cause and its fix.
  ///
  /// ```
  /// models m1 (Sequential sequential) and m2 (Functional functional): same structure, 2 layers
  ///   #0  Dense  dense      dense_2    kernel [5, 3], bias [3]
  /// ...
  /// ```
  func text() -> String {
    var out = "models \(a.variable) (\(a.kind) \(a.name)) and \(b.variable) (\(b.kind) \(b.name)): "
    out += structureDifferences.isEmpty ? "same structure, \(a.layers.count) layers\n" : "structurally different\n"
    let width = max(8, (a.layers + b.layers).map(\.name.count).max() ?? 0)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
    for i in 0..<max(a.layers.count, b.layers.count) {
      let x = i < a.layers.count ? a.layers[i] : nil, y = i < b.layers.count ? b.layers[i] : nil
      let kind = x?.kind == y?.kind || y == nil ? (x?.kind ?? "-") : "\(x?.kind ?? "-") / \(y?.kind ?? "-")"
      let shapes = x.map(Self.shapes) ?? y.map(Self.shapes) ?? ""
      out += "  #\(i)  \(kind)  \(pad(x?.name ?? "-"))  \(pad(y?.name ?? "-"))  \(shapes)\n"
    }
    if structureDifferences.isEmpty {
      let differing = weights.filter { !$0.same }
      out += "initial weights: " + (differing.isEmpty
        ? "all \(weights.count) the same\n"
        : "\(differing.count) of \(weights.count) differ, first \(differing[0].a) / \(differing[0].b)\n")
    }
    guard let d = diagnosis else {
      return out + "identical: every layer drew the same and starts with the same weights\n"
    }
    out += "first difference: \(d.kind) at layer #\(d.position)\n"
    out += wrap(d.explanation, indent: "  ")
    for (tag, model, draw) in [("a", a, d.a), ("b", b, d.b)] {
      guard let draw else { continue }
      out += "  \(tag) \(model.variable)  \(draw.consumer)  \(draw.stream) counter \(draw.counter)  \(draw.operation)"
      out += "  digest \(draw.digest ?? "-")\(draw.source.map { "  \($0)" } ?? "")\n"
    }
    if !d.takenBy.isEmpty {
      out += "  moved on by:\n"
      for draw in d.takenBy {
        out += "    counter \(draw.counter)  \(draw.consumer)\(draw.source.map { "  \($0)" } ?? "")\n"
      }
    }
    out += wrap("fix: " + d.fix, indent: "  ")
    return out
  }

  /// The report as one JSON object (docs/compare.md describes the fields).
  func json() -> String {
    func model(_ m: ModelSummary, _ layers: [LayerDraws]) -> [String: Any] {
      [
        "variable": m.variable, "kind": m.kind, "name": m.name,
        "layers": layers.enumerated().map { i, l -> [String: Any] in
          [
            "position": i, "kind": l.layer.kind, "name": l.layer.name,
            "weights": l.layer.weights.map { w -> [String: Any] in
              ["path": w.path, "shape": w.shape, "digest": l.digests[w.path] ?? NSNull()]
            },
            "draws": l.draws.count,
          ]
        },
      ]
    }
    func draw(_ d: DrawEvent?) -> Any {
      guard let d else { return NSNull() }
      return [
        "consumer": d.consumer.path, "role": d.consumer.role, "stream": d.stream, "counter": d.counter, "count": d.count,
        "op": d.operation, "digest": d.digest ?? NSNull(), "source": d.source ?? NSNull(),
      ] as [String: Any]
    }
    var diagnoses: [[String: Any]] = []
    if let d = diagnosis {
      var entry: [String: Any] = [
        "kind": d.kind, "position": d.position, "explanation": d.explanation, "fix": d.fix,
        "a": draw(d.a), "b": draw(d.b), "taken_by": d.takenBy.map(draw),
      ]
      if d.position < layersA.count && d.position < layersB.count {
        entry["layer"] = layersA[d.position].layer.kind
        entry["consumer"] = [
          "a": d.a?.consumer.path ?? layersA[d.position].layer.name, "b": d.b?.consumer.path ?? layersB[d.position].layer.name,
          "role": d.a?.consumer.role ?? d.b?.consumer.role ?? "",
        ]
      }
      diagnoses.append(entry)
    }
    let root: [String: Any] = [
      "format": "rngdiff-models", "version": 1,
      "verdict": isIdentical ? "identical" : "different", "exit_status": isIdentical ? 0 : 1,
      "a": model(a, layersA), "b": model(b, layersB),
      "structure": structureDifferences.isEmpty ? "same" : "different", "structure_differences": structureDifferences,
      "weights": weights.map { ["position": $0.position, "a": $0.a, "b": $0.b, "same": $0.same] as [String: Any] },
      "diagnoses": diagnoses,
    ]
    guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Wraps `text` at 100 columns under `indent`.
  func wrap(_ text: String, indent: String) -> String {
    var lines: [String] = []
    var line = indent
    for word in text.split(separator: " ") {
      if line.count + word.count + 1 > 100 && line != indent {
        lines.append(line)
        line = indent + "  "
      }
      line += (line.hasSuffix(" ") || line == indent ? "" : " ") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n") + "\n"
  }
}
