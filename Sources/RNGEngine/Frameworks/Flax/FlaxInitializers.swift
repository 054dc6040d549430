import Foundation
import JAXStreams
import PythonSubset
import RNGStreams

/// `flax.linen.initializers` (which is `jax.nn.initializers`): each
/// factory returns `init(key, shape, dtype=float32)`, computing exactly what
/// JAX computes, so initial parameters are bit for bit JAX's.
///
/// ```python
/// nn.initializers.lecun_normal()(key, (3, 4))   # truncated normal, variance 1/3
/// nn.initializers.zeros(key, (4,))
/// ```
///
/// `variance_scaling(scale, mode, distribution)`: the variance `scale /
/// fan` is rounded to float32 first; `truncated_normal` multiplies
/// `truncated_normal(key, -2, 2)` by `sqrt(variance) / 0.8796256610342398`
/// (both float32), `normal` by `sqrt(variance)`, `uniform` draws on
/// [-1, 1) and multiplies by `sqrt(3 * variance)`. Fans: the last axis is
/// the output, the one before it the input, the others the receptive field.
///
/// Edge case: a dtype other than float32 is refused (training runs in float32).
enum FlaxInitializers {
  static func namespace(_ session: JAXRunSession) -> Namespace {
    let ns = Namespace(name: "flax.linen.initializers")
    func initializer(_ name: String, _ body: @escaping (JAXRandom, JAXKey, [Int], BoundArguments) throws -> [Float]) -> Value {
      .object(BuiltinFunction(signature: Signature("\(name)(key, shape, dtype=None)")) { [unowned session] args in
        try requireFloat32(args)
        let key = try args.jaxKey("key")
        guard let shape = try args.shape("shape"), shape.allSatisfy({ $0 >= 0 }) else {
          throw args.error("shape", "\(name)() shape must be a tuple of non-negative ints")
        }
        let values = try args.framework { try body(session.jaxRandom(), key, shape, args) }
        return .object(JAXArrays.float32(values, shape))
      })
    }
    func constant(_ name: String, _ fill: Float) -> Value {
      initializer(name) { _, _, shape, _ in [Float](repeating: fill, count: shape.elementCount) }
    }
    ns.define("zeros", constant("zeros", 0))
    ns.define("ones", constant("ones", 1))
    ns.define("zeros_init()") { _ in constant("zeros", 0) }
    ns.define("ones_init()") { _ in constant("ones", 1) }
    ns.define("constant(value, dtype=None)") { args in
      guard let v = try args.double("value") else { throw args.error("value", "constant() takes a number") }
      return constant("constant", Float(v))
    }
    ns.define("normal(stddev=0.01, dtype=None)") { args in
      let stddev = Float(try args.double("stddev") ?? 0.01)
      return initializer("normal") { random, key, shape, _ in try floats(random.normal(key, shape: shape, dtype: .float32)).map { $0 * stddev } }
    }
    ns.define("uniform(scale=0.01, dtype=None)") { args in
      let scale = Float(try args.double("scale") ?? 0.01)
      return initializer("uniform") { random, key, shape, _ in try floats(random.uniform(key, shape: shape, dtype: .float32)).map { $0 * scale } }
    }
    ns.define("variance_scaling(scale, mode, distribution, in_axis=-2, out_axis=-1, batch_axis=(), dtype=None)") { args in
      let scale = try args.double("scale") ?? 1
      let mode = try args.string("mode") ?? "fan_in", distribution = try args.string("distribution") ?? "truncated_normal"
      guard ["fan_in", "fan_out", "fan_avg"].contains(mode) else {
        throw args.error("mode", "variance_scaling mode '\(mode)' is not emulated; accepted: fan_in, fan_out, fan_avg")
      }
      guard ["truncated_normal", "normal", "uniform"].contains(distribution) else {
        throw args.error("distribution", "variance_scaling distribution '\(distribution)' is not emulated; accepted: truncated_normal, normal, uniform")
      }
      return varianceScaling(scale, mode, distribution)
    }
    let named: [(String, Double, String, String)] = [
      ("lecun_normal", 1, "fan_in", "truncated_normal"), ("lecun_uniform", 1, "fan_in", "uniform"),
      ("glorot_normal", 1, "fan_avg", "truncated_normal"), ("glorot_uniform", 1, "fan_avg", "uniform"),
      ("xavier_normal", 1, "fan_avg", "truncated_normal"), ("xavier_uniform", 1, "fan_avg", "uniform"),
      ("he_normal", 2, "fan_in", "truncated_normal"), ("he_uniform", 2, "fan_in", "uniform"),
      ("kaiming_normal", 2, "fan_in", "truncated_normal"), ("kaiming_uniform", 2, "fan_in", "uniform"),
    ]
    for (name, scale, mode, distribution) in named {
      ns.define("\(name)(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None)") { args in
        try args.requireDefault("in_axis", isDefault: { BoundArguments.asInt($0)?.int == -2 }, accepted: "-2")
        try args.requireDefault("out_axis", isDefault: { BoundArguments.asInt($0)?.int == -1 }, accepted: "-1")
        return varianceScaling(scale, mode, distribution)
      }
    }

    func varianceScaling(_ scale: Double, _ mode: String, _ distribution: String) -> Value {
      initializer("init") { random, key, shape, args in
        guard shape.count >= 2 else {
          throw FrameworkError("variance scaling needs a shape of at least 2 dimensions (fan_in, fan_out), got \(JAXBinding.pythonTuple(shape)).", parameter: "shape")
        }
        let receptive = shape.dropLast(2).reduce(1, *)
        let fanIn = Double(shape[shape.count - 2] * receptive), fanOut = Double(shape[shape.count - 1] * receptive)
        let denominator = mode == "fan_in" ? fanIn : (mode == "fan_out" ? fanOut : (fanIn + fanOut) / 2)
        let variance = Float(scale / denominator)
        switch distribution {
        case "truncated_normal":
          let stddev = variance.squareRoot() / Float(0.87962566103423978)
          return try floats(random.truncatedNormal(key, lower: -2, upper: 2, shape: shape, dtype: .float32)).map { $0 * stddev }
        case "normal":
          let stddev = variance.squareRoot()
          return try floats(random.normal(key, shape: shape, dtype: .float32)).map { $0 * stddev }
        default:
          let limit = (3 * variance).squareRoot()
          return try floats(random.uniform(key, shape: shape, dtype: .float32, minval: -1, maxval: 1)).map { $0 * limit }
        }
      }
    }
    return ns
  }

  static func floats(_ values: DrawnValues) -> [Float] {
    if case .float32(let f) = values { return f }
    return values.doubles.map { Float($0) }
  }

  static func requireFloat32(_ args: BoundArguments) throws {
    guard let dtype = try args.jaxDType("dtype") else { return }
    guard JAXConfig().canonical(dtype) == .float32 else {
      throw args.error("dtype", "initializers are emulated for float32 only, got \(dtype.name)")
    }
  }
}
