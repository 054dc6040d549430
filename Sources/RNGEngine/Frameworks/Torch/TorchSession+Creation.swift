import PythonSubset
import RNGStreams
import TorchStreams

/// Tensor constructors that do not draw, beside ``TorchSession/defineFunctions(in:)``'s:
/// `arange`, `zeros_like`, `ones_like`, `full_like`, `empty_like`,
/// `from_numpy`, `cat` and `stack`.
///
/// ```python
/// torch.arange(5)                 # int64 [0, 1, 2, 3, 4]
/// torch.arange(0, 1, 0.25)        # float32 (the default dtype)
/// torch.from_numpy(np.ones(3))    # float64, as the array
/// torch.stack([a, b])             # a new first axis
/// ```
///
/// Edge cases: `arange` with a zero step or the wrong sign is PyTorch's
/// `RuntimeError`; `cat`/`stack` need tensors of one dtype and matching shapes.
extension TorchSession {
  func defineCreation(in ns: Namespace) {
    let options = "out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False"
    ns.define("arange(start=0, end=None, step=1, *, \(options))") { [self] args in
      try args.requireDefaultCPUGenerator()
      var start = args.value("start") ?? .int(PythonInt(0))
      var end = args.value("end") ?? .none
      if end.isNone { (start, end) = (.int(PythonInt(0)), start) }
      let step = args.value("step") ?? .int(PythonInt(1))
      let allInts = [start, end, step].allSatisfy { if case .int = $0 { return true } else { return false } }
      guard let a = BoundArguments.asDouble(start), let b = BoundArguments.asDouble(end), let s = BoundArguments.asDouble(step) else {
        throw EvaluationError("arange() arguments must be numbers", at: args.callRange, type: "TypeError")
      }
      guard s != 0 else { throw EvaluationError("step must be nonzero", at: args.range("step"), type: "RuntimeError") }
      guard (s > 0 && b >= a) || (s < 0 && b <= a) else {
        throw EvaluationError("upper bound and larger bound inconsistent with step sign", at: args.callRange, type: "RuntimeError")
      }
      let count = Int(((b - a) / s).rounded(.up))
      _ = try BoundArguments.checkedShape([count], at: args.callRange)
      let dtype = try args.torchDType() ?? (allInts ? .int64 : .float32)
      let doubles = (0..<count).map { a + Double($0) * s }
      let storage: Tensor.Storage = allInts
        ? .int((0..<count).map { Int64(a) + Int64($0) * Int64(s) })
        : .double(doubles)
      guard let values = DrawnValues(torchCasting: storage, to: dtype) else {
        throw EvaluationError("arange() cannot make torch.\(dtype.name) values", at: args.callRange)
      }
      return tensor(values, shape: [count])
    }
    for (name, fill) in [("zeros_like", 0.0), ("ones_like", 1.0), ("empty_like", 0.0)] {
      ns.define("\(name)(input, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=torch.preserve_format)") { [self] args in
        try args.requireDefaultCPUGenerator()
        let input = try args.torchTensor("input")
        let dtype = try args.torchDType() ?? input.dtype
        let one = DrawnValues(torchCasting: .double([fill]), to: dtype) ?? .float32([Float(fill)])
        return tensor(one.repeated(input.values.count), shape: input.object.tensor.shape)
      }
    }
    ns.define("full_like(input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=torch.preserve_format)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensor("input")
      let dtype = try args.torchDType() ?? input.dtype
      guard let fill = args.value("fill_value").flatMap(BoundArguments.asDouble),
        let one = DrawnValues(torchCasting: .double([fill]), to: dtype)
      else { throw args.error("fill_value", "full_like() fill_value must be a number") }
      return tensor(one.repeated(input.values.count), shape: input.object.tensor.shape)
    }
    ns.define("from_numpy(ndarray)") { [self] args in
      guard case .object(let a as ArrayObject)? = args.value("ndarray"), a.kind == .numpy else {
        throw args.error("ndarray", "expected np.ndarray (got \(args.value("ndarray")?.typeName ?? "None"))")
      }
      // The tensor shares the array's memory in PyTorch; the engine's is a copy, so NumPy writes into it are refused.
      (a.viewed?.owner ?? a).sharedWith = "torch.from_numpy"
      return .object(array(DrawnValues(torch: a.tensor) ?? .float64(a.tensor.doubles), shape: a.tensor.shape))
    }
    for name in ["cat", "stack"] {
      ns.define("\(name)(tensors, dim=0, *, out=None)") { [self] args in
        let items = try TorchScript.items(args.value("tensors") ?? .none, at: args.range("tensors"))
        let tensors = try items.map { v -> Tensor in
          guard case .object(let a as ArrayObject) = v, a.kind == .torch else {
            throw args.error("tensors", "\(name)(): expected a sequence of tensors, got \(v.typeName)")
          }
          return a.tensor
        }
        guard let first = tensors.first else { throw args.error("tensors", "\(name)(): expected a non-empty list of Tensors") }
        guard tensors.allSatisfy({ $0.dtype == first.dtype }) else {
          throw args.error("tensors", "\(name)(): rngdiff run joins tensors of one dtype; convert them first")
        }
        let rank = first.shape.count + (name == "stack" ? 1 : 0)
        let d = try args.intValue("dim") ?? 0
        guard rank > 0, d >= -rank && d < rank else {
          throw EvaluationError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(d))", at: args.range("dim"), type: "IndexError")
        }
        let axis = d < 0 ? d + rank : d
        let parts = name == "stack" ? tensors.map { t -> Tensor in
          var s = t.shape
          s.insert(1, at: axis)
          return Tensor(dtype: t.dtype, shape: s, storage: t.storage)
        } : tensors
        for t in parts {
          guard t.shape.count == parts[0].shape.count,
            zip(t.shape, parts[0].shape).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 == $0.element.1 })
          else {
            throw EvaluationError(
              "Sizes of tensors must match except in dimension \(axis)", at: args.range("tensors"), type: "RuntimeError")
          }
        }
        let outer = parts[0].shape[..<axis].reduce(1, *)
        let inner = parts[0].shape[(axis + 1)...].reduce(1, *)
        var shape = parts[0].shape
        shape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        var order: [(Int, Int)] = []
        for o in 0..<outer {
          for (p, t) in parts.enumerated() {
            let block = t.shape[axis] * inner
            for k in 0..<block { order.append((p, o * block + k)) }
          }
        }
        let joined = parts.map { DrawnValues(torch: $0) ?? .float64($0.doubles) }
        let values: DrawnValues
        switch joined[0] {
        case .float32: values = .float32(order.map { if case .float32(let v) = joined[$0.0] { return v[$0.1] } else { return 0 } })
        case .float64: values = .float64(order.map { if case .float64(let v) = joined[$0.0] { return v[$0.1] } else { return 0 } })
        case .int64: values = .int64(order.map { if case .int64(let v) = joined[$0.0] { return v[$0.1] } else { return 0 } })
        case .bool: values = .bool(order.map { if case .bool(let v) = joined[$0.0] { return v[$0.1] } else { return false } })
        default: throw args.error("tensors", "\(name)() of torch.\(first.dtype.rawValue) tensors is not emulated")
        }
        return tensor(values, shape: shape)
      }
    }
  }
}
