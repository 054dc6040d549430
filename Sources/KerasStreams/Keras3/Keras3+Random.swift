import JAXStreams
import RNGStreams
import TensorFlowStreams

extension Keras3 {
  /// A Python number passed to `keras.random` (`minval`, `mean`, …): an int
  /// or a float. TensorFlow converts the two differently (see
  /// ``GlobalState/uniform(_:minval:maxval:dtype:seed:)``).
  public typealias Number = TensorFlowScalar
}

extension Keras3.GlobalState {
  /// `keras.random.uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None)`.
  ///
  /// ```swift
  /// try keras.uniform([5], seed: .int(7))   // TF: 0.7470787763595581, … JAX: 0.3307110071182251, …
  /// ```
  ///
  /// - TensorFlow: `stateless_uniform(shape, seed, minval, maxval, dtype)`
  ///   with both bounds first passed through `tf.cast(bound, dtype)`, which
  ///   makes a Python float a float32 tensor before casting: for float64,
  ///   float bounds are rounded to float32 (`-0.05` becomes
  ///   `-0.05000000074505806`).
  /// - JAX: `jax.random.uniform(key, shape, dtype, minval, maxval)`.
  ///
  /// - Throws: ``FrameworkError`` for a non-float dtype, a dtype that is not
  ///   emulated, a negative dimension, or a seed the backend rejects.
  public mutating func uniform(
    _ shape: [Int], minval: Keras3.Number = 0.0, maxval: Keras3.Number = 1.0, dtype: Keras3.DType? = nil,
    seed: Keras3.Seed = .none
  ) throws -> Keras3.Tensor {
    let dtype = try floatDType(dtype, "keras.random.uniform")
    let raw = try drawSeed(seed)
    switch backend {
    case .tensorflow:
      func cast(_ x: Keras3.Number) -> Keras3.Number {
        if dtype == .float64, case .float(let v) = x { return .float(Double(Float(v))) }
        return x
      }
      return Keras3.Tensor(shape: shape, values: try StatelessRandomOps.uniform(
        shape, seed: tensorFlowSeed(raw), minval: cast(minval), maxval: cast(maxval),
        dtype: dtype == .float64 ? .float64 : .float32, observer: observer))
    case .jax:
      return Keras3.Tensor(shape: shape, values: try jax.uniform(
        Self.jaxKey(raw), shape: shape, dtype: .float32, minval: minval.doubleValue, maxval: maxval.doubleValue))
    }
  }

  /// `keras.random.normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)`.
  ///
  /// - TensorFlow: `stateless_normal(shape, seed, mean, stddev, dtype)`
  ///   (`rnd * stddev + mean` in the dtype).
  /// - JAX: `jax.random.normal(key, shape) * stddev + mean`, two float32 ops.
  ///
  /// - Throws: as ``uniform(_:minval:maxval:dtype:seed:)``.
  public mutating func normal(
    _ shape: [Int], mean: Keras3.Number = 0.0, stddev: Keras3.Number = 1.0, dtype: Keras3.DType? = nil,
    seed: Keras3.Seed = .none
  ) throws -> Keras3.Tensor {
    let dtype = try floatDType(dtype, "keras.random.normal")
    let raw = try drawSeed(seed)
    switch backend {
    case .tensorflow:
      return Keras3.Tensor(shape: shape, values: try StatelessRandomOps.normal(
        shape, seed: tensorFlowSeed(raw), mean: mean, stddev: stddev,
        dtype: dtype == .float64 ? .float64 : .float32, observer: observer))
    case .jax:
      let sample = try jax.normal(Self.jaxKey(raw), shape: shape, dtype: .float32)
      return Self.affine(sample, shape: shape, scale: stddev, shift: mean)
    }
  }

  /// `keras.random.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)`:
  /// normal values redrawn (TensorFlow) or mapped (JAX) into two standard
  /// deviations around the mean.
  ///
  /// - TensorFlow: `stateless_truncated_normal(shape, seed, mean, stddev, dtype)`.
  /// - JAX: `jax.random.truncated_normal(key, -2.0, 2.0, shape) * stddev + mean`.
  ///
  /// - Throws: as ``uniform(_:minval:maxval:dtype:seed:)``.
  public mutating func truncatedNormal(
    _ shape: [Int], mean: Keras3.Number = 0.0, stddev: Keras3.Number = 1.0, dtype: Keras3.DType? = nil,
    seed: Keras3.Seed = .none
  ) throws -> Keras3.Tensor {
    let dtype = try floatDType(dtype, "keras.random.truncated_normal")
    let raw = try drawSeed(seed)
    switch backend {
    case .tensorflow:
      return Keras3.Tensor(shape: shape, values: try StatelessRandomOps.truncatedNormal(
        shape, seed: tensorFlowSeed(raw), mean: mean, stddev: stddev,
        dtype: dtype == .float64 ? .float64 : .float32, observer: observer))
    case .jax:
      let sample = try jax.truncatedNormal(Self.jaxKey(raw), lower: -2.0, upper: 2.0, shape: shape, dtype: .float32)
      return Self.affine(sample, shape: shape, scale: stddev, shift: mean)
    }
  }

  /// The dtype a random op computes in: `floatx()` (float32) by default;
  /// float64 becomes float32 on JAX (x64 is off).
  ///
  /// - Throws: ``FrameworkError`` for an integer dtype.
  func floatDType(_ dtype: Keras3.DType?, _ function: String) throws -> Keras3.DType {
    let dtype = dtype ?? .float32
    guard dtype.isFloatingPoint else {
      throw FrameworkError(
        "`\(function)` requires a floating point `dtype`. Received: dtype=\(dtype.rawValue)", parameter: "dtype")
    }
    return backend == .jax ? .float32 : dtype
  }

  /// `sample * scale + shift` as two float32 JAX ops, each rounded.
  static func affine(_ sample: DrawnValues, shape: [Int], scale: Keras3.Number, shift: Keras3.Number) -> Keras3.Tensor {
    let s = Float(scale.doubleValue), m = Float(shift.doubleValue)
    return Keras3.Tensor(shape: shape, values: .float32((sample.float32 ?? []).map { ($0 * s) + m }))
  }
}

extension TensorFlowScalar {
  /// The number as a double (an int converts to the nearest double).
  var doubleValue: Double {
    switch self {
    case .int(let v): return Double(v)
    case .float(let v): return v
    }
  }
}
