import RNGTrace

extension Consumer {
  /// The shorter paths a consumer path ends with, longest first: what is
  /// left after dropping leading scopes one at a time.
  ///
  /// ```swift
  /// Consumer.layerSuffixes(of: "sequential/dense/kernel")  // ["dense/kernel", "kernel"]
  /// Consumer.layerSuffixes(of: "dropout")                  // []
  /// ```
  ///
  /// Keras names one layer's events by different paths: its seed draw by
  /// the layer (`dropout`), its masks and weights by their path in the
  /// model (`sequential/dropout`, `sequential/dense/kernel`). Empty scopes
  /// (`a//b`) are kept as they are.
  static func layerSuffixes(of path: String) -> [String] {
    var out: [String] = []
    var rest = Substring(path)
    while let slash = rest.firstIndex(of: "/") {
      rest = rest[rest.index(after: slash)...]
      if !rest.isEmpty { out.append(String(rest)) }
    }
    return out
  }
}
