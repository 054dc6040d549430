import PythonSubset
import RNGStreams
import TorchStreams

/// Argument readers with PyTorch's rules, for the torch binding.
extension BoundArguments {
  /// `dtype=`: a torch dtype the samplers produce; nil when absent or None.
  func torchDType(_ name: String = "dtype") throws -> TorchDType? {
    guard let v = value(name), !v.isNone else { return nil }
    guard case .dtype(let engineType) = v else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a torch.dtype such as torch.float64, got \(v.typeName) \(v.repr)")
    }
    guard let dtype = TorchDType(engineType) else {
      throw error(name, "rngdiff does not emulate torch.\(engineType.rawValue) tensors; accepted: \(TorchDType.acceptedNames)")
    }
    return dtype
  }

  /// An int as PyTorch's argument parser reads one: bools and floats are refused.
  func torchInt(_ name: String) throws -> Int64? {
    guard let v = value(name), !v.isNone else { return nil }
    return try Self.torchInt(Located(v, range(name)), function: signature.name, parameter: name)
  }

  /// A shape given as a tuple or list of ints (`size=(2, 3)`), checked as
  /// PyTorch checks it.
  func torchShape(_ name: String) throws -> [Int]? {
    guard let v = value(name), !v.isNone else { return nil }
    return try Self.torchShape(Located(v, range(name)), function: signature.name, parameter: name)
  }

  /// A tensor argument whose dtype the samplers handle.
  func torchTensor(_ name: String) throws -> (object: ArrayObject, values: DrawnValues, dtype: TorchDType) {
    guard let array = try array(name) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a tensor, got None")
    }
    guard let dtype = TorchDType(array.tensor.dtype), let values = DrawnValues(torch: array.tensor) else {
      throw error(name, "rngdiff does not emulate torch.\(array.tensor.dtype.rawValue) tensors; accepted: \(TorchDType.acceptedNames)")
    }
    return (array, values, dtype)
  }

  /// Refuses what the emulation does not cover: another generator, an `out`
  /// tensor, a device other than the CPU, a layout. Parameters the
  /// signature lacks are skipped.
  func requireDefaultCPUGenerator() throws {
    let function = signature.name
    if isGiven("generator") {
      throw error("generator", "\(function)(): rngdiff emulates the default generator only (torch.manual_seed); leave generator=None")
    }
    if isGiven("out") {
      throw error("out", "\(function)(): out= is not supported; use the returned tensor")
    }
    if let device = value("device"), !device.isNone {
      guard case .string(let name) = device, name == "cpu" else {
        throw error("device", "\(function)(): rngdiff emulates the CPU generator only; device must be None or 'cpu', got \(device.repr)")
      }
    }
    if isGiven("layout") {
      throw error("layout", "\(function)(): only the default strided layout is emulated; leave layout unset")
    }
  }

  /// `int` for PyTorch: an int (not a bool, not a float) that fits in int64.
  static func torchInt(_ v: Located<Value>, function: String, parameter: String) throws -> Int64 {
    switch v.value {
    case .bool, .float:
      break
    default:
      if let i = asInt(v.value) {
        guard let n = i.int64 else {
          throw EvaluationError("\(function)() argument '\(parameter)' must fit in int64, got \(i)", at: v.range)
        }
        return n
      }
    }
    throw EvaluationError("\(function)() argument '\(parameter)' must be an int, got \(v.value.typeName) \(v.value.repr)", at: v.range)
  }

  /// A tuple or list of ints as a shape, with PyTorch's negative-dimension
  /// and size errors.
  static func torchShape(_ v: Located<Value>, function: String, parameter: String) throws -> [Int] {
    let items: [Value]
    switch v.value {
    case .tuple(let t): items = t
    case .object(let o) where o is ListObject: items = (o as? ListObject)?.elements ?? []
    default:
      throw EvaluationError(
        "\(function)() argument '\(parameter)' must be a tuple of ints, got \(v.value.typeName) \(v.value.repr)", at: v.range)
    }
    var dims: [Int] = []
    for item in items {
      let isBool: Bool
      if case .bool = item { isBool = true } else { isBool = false }
      guard !isBool, let i = asInt(item) else {
        throw EvaluationError(
          "\(function)() argument '\(parameter)' must be a tuple of ints, but found \(item.typeName) \(item.repr) in it", at: v.range)
      }
      guard let n = i.int else {
        throw EvaluationError("\(function)() argument '\(parameter)' has a dimension too large: \(i)", at: v.range)
      }
      dims.append(n)
    }
    return try checkedShape(dims, at: v.range)
  }

  /// `dims` when a tensor of that shape can be made; PyTorch's error (or
  /// the emulator's size limit) at `range` otherwise.
  static func checkedShape(_ dims: [Int], at range: SourceRange) throws -> [Int] {
    do {
      _ = try TorchGenerator.elementCount(of: dims)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range)
    }
    return dims
  }
}
