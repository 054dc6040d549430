import TensorFlowStreams
import RNGStreams

extension Keras3.Initializer {
  /// `VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal",
  /// seed=None, input_axes=None, output_axes=None)`.
  ///
  /// With `n` the fan of `mode` (at least 1) and `s = scale / n` in double:
  /// truncated normal → `truncated_normal(stddev = sqrt(s) / 0.87962566103423978)`;
  /// untruncated normal → `normal(stddev = sqrt(s))`; uniform →
  /// `uniform(-sqrt(3 s), sqrt(3 s))`.
  ///
  /// ```swift
  /// try Keras3.Initializer.varianceScaling(scale: 2, mode: "fan_out", distribution: "uniform",
  ///                                        seed: .int(3), state: &keras)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` (before any seed is drawn) for
  ///   `scale <= 0`, an unknown mode or an unknown distribution.
  public static func varianceScaling(
    scale: Double = 1.0, mode: String = "fan_in", distribution: String = "truncated_normal", seed: Keras3.Seed = .none,
    inputAxes: [Int]? = nil, outputAxes: [Int]? = nil, state: inout Keras3.GlobalState
  ) throws -> Keras3.Initializer {
    guard scale > 0 else {
      throw FrameworkError("Argument `scale` must be positive float. Received: scale=\(scale)", parameter: "scale")
    }
    guard let fanMode = FanMode(rawValue: mode) else {
      throw FrameworkError(
        "Invalid `mode` argument: \(mode). Please use one of {'fan_in', 'fan_out', 'fan_avg'}", parameter: "mode")
    }
    guard let dist = Distribution(name: distribution) else {
      throw FrameworkError(
        "Invalid `distribution` argument: \(distribution.lowercased()).Please use one of {'uniform', 'truncated_normal', 'untruncated_normal'}",
        parameter: "distribution")
    }
    return Keras3.Initializer(
      .varianceScaling(scale: scale, mode: fanMode, distribution: dist, inputAxes: inputAxes, outputAxes: outputAxes),
      className: "VarianceScaling", seed: seed, state: &state)
  }

  /// The variance-scaling presets, by class name: `GlorotUniform`,
  /// `GlorotNormal`, `HeUniform`, `HeNormal`, `LecunUniform`, `LecunNormal`.
  public enum Preset: String, Sendable, Hashable, CaseIterable {
    case glorotUniform = "GlorotUniform"
    case glorotNormal = "GlorotNormal"
    case heUniform = "HeUniform"
    case heNormal = "HeNormal"
    case lecunUniform = "LecunUniform"
    case lecunNormal = "LecunNormal"

    var parameters: (scale: Double, mode: FanMode, distribution: Distribution) {
      switch self {
      case .glorotUniform: return (1, .fanAvg, .uniform)
      case .glorotNormal: return (1, .fanAvg, .truncatedNormal)
      case .heUniform: return (2, .fanIn, .uniform)
      case .heNormal: return (2, .fanIn, .truncatedNormal)
      case .lecunUniform: return (1, .fanIn, .uniform)
      case .lecunNormal: return (1, .fanIn, .truncatedNormal)
      }
    }
  }

  /// A variance-scaling preset such as `GlorotUniform(seed=None, input_axes=None, output_axes=None)`.
  ///
  /// ```swift
  /// let glorot = Keras3.Initializer.preset(.glorotUniform, seed: .int(9), state: &keras)
  /// ```
  public static func preset(
    _ preset: Preset, seed: Keras3.Seed = .none, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil,
    state: inout Keras3.GlobalState
  ) -> Keras3.Initializer {
    let p = preset.parameters
    return Keras3.Initializer(
      .varianceScaling(scale: p.scale, mode: p.mode, distribution: p.distribution, inputAxes: inputAxes, outputAxes: outputAxes),
      className: preset.rawValue, seed: seed, state: &state)
  }

  /// `GlorotUniform(seed)`: scale 1, fan_avg, uniform (Dense's default kernel initializer).
  public static func glorotUniform(seed: Keras3.Seed = .none, state: inout Keras3.GlobalState) -> Keras3.Initializer {
    preset(.glorotUniform, seed: seed, state: &state)
  }

  /// `HeNormal(seed)`: scale 2, fan_in, truncated normal.
  public static func heNormal(seed: Keras3.Seed = .none, state: inout Keras3.GlobalState) -> Keras3.Initializer {
    preset(.heNormal, seed: seed, state: &state)
  }

  /// `RandomUniform(minval=-0.05, maxval=0.05, seed=None)`.
  public static func randomUniform(
    minval: Keras3.Number = -0.05, maxval: Keras3.Number = 0.05, seed: Keras3.Seed = .none,
    state: inout Keras3.GlobalState
  ) -> Keras3.Initializer {
    Keras3.Initializer(.randomUniform(minval: minval, maxval: maxval), className: "RandomUniform", seed: seed, state: &state)
  }

  /// `RandomNormal(mean=0.0, stddev=0.05, seed=None)`.
  public static func randomNormal(
    mean: Keras3.Number = 0.0, stddev: Keras3.Number = 0.05, seed: Keras3.Seed = .none,
    state: inout Keras3.GlobalState
  ) -> Keras3.Initializer {
    Keras3.Initializer(.randomNormal(mean: mean, stddev: stddev), className: "RandomNormal", seed: seed, state: &state)
  }

  /// `TruncatedNormal(mean=0.0, stddev=0.05, seed=None)`.
  public static func truncatedNormal(
    mean: Keras3.Number = 0.0, stddev: Keras3.Number = 0.05, seed: Keras3.Seed = .none,
    state: inout Keras3.GlobalState
  ) -> Keras3.Initializer {
    Keras3.Initializer(.truncatedNormal(mean: mean, stddev: stddev), className: "TruncatedNormal", seed: seed, state: &state)
  }

  /// `Zeros()`, `Ones()` or `Constant(value)`.
  public static func constant(_ value: Double, className: String = "Constant", state: inout Keras3.GlobalState) -> Keras3.Initializer {
    Keras3.Initializer(.constant(value), className: className, state: &state)
  }

  /// `keras.initializers.get(identifier)` for a string: a new instance of
  /// the initializer with that snake-case or class name (`"glorot_uniform"`,
  /// `"GlorotUniform"`, `"zeros"`), with default arguments. A random one
  /// draws its default seed now.
  ///
  /// - Throws: ``FrameworkError`` for a name Keras does not know (or rngdiff
  ///   does not emulate, such as `"orthogonal"`).
  public static func named(_ identifier: String, state: inout Keras3.GlobalState) throws -> Keras3.Initializer {
    let snake = snakeCase(identifier)
    if let preset = Preset.allCases.first(where: { snakeCase($0.rawValue) == snake }) {
      return Keras3.Initializer.preset(preset, state: &state)
    }
    switch snake {
    case "variance_scaling": return try varianceScaling(state: &state)
    case "random_uniform", "uniform": return randomUniform(state: &state)
    case "random_normal", "normal": return randomNormal(state: &state)
    case "truncated_normal": return truncatedNormal(state: &state)
    case "zeros", "zero": return constant(0, className: "Zeros", state: &state)
    case "ones", "one": return constant(1, className: "Ones", state: &state)
    case "constant": return constant(0, state: &state)
    default:
      throw FrameworkError(
        "Could not interpret initializer identifier: \(identifier); rngdiff knows \(knownNames.joined(separator: ", "))",
        parameter: "initializer")
    }
  }

  /// The names ``named(_:state:)`` accepts, in snake case.
  public static var knownNames: [String] {
    Preset.allCases.map { snakeCase($0.rawValue) }
      + ["variance_scaling", "random_uniform", "random_normal", "truncated_normal", "zeros", "ones", "constant"]
      + ["uniform", "normal", "zero", "one"]
  }

  /// `GlorotUniform` → `glorot_uniform`; snake case stays as it is.
  static func snakeCase(_ name: String) -> String {
    var out = ""
    for (i, c) in name.enumerated() {
      if c.isUppercase {
        if i > 0 && !out.hasSuffix("_") { out.append("_") }
        out += c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }
}
