import JAXStreams
import RNGStreams
import TensorFlowStreams

extension Keras3.GlobalState {
  /// `keras.random.dropout(inputs, rate, noise_shape=None, seed=None)`:
  /// zeroes each value with probability `rate` and scales the rest.
  ///
  /// ```swift
  /// let x = try keras.ones([40])
  /// let y = try keras.dropout(x, rate: 0.5, seed: .int(1))
  /// ```
  ///
  /// `None` entries of `noiseShape` take the input's dimension. `rate == 1`
  /// returns zeros and `rate == 0` the input, both without drawing a seed.
  /// Otherwise:
  /// - TensorFlow: `tf.nn.experimental.stateless_dropout`: keep where
  ///   `u >= rate`, values times `float(1 / (1 - rate))` in the input dtype.
  /// - JAX: `jax.random.bernoulli(key, 1 - rate, noise_shape)`: keep where
  ///   `u < float32(1 - rate)`, values divided by `float32(1 - rate)`, which
///   XLA CPU computes as a multiplication by the float32 reciprocal
///   `1 / float32(1 - rate)`.
  ///
  /// The same seed therefore keeps different positions on the two backends.
  ///
  /// - Throws: ``FrameworkError`` for an integer input, a noise shape that
  ///   does not broadcast to the input, a rate TensorFlow rejects (outside
  ///   `[0, 1)`), or a seed the backend rejects.
  public mutating func dropout(
    _ inputs: Keras3.Tensor, rate: Double, noiseShape: [Int?]? = nil, seed: Keras3.Seed = .none
  ) throws -> Keras3.Tensor {
    // JAX without x64 holds float64 values as float32.
    let inputs = backend == .jax && inputs.dtype == .float64 ? inputs.cast(to: .float32) : inputs
    guard inputs.dtype.isFloatingPoint else {
      throw FrameworkError("dropout expects a floating point input, got \(inputs.dtype.rawValue).", parameter: "inputs")
    }
    if rate == 1.0 { return Keras3.Tensor.filled(0, shape: inputs.shape, dtype: inputs.dtype) }
    if rate == 0.0 { return inputs }
    let noise = try noiseShape.map { try Self.concreteNoiseShape($0, inputs: inputs.shape) }
    let raw = try drawSeed(seed)
    switch backend {
    case .tensorflow:
      return Keras3.Tensor(shape: inputs.shape, values: try StatelessRandomOps.dropout(
        inputs.values, shape: inputs.shape, rate: rate, seed: tensorFlowSeed(raw), noiseShape: noise, observer: observer))
    case .jax:
      let keepProbability = 1.0 - rate
      let noiseShape = noise ?? inputs.shape
      guard let map = Broadcasting.index(from: noiseShape, to: inputs.shape) else {
        throw FrameworkError(
          "noise_shape \(noiseShape) does not broadcast to the input shape \(inputs.shape).", parameter: "noise_shape")
      }
      let mask = try jax.bernoulli(Self.jaxKey(raw), p: keepProbability, shape: noiseShape).bools ?? []
      // XLA CPU lowers a float32 division to a multiplication by the
      // float32 reciprocal (checked on 1.6M values): x * (1 / float32(keep)).
      let reciprocal = 1 / Float(keepProbability)
      guard let x = inputs.values.float32 else { preconditionFailure("JAX tensors are float32") }
      return Keras3.Tensor(shape: inputs.shape, values: .float32(x.indices.map { mask[map($0)] ? x[$0] * reciprocal : 0 }))
    }
  }

  /// `_get_concrete_noise_shape`: `None` entries take the input's dimension
  /// at the same index.
  static func concreteNoiseShape(_ noiseShape: [Int?], inputs: [Int]) throws -> [Int] {
    try noiseShape.enumerated().map { i, d in
      if let d { return d }
      guard i < inputs.count else {
        throw FrameworkError(
          "noise_shape has None at index \(i) but the input has only \(inputs.count) dimensions.", parameter: "noise_shape")
      }
      return inputs[i]
    }
  }
}
