import PythonSubset

/// The methods of a `jax.Array` in `rngdiff run`: `reshape`, `sum`, `mean`,
/// `max`, `min`, `astype`, `transpose` (besides `shape`, `dtype`, `ndim`,
/// `tolist` and `item`, which every array has).
///
/// ```python
/// x.reshape(-1, 4).sum(axis=1, keepdims=True)
/// ```
enum JAXArrayMethods {
  static let shared: ArrayMethods = {
    var m = ArrayMethods()
    m.define("reshape(*shape)") { a, args in
      let parts = args.extraPositional.map(\.value)
      let shape: Value = parts.count == 1 ? parts[0] : .tuple(parts)
      return try JAXArrays.reshape(.object(a), shape, at: args.callRange)
    }
    for name in ["sum", "mean", "max", "min"] {
      m.define("\(name)(axis=None, keepdims=False)") { a, args in
        try JAXArrays.reduce(name, .object(a), axis: args.value("axis"), keepdims: try args.bool("keepdims") ?? false, at: args.callRange)
      }
    }
    m.define("astype(dtype)") { a, args in try JAXNumPy.astype(.object(a), args) }
    m.define("transpose()") { a, args in try JAXArrays.transpose(.object(a), at: args.callRange) }
    return m
  }()
}
