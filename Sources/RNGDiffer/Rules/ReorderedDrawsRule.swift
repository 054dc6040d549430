import RNGTrace

extension DiffEngine {
  /// `reordered-draws`: The same consumers draw from a shared stream in a different order.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#reordered-draws.
  enum ReorderedDrawsRule: DiagnosisRule {
    static let kind = DiagnosisKind.reorderedDraws

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      var s = "a and b draw the same consumers from \(streamPhrase(c)) in a different order"
      if let ca = c.moveCounters.a, let cb = c.moveCounters.b {
        s += ": \(who) is at counter \(ca) in a and \(cb) in b, so it gets other values"
      }
      s += "."
      if c.kind == .dataOrder { s += " They belong to the input pipeline, so the data order differs." }
      let others = Array(Set(c.hunk.filter { $0.event == .draw }.map(\.what)).subtracting([who])).sorted()
      if !others.isEmpty { s += " Also moved: \(others.prefix(4).joined(separator: ", "))." }
      return s
    }

    static func fix(_ c: Cause) -> String {
      return "Create and build the consumers in the same order in both runs (for Keras, pass input_shape so layers are built when the model is made), or seed each initializer explicitly."
    }
  }
}
