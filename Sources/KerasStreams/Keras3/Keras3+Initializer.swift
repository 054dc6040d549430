import TensorFlowStreams
import RNGStreams

extension Keras3 {
  /// A Keras 3 initializer (`keras.initializers.*`): called with a shape,
  /// it returns the initial values of a weight.
  ///
  /// ```swift
  /// let glorot = try Keras3.Initializer.glorotUniform(seed: .int(9), state: &keras)
  /// let w = try glorot([3, 4], state: &keras)      // the same values on every call
  /// let he = try Keras3.Initializer.heNormal(state: &keras)   // draws randint(1, 10**9) now
  /// ```
  ///
  /// A random initializer fixes its seed **at construction**: `seed=None`
  /// draws `random.randint(1, 10**9)` from Python's global `random` then
  /// (``GlobalState/makeDefaultSeed(for:)``). Every call then draws with
  /// `draw_seed(seed)`: an int seed gives `[seed, 0]` and so the same values
  /// each time (an unseeded initializer repeats itself too); a
  /// `SeedGenerator` seed takes `next()` per call.
  public struct Initializer: Sendable, Hashable {
    /// What the initializer computes.
    public enum Kind: Sendable, Hashable {
      /// `VarianceScaling` and the Glorot, He and LeCun initializers.
      case varianceScaling(scale: Double, mode: FanMode, distribution: Distribution, inputAxes: [Int]?, outputAxes: [Int]?)
      /// `RandomUniform(minval, maxval)`.
      case randomUniform(minval: Number, maxval: Number)
      /// `RandomNormal(mean, stddev)`.
      case randomNormal(mean: Number, stddev: Number)
      /// `TruncatedNormal(mean, stddev)`.
      case truncatedNormal(mean: Number, stddev: Number)
      /// `Zeros()`, `Ones()`, `Constant(value)`: no randomness.
      case constant(Double)

      var isRandom: Bool { if case .constant = self { return false } else { return true } }
    }

    /// Which fan divides a variance-scaling initializer's scale.
    public enum FanMode: String, Sendable, Hashable, CaseIterable {
      case fanIn = "fan_in"
      case fanOut = "fan_out"
      case fanAvg = "fan_avg"
    }

    /// A variance-scaling initializer's distribution.
    public enum Distribution: String, Sendable, Hashable, CaseIterable {
      case truncatedNormal = "truncated_normal"
      case untruncatedNormal = "untruncated_normal"
      case uniform

      /// Keras's (case-insensitive) name; `"normal"` means truncated normal.
      public init?(name: String) {
        let lower = name.lowercased()
        self.init(rawValue: lower == "normal" ? "truncated_normal" : lower)
      }
    }

    /// The Python class name (`"GlorotUniform"`).
    public let className: String
    public let kind: Kind
    /// The seed every call draws with: `.int` or `.generator` for random
    /// initializers (never `.none` once constructed), `.none` for constants.
    public let seed: Seed

    /// An initializer of `kind`; a random one with `seed` `.none` takes a
    /// default seed now.
    public init(_ kind: Kind, className: String, seed: Seed = .none, state: inout GlobalState) {
      self.className = className
      self.kind = kind
      if kind.isRandom, case .none = seed {
        self.seed = .int(state.makeDefaultSeed(for: className))
      } else {
        self.seed = kind.isRandom ? seed : .none
      }
    }

    /// `initializer(shape, dtype=None)`. `dtype` defaults to float32.
    ///
    /// - Throws: ``FrameworkError`` for an integer dtype (random
    ///   initializers), a negative dimension, more than
    ///   ``Keras3/maximumWeightElements`` elements, an axis outside the shape,
    ///   or a seed the backend rejects.
    public func callAsFunction(_ shape: [Int], dtype: DType? = nil, state: inout GlobalState) throws -> Tensor {
      guard try Keras3.elementCount(shape) <= Keras3.maximumWeightElements else {
        throw FrameworkError(
          "shape \(Keras3.shapeText(shape)) has more than \(Keras3.maximumWeightElements) elements, more than rngdiff emulates in one weight.",
          parameter: "shape")
      }
      switch kind {
      case .constant(let value):
        return Tensor.filled(value, shape: shape, dtype: state.canonical(dtype ?? .float32).elementType)
      case .randomUniform(let minval, let maxval):
        return try state.uniform(shape, minval: minval, maxval: maxval, dtype: dtype, seed: seed)
      case .randomNormal(let mean, let stddev):
        return try state.normal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: seed)
      case .truncatedNormal(let mean, let stddev):
        return try state.truncatedNormal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: seed)
      case .varianceScaling(let scale, let mode, let distribution, let inputAxes, let outputAxes):
        let (fanIn, fanOut) = try Keras3.fans(shape, inputAxes: inputAxes, outputAxes: outputAxes)
        var s = scale
        switch mode {
        case .fanIn: s /= max(1.0, Double(fanIn))
        case .fanOut: s /= max(1.0, Double(fanOut))
        case .fanAvg: s /= max(1.0, (Double(fanIn) + Double(fanOut)) / 2.0)
        }
        switch distribution {
        case .truncatedNormal:
          let stddev = s.squareRoot() / Self.truncatedStandardDeviation
          return try state.truncatedNormal(shape, mean: 0.0, stddev: .float(stddev), dtype: dtype, seed: seed)
        case .untruncatedNormal:
          return try state.normal(shape, mean: 0.0, stddev: .float(s.squareRoot()), dtype: dtype, seed: seed)
        case .uniform:
          let limit = (3.0 * s).squareRoot()
          return try state.uniform(shape, minval: .float(-limit), maxval: .float(limit), dtype: dtype, seed: seed)
        }
      }
    }

    /// 0.87962566103423978: the standard deviation of a unit normal
    /// truncated to (-2, 2).
    static let truncatedStandardDeviation = 0.87962566103423978
  }
}
