import PythonStreams
import RNGStreams
import TensorFlowStreams

extension TFKeras {
  /// `tf_keras.initializers.VarianceScaling(scale=1.0, mode="fan_in",
  /// distribution="truncated_normal", seed=None)` and the Glorot, He and
  /// LeCun initializers built on it.
  ///
  /// With `n` the fan of ``mode`` (at least 1), `s = scale / n` in double:
  /// - truncated normal: `stateless_truncated_normal(stddev = sqrt(s) / 0.87962566103423978)`;
  /// - untruncated normal: `stateless_normal(stddev = sqrt(s))`;
  /// - uniform: `stateless_uniform(minval = -sqrt(3 s), maxval = sqrt(3 s))`,
  ///   so Glorot uniform's limit is `sqrt(6 / (fan_in + fan_out))`.
  ///
  /// ```swift
  /// var glorot = TFKeras.VarianceScaling.glorotUniform(seed: 9)
  /// let w = try glorot([3, 4], backend: &backend, python: &python)
  /// ```
  public struct VarianceScaling: Initializer, Sendable, Hashable {
    /// Which fan divides the scale.
    public enum Mode: String, Sendable, Hashable {
      case fanIn = "fan_in"
      case fanOut = "fan_out"
      case fanAvg = "fan_avg"
    }

    /// The distribution; `"normal"` is accepted as ``truncatedNormal``.
    public enum Distribution: String, Sendable, Hashable {
      case truncatedNormal = "truncated_normal"
      case untruncatedNormal = "untruncated_normal"
      case uniform

      /// The distribution with tf-keras's (case-insensitive) name.
      public init?(name: String) {
        let lower = name.lowercased()
        self.init(rawValue: lower == "normal" ? "truncated_normal" : lower)
      }
    }

    public let scale: Double
    public let mode: Mode
    public let distribution: Distribution
    public let className: String
    public private(set) var generator: RandomGenerator

    /// - Throws: ``FrameworkError`` when `scale <= 0`.
    public init(
      scale: Double = 1.0, mode: Mode = .fanIn, distribution: Distribution = .truncatedNormal, seed: Int64? = nil
    ) throws {
      guard scale > 0 else {
        throw FrameworkError("scale must be a positive float, got \(scale).", parameter: "scale")
      }
      self.init(scale: scale, mode: mode, distribution: distribution, seed: seed, className: "VarianceScaling")
    }

    init(scale: Double, mode: Mode, distribution: Distribution, seed: Int64?, className: String) {
      self.scale = scale
      self.mode = mode
      self.distribution = distribution
      self.className = className
      generator = RandomGenerator(seed: seed, kind: .stateless)
    }

    /// `GlorotUniform(seed)`: scale 1, fan_avg, uniform.
    public static func glorotUniform(seed: Int64? = nil) -> VarianceScaling {
      VarianceScaling(scale: 1, mode: .fanAvg, distribution: .uniform, seed: seed, className: "GlorotUniform")
    }
    /// `GlorotNormal(seed)`: scale 1, fan_avg, truncated normal.
    public static func glorotNormal(seed: Int64? = nil) -> VarianceScaling {
      VarianceScaling(scale: 1, mode: .fanAvg, distribution: .truncatedNormal, seed: seed, className: "GlorotNormal")
    }
    /// `HeUniform(seed)`: scale 2, fan_in, uniform.
    public static func heUniform(seed: Int64? = nil) -> VarianceScaling {
      VarianceScaling(scale: 2, mode: .fanIn, distribution: .uniform, seed: seed, className: "HeUniform")
    }
    /// `HeNormal(seed)`: scale 2, fan_in, truncated normal.
    public static func heNormal(seed: Int64? = nil) -> VarianceScaling {
      VarianceScaling(scale: 2, mode: .fanIn, distribution: .truncatedNormal, seed: seed, className: "HeNormal")
    }
    /// `LecunUniform(seed)`: scale 1, fan_in, uniform.
    public static func lecunUniform(seed: Int64? = nil) -> VarianceScaling {
      VarianceScaling(scale: 1, mode: .fanIn, distribution: .uniform, seed: seed, className: "LecunUniform")
    }
    /// `LecunNormal(seed)`: scale 1, fan_in, truncated normal.
    public static func lecunNormal(seed: Int64? = nil) -> VarianceScaling {
      VarianceScaling(scale: 1, mode: .fanIn, distribution: .truncatedNormal, seed: seed, className: "LecunNormal")
    }

    /// 0.87962566103423978: the standard deviation of a unit normal
    /// truncated to (-2, 2).
    public static let truncatedStandardDeviation = Double(bitPattern: 0x3FEC_25E4_B6DB_A981)

    /// `scale` divided by the fan its mode names (at least 1) for a weight of `shape`:
    /// the variance the initializer's distribution gets.
    ///
    /// ```swift
    /// TFKeras.VarianceScaling.glorotUniform().variance(for: [4, 8])   // 1 / 6
    /// ```
    public func variance(for shape: [Int]) -> Double {
      let (fanIn, fanOut) = TFKeras.fans(shape)
      switch mode {
      case .fanIn: return scale / max(1.0, Double(fanIn))
      case .fanOut: return scale / max(1.0, Double(fanOut))
      case .fanAvg: return scale / max(1.0, Double(fanIn + fanOut) / 2.0)
      }
    }

    public mutating func callAsFunction(
      _ shape: [Int], dtype: TensorFlowDType = .float32, backend: inout Backend, python: inout PythonRandom
    ) throws -> DrawnValues {
      try dtype.requireFloat(className)
      let s = variance(for: shape)
      let seed = generator.statelessSeed(backend: &backend, python: &python, consumer: className)
      switch distribution {
      case .truncatedNormal:
        let stddev = s.squareRoot() / Self.truncatedStandardDeviation
        return try StatelessRandomOps.truncatedNormal(
          shape, seed: seed, mean: 0.0, stddev: .float(stddev), dtype: dtype, observer: backend.observer)
      case .untruncatedNormal:
        return try StatelessRandomOps.normal(
          shape, seed: seed, mean: 0.0, stddev: .float(s.squareRoot()), dtype: dtype, observer: backend.observer)
      case .uniform:
        let limit = (3.0 * s).squareRoot()
        return try StatelessRandomOps.uniform(
          shape, seed: seed, minval: .float(-limit), maxval: .float(limit), dtype: dtype, observer: backend.observer)
      }
    }
  }
}
