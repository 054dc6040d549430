import Foundation
import PythonSubset
import RNGStreams
import TorchStreams

/// The `torch.nn` layers of a script run, as subclasses of `nn.Module`.
/// Each draws in its constructor exactly what PyTorch's draws, with the
/// consumer `<module path>.weight` / `.bias` and role `init`.
///
/// ```python
/// torch.manual_seed(0)
/// fc = nn.Linear(4, 2)    # kaiming_uniform_(a=sqrt(5)) weight, then uniform bias
/// emb = nn.Embedding(10, 3)   # normal_(0, 1) weight
/// bn = nn.BatchNorm1d(3)  # no draws: weight ones, bias zeros, running stats
/// ```
///
/// Edge cases: a layer's `dtype=` must be float32 or float64; `device=`
/// must be None or 'cpu'.
extension TorchScript {
  /// Adds the layer classes and `Parameter` to `nn`.
  func defineLayers(in nn: Namespace) throws {
    let module = moduleClassValue
    nn.define("Module", .object(module))
    nn.define("Parameter(data=None, requires_grad=True)") { [unowned self] args in
      let data = try args.array("data")
      guard let data else { return .object(makeParameter(Tensor(shape: [0], float32: []))) }
      return .object(makeParameter(data.tensor))
    }
    try defineLinear(in: nn, module)
    try defineConvolutions(in: nn, module)
    try defineEmbedding(in: nn, module)
    try defineNormalizations(in: nn, module)
    try defineDropouts(in: nn, module)
    try defineActivations(in: nn, module)
    try defineContainers(in: nn, module)
  }

  var moduleClassValue: ClassObject { moduleClass }

  /// A layer class deriving from `nn.Module`.
  func layerClass(_ name: String, _ file: String, _ base: ClassObject) throws -> ClassObject {
    try ClassObject(name: name, bases: [base], module: "torch.nn.modules.\(file)")
  }

  /// Draws a layer's parameters (attributed to the module's paths) and registers them.
  func drawParameters(
    _ m: TorchModuleInstance, _ args: BoundArguments, names: [String],
    _ body: (inout TorchGenerator) throws -> [TorchParameter]
  ) throws {
    let drawn = try consuming(each: names.map { m.token + "." + $0 }, role: "init") {
      try args.framework { try body(&session.generator.state) }
    }
    for p in drawn {
      let object = makeParameter(Tensor(p.values, shape: p.shape))
      try register(p.name, object, in: m)
    }
  }

  /// A parameter of `shape` filled with `value`, without draws.
  func constantParameter(_ value: Double, _ shape: [Int], _ dtype: TorchDType, name: String, in m: TorchModuleInstance) throws {
    try register(name, makeParameter(Self.constant(value, shape, dtype)), in: m)
  }

  static func constant(_ value: Double, _ shape: [Int], _ dtype: TorchDType) -> Tensor {
    let one = DrawnValues(torchCasting: .double([value]), to: dtype) ?? .float32([Float(value)])
    return Tensor(one.repeated(shape.elementCount), shape: shape)
  }

  /// `dtype=` of a layer: float32 (default) or float64.
  func layerDType(_ args: BoundArguments) throws -> TorchDType {
    try args.requireDefaultCPUGenerator()
    let dtype = try args.torchDType() ?? .float32
    guard dtype == .float32 || dtype == .float64 else {
      throw args.error("dtype", "\(args.signature.name)(): a layer's dtype must be torch.float32 or torch.float64, got torch.\(dtype.name)")
    }
    return dtype
  }

  private func defineLinear(in nn: Namespace, _ module: ClassObject) throws {
    let linear = try layerClass("Linear", "linear", module)
    define(linear, "__init__(self, in_features, out_features, bias=True, device=None, dtype=None)") { [unowned self] m, args in
      m.initialized = true
      let inFeatures = try args.torchInt("in_features") ?? 0
      let outFeatures = try args.torchInt("out_features") ?? 0
      let bias = args.value("bias")?.isTruthy ?? true
      let dtype = try layerDType(args)
      try m.setAttribute("in_features", .int(PythonInt(inFeatures)))
      try m.setAttribute("out_features", .int(PythonInt(outFeatures)))
      try drawParameters(m, args, names: ["weight", "bias"]) {
        try $0.linear(Int(inFeatures), Int(outFeatures), bias: bias, dtype: dtype)
      }
      if !bias { TorchModuleInstance.put(&m.parameters, "bias", nil) }
      m.extraRepr = "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias ? "True" : "False")"
      return .none
    }
    define(linear, "forward(self, input)") { [unowned self] m, args in
      try linearForward(try args.torchTensor("input").object, m, at: args.range("input"))
    }
    nn.define("Linear", .object(linear))
  }

  private func defineConvolutions(in nn: Namespace, _ module: ClassObject) throws {
    for dimensions in 1...2 {
      let name = "Conv\(dimensions)d"
      let conv = try layerClass(name, "conv", module)
      define(
        conv,
        "__init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)"
      ) { [unowned self] m, args in
        m.initialized = true
        let inChannels = try args.torchInt("in_channels") ?? 0
        let outChannels = try args.torchInt("out_channels") ?? 0
        func tuple(_ parameter: String, default fallback: Int) throws -> [Int] {
          let v = Located(args.value(parameter) ?? .int(PythonInt(fallback)), args.range(parameter))
          if case .int = v.value {
            let k = try BoundArguments.torchInt(v, function: name, parameter: parameter)
            return [Int](repeating: Int(k), count: dimensions)
          }
          let items = try BoundArguments.torchShape(v, function: name, parameter: parameter)
          guard items.count == dimensions else {
            throw args.error(parameter, "\(name)() argument '\(parameter)' must be an int or a tuple of \(dimensions) ints, got \(v.value.repr)")
          }
          return items
        }
        let kernel = try tuple("kernel_size", default: 0)
        let stride = try tuple("stride", default: 1)
        let dilation = try tuple("dilation", default: 1)
        let padding: [Int]
        if case .string(let s)? = args.value("padding") {
          throw args.error("padding", "\(name)(): padding='\(s)' is not emulated; give an int or a tuple of ints")
        } else {
          padding = try tuple("padding", default: 0)
        }
        let groups = try args.torchInt("groups") ?? 1
        guard case .string(let mode)? = args.value("padding_mode") ?? .string("zeros"),
          ["zeros", "reflect", "replicate", "circular"].contains(mode)
        else {
          throw args.error("padding_mode", "padding_mode must be one of 'zeros', 'reflect', 'replicate', 'circular', got \(args.value("padding_mode")?.repr ?? "")")
        }
        let bias = args.value("bias")?.isTruthy ?? true
        let dtype = try layerDType(args)
        for (key, value) in [
          ("in_channels", Value.int(PythonInt(inChannels))), ("out_channels", .int(PythonInt(outChannels))),
          ("kernel_size", .tuple(kernel.map { .int(PythonInt($0)) })), ("stride", .tuple(stride.map { .int(PythonInt($0)) })),
          ("padding", .tuple(padding.map { .int(PythonInt($0)) })), ("dilation", .tuple(dilation.map { .int(PythonInt($0)) })),
          ("groups", .int(PythonInt(groups))), ("padding_mode", .string(mode)),
        ] {
          try m.setAttribute(key, value)
        }
        try drawParameters(m, args, names: ["weight", "bias"]) {
          try $0.conv(Int(inChannels), Int(outChannels), kernelSize: kernel, groups: Int(groups), bias: bias, dtype: dtype)
        }
        if !bias { TorchModuleInstance.put(&m.parameters, "bias", nil) }
        func text(_ t: [Int]) -> String { "(" + t.map(String.init).joined(separator: ", ") + (t.count == 1 ? ",)" : ")") }
        var repr = "\(inChannels), \(outChannels), kernel_size=\(text(kernel)), stride=\(text(stride))"
        if padding.contains(where: { $0 != 0 }) { repr += ", padding=\(text(padding))" }
        if dilation.contains(where: { $0 != 1 }) { repr += ", dilation=\(text(dilation))" }
        if groups != 1 { repr += ", groups=\(groups)" }
        if !bias { repr += ", bias=False" }
        if mode != "zeros" { repr += ", padding_mode=\(Value.string(mode).repr)" }
        m.extraRepr = repr
        return .none
      }
      define(conv, "forward(self, input)") { [unowned self] m, args in
        try convForward(try args.torchTensor("input").object, m, twoD: name == "Conv2d", at: args.range("input"))
      }
      nn.define(name, .object(conv))
    }
  }

  private func defineEmbedding(in nn: Namespace, _ module: ClassObject) throws {
    let embedding = try layerClass("Embedding", "sparse", module)
    define(
      embedding,
      "__init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None)"
    ) { [unowned self] m, args in
      m.initialized = true
      let count = try args.torchInt("num_embeddings") ?? 0
      let dim = try args.torchInt("embedding_dim") ?? 0
      var padding = try args.torchInt("padding_idx")
      if let p = padding {
        guard p < count && p >= -count else {
          throw args.error("padding_idx", "Padding_idx must be within num_embeddings")
        }
        if p < 0 { padding = p + count }
      }
      if args.isGiven("max_norm") && !(args.value("max_norm")?.isNone ?? true) {
        throw args.error("max_norm", "Embedding(max_norm=...) renormalises rows in the forward pass, which is not emulated; leave max_norm=None")
      }
      let dtype = try layerDType(args)
      try m.setAttribute("num_embeddings", .int(PythonInt(count)))
      try m.setAttribute("embedding_dim", .int(PythonInt(dim)))
      try m.setAttribute("padding_idx", padding.map { .int(PythonInt($0)) } ?? .none)
      let shape = [Int(count), Int(dim)]
      try drawParameters(m, args, names: ["weight"]) { g in
        var values = try g.normal_(shape, dtype: dtype, mean: 0, std: 1)
        if let p = padding {
          // reset_parameters() then zeroes the padding row (no draws).
          var doubles = Tensor(values, shape: shape)
          let row = Int(p) * Int(dim)
          switch doubles.storage {
          case .float(var v): for k in row..<(row + Int(dim)) { v[k] = 0 }; doubles.storage = .float(v)
          case .double(var v): for k in row..<(row + Int(dim)) { v[k] = 0 }; doubles.storage = .double(v)
          default: break
          }
          values = DrawnValues(torch: doubles) ?? values
        }
        return [TorchParameter(name: "weight", shape: shape, values: values)]
      }
      m.extraRepr = "\(count), \(dim)" + (padding.map { ", padding_idx=\($0)" } ?? "")
      return .none
    }
    define(embedding, "forward(self, input)") { [unowned self] m, args in
      try embeddingForward(try args.torchTensor("input").object, m, at: args.range("input"))
    }
    nn.define("Embedding", .object(embedding))
  }

  private func defineNormalizations(in nn: Namespace, _ module: ClassObject) throws {
    for name in ["BatchNorm1d", "BatchNorm2d"] {
      let norm = try layerClass(name, "batchnorm", module)
      define(
        norm, "__init__(self, num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None, *, bias=True)"
      ) { [unowned self] m, args in
        m.initialized = true
        let n = Int(try args.torchInt("num_features") ?? 0)
        let eps = try args.double("eps") ?? 1e-5
        let momentum = args.value("momentum") ?? .float(0.1)
        let affine = args.value("affine")?.isTruthy ?? true
        let track = args.value("track_running_stats")?.isTruthy ?? true
        let bias = args.value("bias")?.isTruthy ?? true
        let dtype = try layerDType(args)
        for (key, value) in [
          ("num_features", Value.int(PythonInt(n))), ("eps", .float(eps)), ("momentum", momentum), ("affine", .bool(affine)),
          ("track_running_stats", .bool(track)),
        ] {
          try m.setAttribute(key, value)
        }
        if affine {
          try constantParameter(1, [n], dtype, name: "weight", in: m)
          if bias { try constantParameter(0, [n], dtype, name: "bias", in: m) } else { TorchModuleInstance.put(&m.parameters, "bias", nil) }
        } else {
          TorchModuleInstance.put(&m.parameters, "weight", nil)
          TorchModuleInstance.put(&m.parameters, "bias", nil)
        }
        if track {
          TorchModuleInstance.put(&m.buffers, "running_mean", session.array(Self.constantValues(0, n, dtype), shape: [n]))
          TorchModuleInstance.put(&m.buffers, "running_var", session.array(Self.constantValues(1, n, dtype), shape: [n]))
          TorchModuleInstance.put(&m.buffers, "num_batches_tracked", session.array(.int64([0]), shape: []))
        }
        m.extraRepr =
          "\(n), eps=\(PythonFloat.repr(eps)), momentum=\(momentum.repr), affine=\(affine ? "True" : "False"), bias=\(affine && bias ? "True" : "False"), track_running_stats=\(track ? "True" : "False")"
        return .none
      }
      define(norm, "forward(self, input)") { [unowned self] m, args in
        try batchNormForward(try args.torchTensor("input").object, m, twoD: name == "BatchNorm2d", at: args.range("input"))
      }
      nn.define(name, .object(norm))
    }
    let layerNorm = try layerClass("LayerNorm", "normalization", module)
    define(layerNorm, "__init__(self, normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None)") {
      [unowned self] m, args in
      m.initialized = true
      let shapeValue = Located(args.value("normalized_shape") ?? .none, args.range("normalized_shape"))
      let shape: [Int]
      if case .int = shapeValue.value {
        shape = [Int(try BoundArguments.torchInt(shapeValue, function: "LayerNorm", parameter: "normalized_shape"))]
      } else {
        shape = try BoundArguments.torchShape(shapeValue, function: "LayerNorm", parameter: "normalized_shape")
      }
      let eps = try args.double("eps") ?? 1e-5
      let affine = args.value("elementwise_affine")?.isTruthy ?? true
      let bias = args.value("bias")?.isTruthy ?? true
      let dtype = try layerDType(args)
      try m.setAttribute("normalized_shape", .tuple(shape.map { .int(PythonInt($0)) }))
      try m.setAttribute("eps", .float(eps))
      try m.setAttribute("elementwise_affine", .bool(affine))
      if affine {
        try constantParameter(1, shape, dtype, name: "weight", in: m)
        if bias { try constantParameter(0, shape, dtype, name: "bias", in: m) } else { TorchModuleInstance.put(&m.parameters, "bias", nil) }
      } else {
        TorchModuleInstance.put(&m.parameters, "weight", nil)
        TorchModuleInstance.put(&m.parameters, "bias", nil)
      }
      m.extraRepr =
        "(\(shape.map(String.init).joined(separator: ", "))\(shape.count == 1 ? "," : "")), eps=\(PythonFloat.repr(eps)), elementwise_affine=\(affine ? "True" : "False"), bias=\(affine && bias ? "True" : "False")"
      return .none
    }
    define(layerNorm, "forward(self, input)") { [unowned self] m, args in
      try layerNormForward(try args.torchTensor("input").object, m, at: args.range("input"))
    }
    nn.define("LayerNorm", .object(layerNorm))
  }

  static func constantValues(_ value: Double, _ count: Int, _ dtype: TorchDType) -> DrawnValues {
    (DrawnValues(torchCasting: .double([value]), to: dtype) ?? .float32([Float(value)])).repeated(count)
  }

  private func defineDropouts(in nn: Namespace, _ module: ClassObject) throws {
    for (name, feature) in [("Dropout", false), ("Dropout2d", true)] {
      let dropout = try layerClass(name, "dropout", module)
      define(dropout, "__init__(self, p=0.5, inplace=False)") { m, args in
        m.initialized = true
        let p = try args.double("p") ?? 0.5
        if !(p >= 0 && p <= 1) {
          throw EvaluationError(
            "dropout probability has to be between 0 and 1, but got \(args.value("p")?.repr ?? "")", at: args.range("p"), type: "ValueError")
        }
        let inplace = args.value("inplace")?.isTruthy ?? false
        try m.setAttribute("p", .float(p))
        try m.setAttribute("inplace", .bool(inplace))
        m.extraRepr = "p=\(PythonFloat.repr(p)), inplace=\(inplace ? "True" : "False")"
        return .none
      }
      define(dropout, "forward(self, input)") { [unowned self] m, args in
        let p = try BoundArguments.asDouble(m.attribute("p") ?? .float(0.5)) ?? 0.5
        let inplace = (try m.attribute("inplace"))?.isTruthy ?? false
        return try consuming(m.token, role: "mask") {
          try dropoutForward(args, p: p, training: m.training, inplace: inplace, feature: feature)
        }
      }
      nn.define(name, .object(dropout))
    }
  }

  /// Dropout of `input` as PyTorch's CPU kernel: a keep mask from
  /// `bernoulli_(1 - p)` (per element, or per channel for the feature
  /// dropout of `Dropout2d`), scaled by `1 / (1 - p)`.
  func dropoutForward(_ args: BoundArguments, p: Double, training: Bool, inplace: Bool, feature: Bool) throws -> Value {
    let input = try args.torchTensor("input")
    let shape = input.object.tensor.shape
    let values: DrawnValues
    // What the gradient is multiplied by: the scaled keep mask.
    let factors: [Float]
    if feature {
      guard shape.count == 3 || shape.count == 4 else {
        throw args.error("input", "Dropout2d: expected a 3-D or 4-D input (channels first), got a \(shape.count)-D tensor")
      }
      guard training && p > 0 else { return .object(input.object) }
      let noiseShape = shape.count == 4 ? [shape[0], shape[1], 1, 1] : [shape[0], 1, 1]
      let mask = try args.framework { try session.generator.state.bernoulli_(noiseShape, dtype: input.dtype, p: 1 - p) }
      let inner = shape.count == 4 ? shape[2] * shape[3] : shape[1] * shape[2]
      let keep = Tensor(mask, shape: noiseShape).doubles.flatMap { [Bool](repeating: $0 != 0, count: inner) }
      values = Self.scaled(input.values, keep: keep, p: p)
      let scale = p == 1 ? Float(0) : 1 / Float(1 - p)
      factors = keep.map { $0 ? scale : 0 }
    } else {
      guard training && p > 0 else { return inplace ? .object(input.object) : session.tensor(input.values, shape: shape) }
      // The kernel's output for an input of ones is the scaled keep mask (the same draws, the same
      // report); the output is input × mask, as the kernel computes it, and the mask is the gradient.
      let ones = TorchScript.constantValues(1, input.values.count, input.dtype)
      let mask = try args.framework { try session.generator.state.dropout(ones, shape: shape, p: p, training: true) }
      let scales = Tensor(mask, shape: shape).doubles
      values = Self.scaled(input.values, scales: scales)
      factors = scales.map { Float($0) }
    }
    if tape.shouldRecord([input.object]) {
      guard !inplace else {
        throw args.error("inplace", "in-place dropout of a tensor in the autograd graph is not emulated; use inplace=False")
      }
      let made = session.array(values, shape: shape)
      try tape.record(made, inputs: [input.object], name: "MulBackward0", at: args.callRange) { g in [zip(g, factors).map { $0 * $1 }] }
      return .object(made)
    }
    guard inplace else { return session.tensor(values, shape: shape) }
    input.object.tensor = Tensor(values, shape: shape)
    return .object(input.object)
  }

  /// `input * scale` elementwise in the input's dtype (a scale is 0 or `1 / (1 - p)`).
  static func scaled(_ input: DrawnValues, scales: [Double]) -> DrawnValues {
    switch input {
    case .float32(let x): return .float32(zip(x, scales).map { $0 * Float($1) })
    case .float64(let x): return .float64(zip(x, scales).map { $0 * $1 })
    default: return input
    }
  }

  /// `input * (mask / (1 - p))` in the input's dtype.
  static func scaled(_ input: DrawnValues, keep: [Bool], p: Double) -> DrawnValues {
    switch input {
    case .float32(let x):
      let scale = p == 1 ? Float(0) : 1 / Float(1 - p)
      return .float32(zip(x, keep).map { $0 * ($1 ? scale : 0) })
    case .float64(let x):
      let scale = p == 1 ? 0 : 1 / (1 - p)
      return .float64(zip(x, keep).map { $0 * ($1 ? scale : 0) })
    default: return input
    }
  }
}
