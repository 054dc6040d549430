import PythonSubset
import RNGTrace

/// The settings that change a PyTorch run's results without drawing, kept
/// for the trace's header (`config.determinism`, `config.threads`):
/// `torch.use_deterministic_algorithms(mode)`,
/// `torch.backends.cudnn.deterministic`, `.benchmark` and `.enabled`,
/// `torch.set_num_threads(n)`.
///
/// ```python
/// torch.use_deterministic_algorithms(True)
/// torch.backends.cudnn.deterministic = True     # header: determinism
/// torch.backends.cudnn.benchmark = False
/// ```
///
/// They change nothing in the engine (the CPU kernels it emulates are
/// deterministic), but two runs that set them differently say so when
/// diffed. The last value set wins. A run starts with PyTorch's defaults
/// (all three `False`), which the header lists as the recorder lists a real
/// run's.
extension TorchScript {
  /// PyTorch's determinism switches as a fresh process has them.
  static let defaultDeterminism = [
    NamedValue("torch.use_deterministic_algorithms", "False"), NamedValue("torch.backends.cudnn.deterministic", "False"),
    NamedValue("torch.backends.cudnn.benchmark", "False"),
  ]

  func defineConfiguration(in torch: Namespace) {
    torch.define("use_deterministic_algorithms(mode, *, warn_only=False)") { [unowned self] args in
      let mode = args.value("mode")?.isTruthy ?? false
      setting(&determinism, "torch.use_deterministic_algorithms", mode ? "True" : "False")
      if args.isGiven("warn_only") {
        setting(&determinism, "torch.use_deterministic_algorithms.warn_only", args.value("warn_only")?.isTruthy == true ? "True" : "False")
      }
      return .none
    }
    torch.define("are_deterministic_algorithms_enabled()") { [unowned self] _ in
      .bool(determinism.contains { $0.name == "torch.use_deterministic_algorithms" && $0.value == "True" })
    }
    torch.define("set_num_threads(int)") { [unowned self] args in
      guard let n = try args.intValue("int"), n > 0 else {
        throw EvaluationError("set_num_threads expects a positive integer", at: args.range("int"), type: "RuntimeError")
      }
      setting(&threads, "intra_op", String(n))
      return .none
    }
    torch.define("get_num_threads()") { [unowned self] _ in
      .int(PythonInt(Int(threads.first { $0.name == "intra_op" }?.value ?? "1") ?? 1))
    }
    let cudnn = TorchFlags(name: "torch.backends.cudnn", values: ["deterministic": .bool(false), "benchmark": .bool(false), "enabled": .bool(true)]) {
      [unowned self] name, value in setting(&determinism, "torch.backends.cudnn.\(name)", value.repr)
    }
    cudnn.functions["is_available"] = .object(BuiltinFunction(signature: Signature("is_available()")) { _ in .bool(false) })
    torch.define("backends", .object(Namespace(name: "torch.backends", members: ["cudnn": .object(cudnn)])))
  }

  /// Sets `name` in an ordered list of settings, keeping its place.
  func setting(_ list: inout [NamedValue], _ name: String, _ value: String) {
    if let i = list.firstIndex(where: { $0.name == name }) { list[i] = NamedValue(name, value) } else { list.append(NamedValue(name, value)) }
  }
}

/// A settings module whose attributes a script assigns
/// (`torch.backends.cudnn.deterministic = True`); each assignment is reported.
final class TorchFlags: AttributeSettable {
  let name: String
  var values: [String: Value]
  var functions: [String: Value] = [:]
  let onSet: (String, Value) -> Void

  init(name: String, values: [String: Value], onSet: @escaping (String, Value) -> Void) {
    self.name = name
    self.values = values
    self.onSet = onSet
  }

  var typeName: String { "module" }
  var repr: String { "<module '\(name)'>" }
  func attribute(_ attributeName: String) throws -> Value? { values[attributeName] ?? functions[attributeName] }
  var attributeNames: [String] { (Array(values.keys) + Array(functions.keys)).sorted() }

  func setAttribute(_ attributeName: String, _ value: Value, at range: SourceRange) throws {
    guard values[attributeName] != nil else {
      throw EvaluationError(
        "\(name).\(attributeName) is not a setting the engine knows; accepted: \(values.keys.sorted().joined(separator: ", "))", at: range)
    }
    values[attributeName] = value
    onSet(attributeName, value)
  }
}
