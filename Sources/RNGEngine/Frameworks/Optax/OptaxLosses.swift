import PythonSubset

/// Optax's classification losses, built from the engine's `jax.numpy` ops
/// (so `jax.grad` sees them).
///
/// ```python
/// loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()
/// loss = optax.softmax_cross_entropy(logits, jax.nn.one_hot(labels, 10)).mean()
/// ```
///
/// As Optax 0.2.8 computes them: the integer-label loss is
/// `logsumexp(logits) - logits[label]` (the label's logit taken, not a
/// subtracted normaliser for every class); the one-hot loss is
/// `-(labels * log_softmax(logits)).sum(-1)`. Edge cases: `axis` other than
/// the last and `where=` are refused; a label outside `0..<classes` is
/// refused (JAX would give NaN there).
enum OptaxLosses {
  static func define(in ns: Namespace) {
    ns.define("softmax_cross_entropy(logits, labels, axis=-1, where=None)") { args in
      try requireLastAxis(args)
      let range = args.callRange
      let logits = try JAXArrays.asArray(args.value("logits") ?? .none, at: range)
      let logProbs = try JAXNumPy.logSoftmax(logits, axis: .int(PythonInt(-1)), at: range)
      guard let product = try JAXArrays.binary(.multiply, args.value("labels") ?? .none, logProbs, at: range) else {
        throw args.error("labels", "softmax_cross_entropy() labels must be an array of the logits' shape")
      }
      let sum = try JAXArrays.reduce("sum", product, axis: .int(PythonInt(-1)), keepdims: false, at: range)
      return try JAXArrays.negate(sum, at: range) ?? sum
    }
    ns.define("softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1, where=None)") { args in
      try requireLastAxis(args)
      let range = args.callRange
      let logits = try JAXArrays.asArray(args.value("logits") ?? .none, at: range)
      guard let shape = JAXArrays.array(logits)?.tensor.shape, let classes = shape.last else {
        throw args.error("logits", "softmax_cross_entropy_with_integer_labels() logits must have a class axis")
      }
      guard let labels = try JAXArrays.operand(try JAXArrays.asArray(args.value("labels") ?? .none, at: range), at: range),
        labels.kind == .int, labels.shape == Array(shape.dropLast())
      else {
        var error = args.error(
          "labels", "softmax_cross_entropy_with_integer_labels() labels must be an integer array of shape \(JAXArrays.shapeText(Array(shape.dropLast())))")
        error.type = "TypeError"
        throw error
      }
      if let bad = labels.ints.first(where: { $0 < 0 || $0 >= Int64(classes) }) {
        throw args.error("labels", "softmax_cross_entropy_with_integer_labels() label \(bad) is outside 0..<\(classes) (JAX would give NaN)")
      }
      var picks = [Float](repeating: 0, count: labels.ints.count * classes)
      for (i, c) in labels.ints.enumerated() { picks[i * classes + Int(c)] = 1 }
      // The label's logit: exact, as x*1 + 0 + ... + 0 is x for finite logits.
      let chosen = try JAXArrays.binary(.multiply, .object(JAXArrays.float32(picks, shape)), logits, at: range)!
      let labelLogits = try JAXArrays.reduce("sum", chosen, axis: .int(PythonInt(-1)), keepdims: false, at: range)
      let normalizers = try JAXNumPy.logSumExp(logits, axis: .int(PythonInt(-1)), at: range)
      return try JAXArrays.binary(.subtract, normalizers, labelLogits, at: range)!
    }
  }

  private static func requireLastAxis(_ args: BoundArguments) throws {
    try args.requireNone("where")
    try args.requireDefault("axis", isDefault: { BoundArguments.asInt($0)?.int == -1 }, accepted: "axis=-1")
  }
}
