extension TraceEvent {
  /// Whether two events record the same thing, however they were encoded:
  /// equal apart from `seq` and `source`, with parameters and derivation
  /// inputs compared by name in any order and by ``NamedValue/sameValue(_:_:)``,
  /// and digests compared on their common length (``TraceDigest/matches(_:_:)``;
  /// values covered by matching digests are not compared again).
  ///
  /// ```swift
  /// let a = DrawEvent(seq: 3, stream: "np", counter: 0, count: 2, operation: "uniform", distribution: "uniform",
  ///                   parameters: [NamedValue("low", "0.0"), NamedValue("high", "1.0")], consumer: Consumer("k", role: "init"))
  /// var b = a
  /// b.seq = 9
  /// b.parameters = [NamedValue("high", "1.00"), NamedValue("low", "0.0")]
  /// TraceEvent.draw(a).isEquivalent(to: .draw(b))   // true
  /// ```
  public func isEquivalent(to other: TraceEvent) -> Bool {
    switch (self, other) {
    case (.draw(var a), .draw(var b)):
      guard a.parameters.sameValues(as: b.parameters), Self.sameDigest(a.digest, b.digest) else { return false }
      if a.digest != nil && b.digest != nil {
        a.values = nil
        b.values = nil
      }
      (a.seq, b.seq, a.source, b.source, a.parameters, b.parameters, a.digest, b.digest) = (0, 0, nil, nil, [], [], nil, nil)
      return a == b
    case (.derivation(var a), .derivation(var b)):
      guard a.inputs.sameValues(as: b.inputs), NamedValue.sameValue(a.result, b.result) else { return false }
      (a.seq, b.seq, a.source, b.source, a.inputs, b.inputs, a.result, b.result) = (nil, nil, nil, nil, [], [], "", "")
      return a == b
    case (.tensor(var a), .tensor(var b)):
      guard TraceDigest.matches(a.digest, b.digest) else { return false }
      (a.seq, b.seq, a.digest, b.digest, a.values, b.values) = (nil, nil, "", "", nil, nil)
      return a == b
    case (.metric(var a), .metric(var b)):
      guard a.value.bitPattern == b.value.bitPattern else { return false }
      (a.seq, b.seq, a.value, b.value) = (nil, nil, 0, 0)
      return a == b
    case (.phase(var a), .phase(var b)):
      (a.seq, b.seq) = (nil, nil)
      return a == b
    case (.stream(var a), .stream(var b)):
      (a.seq, b.seq) = (nil, nil)
      return a == b
    case (.header(let a), .header(let b)):
      return a == b
    default:
      return false
    }
  }

  private static func sameDigest(_ a: String?, _ b: String?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return TraceDigest.matches(a, b)
  }
}
