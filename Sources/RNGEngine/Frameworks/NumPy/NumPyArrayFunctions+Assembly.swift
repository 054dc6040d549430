import PythonSubset

/// The NumPy functions that build arrays for data preparation — `linspace`,
/// `eye`, `concatenate`, `stack` — computed as NumPy 2.4 computes them
/// (`linspace`'s `i * step + start` in float64, the endpoint set to `stop`).
/// They draw nothing.
///
/// ```python
/// x = np.linspace(0, 1, 5)                       # [0.0, 0.25, 0.5, 0.75, 1.0]
/// xy = np.concatenate([a, b], axis=1); s = np.stack([a, b])
/// ```
///
/// Edge cases: `linspace` takes scalar bounds; `concatenate` and `stack`
/// take arrays of one dtype (no promotion between dtypes).
extension NumPyArrayFunctions {
  static func defineAssembly(in ns: Namespace) {
    ns.define("linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)") { args in try linspace(args) }
    ns.define("eye(N, M=None, k=0, dtype=float)") { args in
      guard let n = try args.intValue("N"), n >= 0 else { throw args.error("N", "negative dimensions are not allowed") }
      let m = try args.intValue("M") ?? n
      guard m >= 0 else { throw args.error("M", "negative dimensions are not allowed") }
      let k = try args.intValue("k") ?? 0
      let dtype = try NumPyDTypes.argument(args) ?? .float64
      var ones = Array(repeating: 0.0, count: n * m)
      for i in 0..<n where i + k >= 0 && i + k < m { ones[i * m + i + k] = 1 }
      return NumPyResult.array(try cast(Tensor(shape: [n, m], float64: ones), to: dtype, checked: false, args: args))
    }
    ns.define("concatenate(arrays, axis=0)") { args in
      let parts = try arrays(args)
      let axisValue = args.value("axis") ?? .int(PythonInt(0))
      if axisValue.isNone {
        return NumPyResult.array(try joined(parts.map { $0.reshaped([$0.count]) }, axis: 0, args: args))
      }
      guard let first = parts.first else { throw args.error("arrays", "need at least one array to concatenate") }
      let axis = try normalizedAxis(args, "axis", rank: first.rank)
      return NumPyResult.array(try joined(parts, axis: axis, args: args))
    }
    ns.define("stack(arrays, axis=0)") { args in
      let parts = try arrays(args)
      guard let first = parts.first else { throw args.error("arrays", "need at least one array to stack") }
      guard parts.allSatisfy({ $0.shape == first.shape }) else {
        throw args.error("arrays", "all input arrays must have the same shape")
      }
      let axis = try normalizedAxis(args, "axis", rank: first.rank + 1)
      let expanded = parts.map { $0.reshaped(Array($0.shape[..<axis]) + [1] + Array($0.shape[axis...])) }
      return NumPyResult.array(try joined(expanded, axis: axis, args: args))
    }
  }

  /// `linspace`: `y = arange(num) * step + start` in float64 (`step = (stop - start) / div`;
  /// when that step underflows to 0, `y = arange(num) / div * delta`), the last one `stop`.
  private static func linspace(_ args: BoundArguments) throws -> Value {
    guard let start = try args.double("start"), let stop = try args.double("stop") else {
      throw args.error("start", "rngdiff run's linspace() takes numbers for start and stop")
    }
    if let axis = try args.intValue("axis"), axis != 0 { throw args.error("axis", "linspace() with array bounds is not emulated; axis must be 0") }
    guard let num = try args.intValue("num") else { throw args.error("num", "'NoneType' object cannot be interpreted as an integer") }
    guard num >= 0 else { throw args.error("num", "Number of samples, \(num), must be non-negative.") }
    let endpoint = args.value("endpoint")?.isTruthy ?? true
    let div = endpoint ? num - 1 : num
    let delta = stop - start
    var step = Double.nan
    var y = (0..<num).map(Double.init)
    if div > 0 {
      step = delta / Double(div)
      if step == 0 {
        y = y.map { $0 / Double(div) * delta }
      } else {
        y = y.map { $0 * step }
      }
    } else {
      y = y.map { $0 * delta }
    }
    y = y.map { $0 + start }
    if endpoint && num > 1 { y[num - 1] = stop }
    var tensor = Tensor(shape: [num], float64: y)
    if let dtype = try NumPyDTypes.argument(args) {
      if dtype.isInteger { tensor = Tensor(shape: [num], float64: y.map { $0.rounded(.down) }) }
      tensor = try cast(tensor, to: dtype, checked: false, args: args)
    }
    let array = NumPyResult.array(tensor)
    return (args.value("retstep")?.isTruthy ?? false) ? .tuple([array, .float(step)]) : array
  }

  /// The sequence of arrays an `arrays` argument holds (arrays, or lists of numbers).
  private static func arrays(_ args: BoundArguments) throws -> [Tensor] {
    guard let items = Builtins.items(of: args.value("arrays") ?? .none) else {
      throw args.error("arrays", "\(args.signature.name)() takes a sequence of arrays")
    }
    guard case .object(let asarray as BuiltinFunction)? = namespace["asarray"] else { return [] }
    return try items.map { item in
      let call = Arguments(positional: [Located(item, args.range("arrays"))], callRange: args.callRange, calleeRange: args.callRange)
      guard case .object(let array as ArrayObject) = try asarray.call(call) else {
        throw args.error("arrays", "\(args.signature.name)() takes a sequence of arrays")
      }
      return array.tensor
    }
  }

  /// `axis` for an array of `rank` dimensions, negative ones counted from the end.
  static func normalizedAxis(_ args: BoundArguments, _ name: String, rank: Int) throws -> Int {
    let axis = try args.intValue(name) ?? 0
    guard axis >= -rank && axis < rank else {
      throw EvaluationError("axis \(axis) is out of bounds for array of dimension \(rank)", at: args.range(name), type: "numpy.exceptions.AxisError")
    }
    return axis < 0 ? axis + rank : axis
  }

  /// The arrays joined along `axis`: each contributes its block of that axis in turn.
  private static func joined(_ parts: [Tensor], axis: Int, args: BoundArguments) throws -> Tensor {
    guard let first = parts.first else { throw args.error("arrays", "need at least one array to concatenate") }
    guard parts.allSatisfy({ $0.dtype == first.dtype }) else {
      throw args.error("arrays", "rngdiff run joins arrays of one dtype; convert them first (astype)")
    }
    for (i, part) in parts.enumerated() where part.rank != first.rank {
      throw EvaluationError(
        "all the input arrays must have same number of dimensions, but the array at index 0 has \(first.rank) dimension(s) and the array at index \(i) has \(part.rank) dimension(s)",
        at: args.range("arrays"), type: "ValueError")
    }
    for (i, part) in parts.enumerated() {
      for d in 0..<first.rank where d != axis && part.shape[d] != first.shape[d] {
        throw EvaluationError(
          "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(i) has size \(part.shape[d])",
          at: args.range("arrays"), type: "ValueError")
      }
    }
    let outer = first.shape[..<axis].reduce(1, *)
    var shape = first.shape
    shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
    var flat: [(part: Int, index: Int)] = []
    flat.reserveCapacity(shape.reduce(1, *))
    for o in 0..<outer {
      for (p, part) in parts.enumerated() {
        let block = part.shape[axis...].reduce(1, *)
        for i in 0..<block { flat.append((p, o * block + i)) }
      }
    }
    func pick<T>(_ values: [[T]]) -> [T] { flat.map { values[$0.part][$0.index] } }
    let storage: Tensor.Storage
    switch first.storage {
    case .float: storage = .float(pick(parts.map { if case .float(let v) = $0.storage { return v } else { return [] } }))
    case .double: storage = .double(pick(parts.map { if case .double(let v) = $0.storage { return v } else { return [] } }))
    case .int: storage = .int(pick(parts.map { if case .int(let v) = $0.storage { return v } else { return [] } }))
    case .unsigned: storage = .unsigned(pick(parts.map { if case .unsigned(let v) = $0.storage { return v } else { return [] } }))
    case .bool: storage = .bool(pick(parts.map { if case .bool(let v) = $0.storage { return v } else { return [] } }))
    case .big: storage = .big(pick(parts.map { if case .big(let v) = $0.storage { return v } else { return [] } }))
    }
    return Tensor(dtype: first.dtype, shape: shape, storage: storage)
  }
}
