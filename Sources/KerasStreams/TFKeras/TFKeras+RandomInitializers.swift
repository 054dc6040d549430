import PythonStreams
import RNGStreams
import TensorFlowStreams

extension TFKeras {
  /// `tf_keras.initializers.RandomUniform(minval=-0.05, maxval=0.05, seed=None)`:
  /// `stateless_uniform(shape, seed=[seed, 0], minval, maxval, dtype)`.
  /// Integer dtypes are accepted (then both bounds must be ints).
  ///
  /// ```swift
  /// var u = TFKeras.RandomUniform(minval: -1.0, maxval: 2.0, seed: 1)
  /// let w = try u([10], backend: &backend, python: &python)
  /// ```
  public struct RandomUniform: Initializer, Sendable, Hashable {
    public let minval: TensorFlowScalar
    public let maxval: TensorFlowScalar
    public var className: String { "RandomUniform" }
    public private(set) var generator: RandomGenerator

    public init(minval: TensorFlowScalar = -0.05, maxval: TensorFlowScalar = 0.05, seed: Int64? = nil) {
      self.minval = minval
      self.maxval = maxval
      generator = RandomGenerator(seed: seed, kind: .stateless)
    }

    public mutating func callAsFunction(
      _ shape: [Int], dtype: TensorFlowDType = .float32, backend: inout Backend, python: inout PythonRandom
    ) throws -> DrawnValues {
      let seed = generator.statelessSeed(backend: &backend, python: &python, consumer: className)
      return try StatelessRandomOps.uniform(
        shape, seed: seed, minval: minval, maxval: maxval, dtype: dtype, observer: backend.observer)
    }
  }

  /// `tf_keras.initializers.RandomNormal(mean=0.0, stddev=0.05, seed=None)`:
  /// `stateless_normal(shape, seed=[seed, 0], mean, stddev, dtype)`.
  public struct RandomNormal: Initializer, Sendable, Hashable {
    public let mean: TensorFlowScalar
    public let stddev: TensorFlowScalar
    public var className: String { "RandomNormal" }
    public private(set) var generator: RandomGenerator

    public init(mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 0.05, seed: Int64? = nil) {
      self.mean = mean
      self.stddev = stddev
      generator = RandomGenerator(seed: seed, kind: .stateless)
    }

    public mutating func callAsFunction(
      _ shape: [Int], dtype: TensorFlowDType = .float32, backend: inout Backend, python: inout PythonRandom
    ) throws -> DrawnValues {
      try dtype.requireFloat(className)
      let seed = generator.statelessSeed(backend: &backend, python: &python, consumer: className)
      return try StatelessRandomOps.normal(
        shape, seed: seed, mean: mean, stddev: stddev, dtype: dtype, observer: backend.observer)
    }
  }

  /// `tf_keras.initializers.TruncatedNormal(mean=0.0, stddev=0.05, seed=None)`:
  /// `stateless_truncated_normal(shape, seed=[seed, 0], mean, stddev, dtype)`.
  public struct TruncatedNormal: Initializer, Sendable, Hashable {
    public let mean: TensorFlowScalar
    public let stddev: TensorFlowScalar
    public var className: String { "TruncatedNormal" }
    public private(set) var generator: RandomGenerator

    public init(mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 0.05, seed: Int64? = nil) {
      self.mean = mean
      self.stddev = stddev
      generator = RandomGenerator(seed: seed, kind: .stateless)
    }

    public mutating func callAsFunction(
      _ shape: [Int], dtype: TensorFlowDType = .float32, backend: inout Backend, python: inout PythonRandom
    ) throws -> DrawnValues {
      try dtype.requireFloat(className)
      let seed = generator.statelessSeed(backend: &backend, python: &python, consumer: className)
      return try StatelessRandomOps.truncatedNormal(
        shape, seed: seed, mean: mean, stddev: stddev, dtype: dtype, observer: backend.observer)
    }
  }
}
