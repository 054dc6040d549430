import PythonSubset
import RNGStreams
import TorchStreams

/// `torch.nn`: the layers whose constructors draw (`Linear`, `Conv1d`,
/// `Conv2d`, `Conv3d`), `Dropout`, `nn.functional.dropout` and `nn.init`.
extension TorchSession {
  /// The `nn` module; `dropout` is also `nn.functional.dropout`.
  func neuralNetworkModule(dropout: Value) -> Namespace {
    let nn = Namespace(name: "torch.nn")
    defineLayers(in: nn)
    nn.define("Dropout(p=0.5, inplace=False)") { [self] args in
      let p = try args.double("p") ?? 0.5
      if !(p >= 0 && p <= 1) {
        throw args.error("p", "dropout probability has to be between 0 and 1, but got \(args.value("p")?.repr ?? "")")
      }
      let inplace = args.value("inplace")?.isTruthy ?? false
      let forward = Signature("forward(input)")
      return .object(TorchModule(
        typeName: "Dropout", repr: "Dropout(p=\(PythonFloat.repr(p)), inplace=\(inplace ? "True" : "False"))", parameters: [],
        attributes: ["p": .float(p), "inplace": .bool(inplace)]
      ) { module, arguments in
        let args = try forward.bind(arguments)
        return try applyDropout(args, p: p, training: module.training, inplace: inplace)
      })
    }
    nn.define("functional", .object(Namespace(name: "torch.nn.functional", members: ["dropout": dropout])))
    nn.define("init", .object(initModule()))
    return nn
  }

  /// `torch.nn.functional.dropout(input, p=0.5, training=True, inplace=False)`.
  func dropoutFunction() -> Value {
    .object(BuiltinFunction(signature: Signature("dropout(input, p=0.5, training=True, inplace=False)")) { [self] args in
      try applyDropout(
        args, p: try args.double("p") ?? 0.5, training: try args.bool("training") ?? true,
        inplace: try args.bool("inplace") ?? false)
    })
  }

  /// Dropout of the tensor bound to `input`: a new tensor, or the input
  /// itself changed when `inplace`.
  private func applyDropout(_ args: BoundArguments, p: Double, training: Bool, inplace: Bool) throws -> Value {
    let input = try args.torchTensor("input")
    let shape = input.object.tensor.shape
    let values = try args.framework { try generator.state.dropout(input.values, shape: shape, p: p, training: training) }
    guard inplace else { return tensor(values, shape: shape) }
    input.object.tensor = Tensor(values, shape: shape)
    return .object(input.object)
  }

  /// `Linear` and the convolutions: their parameters are drawn when made.
  private func defineLayers(in nn: Namespace) {
    nn.define("Linear(in_features, out_features, bias=True, device=None, dtype=None)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let inFeatures = try args.torchInt("in_features") ?? 0
      let outFeatures = try args.torchInt("out_features") ?? 0
      let bias = args.value("bias")?.isTruthy ?? true
      let dtype = try args.torchDType() ?? .float32
      let parameters = try args.framework {
        try generator.state.linear(Int(inFeatures), Int(outFeatures), bias: bias, dtype: dtype)
      }
      return .object(module(
        "Linear", repr: "Linear(in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias ? "True" : "False"))",
        parameters, bias: bias,
        attributes: ["in_features": .int(PythonInt(inFeatures)), "out_features": .int(PythonInt(outFeatures))]))
    }
    for dimensions in 1...3 {
      let name = "Conv\(dimensions)d"
      nn.define(
        "\(name)(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)"
      ) { [self] args in
        try args.requireDefaultCPUGenerator()
        let inChannels = try args.torchInt("in_channels") ?? 0
        let outChannels = try args.torchInt("out_channels") ?? 0
        let kernelValue = Located(args.value("kernel_size") ?? .none, args.range("kernel_size"))
        let kernel: [Int]
        if case .int = kernelValue.value {
          let k = try BoundArguments.torchInt(kernelValue, function: name, parameter: "kernel_size")
          kernel = try BoundArguments.checkedShape([Int](repeating: Int(k), count: dimensions), at: kernelValue.range)
        } else {
          kernel = try BoundArguments.torchShape(kernelValue, function: name, parameter: "kernel_size")
        }
        let groups = try args.torchInt("groups") ?? 1
        let paddingModes = ["zeros", "reflect", "replicate", "circular"]
        if let mode = args.value("padding_mode"), !paddingModes.contains(where: { Value.string($0).repr == mode.repr }) {
          throw args.error("padding_mode", "padding_mode must be one of 'zeros', 'reflect', 'replicate', 'circular', got \(mode.repr)")
        }
        let bias = args.value("bias")?.isTruthy ?? true
        let dtype = try args.torchDType() ?? .float32
        let parameters = try args.framework {
          try generator.state.conv(
            Int(inChannels), Int(outChannels), kernelSize: kernel, groups: Int(groups), bias: bias, dtype: dtype)
        }
        let kernelText = "(" + kernel.map(String.init).joined(separator: ", ") + (kernel.count == 1 ? ",)" : ")")
        var repr = "\(name)(\(inChannels), \(outChannels), kernel_size=\(kernelText)"
        if groups != 1 { repr += ", groups=\(groups)" }
        if !bias { repr += ", bias=False" }
        repr += ")"
        return .object(module(
          name, repr: repr, parameters, bias: bias,
          attributes: [
            "in_channels": .int(PythonInt(inChannels)), "out_channels": .int(PythonInt(outChannels)),
            "kernel_size": .tuple(kernel.map { .int(PythonInt($0)) }), "groups": .int(PythonInt(groups)),
          ]))
      }
    }
  }

  /// A module from the parameters the streams drew.
  private func module(
    _ typeName: String, repr: String, _ drawn: [TorchParameter], bias: Bool, attributes: [String: Value]
  ) -> TorchModule {
    var parameters: [(name: String, tensor: ArrayObject?)] = drawn.map { ($0.name, array($0.values, shape: $0.shape)) }
    if !bias { parameters.append(("bias", nil)) }
    return TorchModule(typeName: typeName, repr: repr, parameters: parameters, attributes: attributes)
  }

  /// `torch.nn.init`: each function fills its tensor in place and returns it.
  private func initModule() -> Namespace {
    let ns = Namespace(name: "torch.nn.init")
    let generator = generator
    func fill(_ args: BoundArguments, _ body: (inout TorchGenerator, [Int], TorchDType) throws -> DrawnValues) throws -> Value {
      try TorchSession.fill(try args.torchTensor("tensor").object, args, generator: generator, body)
    }
    func kaiming(_ args: BoundArguments) throws -> (a: Double, mode: TorchFanMode, nonlinearity: TorchNonlinearity) {
      let a = try args.double("a") ?? 0
      let modeName = try args.string("mode") ?? "fan_in"
      guard let mode = TorchFanMode(name: modeName) else {
        throw args.error("mode", "Mode \(modeName) not supported, please use one of ['fan_in', 'fan_out']")
      }
      return (a, mode, try nonlinearity(args, "nonlinearity") ?? .leakyReLU)
    }
    func nonlinearity(_ args: BoundArguments, _ name: String) throws -> TorchNonlinearity? {
      guard let text = try args.string(name) else { return nil }
      guard let value = TorchNonlinearity(name: text) else {
        let accepted = TorchNonlinearity.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        throw args.error(name, "Unsupported nonlinearity \(text); accepted: \(accepted)")
      }
      return value
    }
    ns.define("uniform_(tensor, a=0.0, b=1.0, generator=None)") { args in
      let a = try args.double("a") ?? 0, b = try args.double("b") ?? 1
      return try fill(args) { try $0.uniform_($1, dtype: $2, from: a, to: b) }
    }
    ns.define("normal_(tensor, mean=0.0, std=1.0, generator=None)") { args in
      let mean = try args.double("mean") ?? 0, std = try args.double("std") ?? 1
      return try fill(args) { try $0.normal_($1, dtype: $2, mean: mean, std: std) }
    }
    ns.define("kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)") { args in
      let (a, mode, nonlinearity) = try kaiming(args)
      return try fill(args) { try $0.kaimingUniform_($1, dtype: $2, a: a, mode: mode, nonlinearity: nonlinearity) }
    }
    ns.define("kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)") { args in
      let (a, mode, nonlinearity) = try kaiming(args)
      return try fill(args) { try $0.kaimingNormal_($1, dtype: $2, a: a, mode: mode, nonlinearity: nonlinearity) }
    }
    ns.define("xavier_uniform_(tensor, gain=1.0, generator=None)") { args in
      let gain = try args.double("gain") ?? 1
      return try fill(args) { try $0.xavierUniform_($1, dtype: $2, gain: gain) }
    }
    ns.define("xavier_normal_(tensor, gain=1.0, generator=None)") { args in
      let gain = try args.double("gain") ?? 1
      return try fill(args) { try $0.xavierNormal_($1, dtype: $2, gain: gain) }
    }
    ns.define("calculate_gain(nonlinearity, param=None)") { args in
      let value = try nonlinearity(args, "nonlinearity") ?? .linear
      if case .bool(let b)? = args.value("param") {
        throw args.error("param", "negative_slope \(b ? "True" : "False") not a valid number")
      }
      return .float(value.gain(param: try args.double("param")))
    }
    // No draws: constant_(tensor, val), zeros_(tensor), ones_(tensor).
    for (signature, fillValue) in [("zeros_(tensor)", Optional(0.0)), ("ones_(tensor)", 1.0), ("constant_(tensor, val)", nil)] {
      ns.define(signature) { args in
        let target = try args.torchTensor("tensor")
        let value = try fillValue ?? (try args.double("val") ?? 0)
        guard let one = DrawnValues(torchCasting: .double([value]), to: target.dtype) else {
          throw args.error("val", "\(args.signature.name)() cannot convert \(PythonFloat.repr(value)) to torch.\(target.dtype.name)")
        }
        target.object.tensor = Tensor(one.repeated(target.values.count), shape: target.object.tensor.shape)
        return .object(target.object)
      }
    }
    return ns
  }
}
