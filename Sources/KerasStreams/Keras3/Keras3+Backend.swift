extension Keras3 {
  /// The backend Keras 3 runs on (`KERAS_BACKEND`). It decides the seed
  /// dtype, how a seed becomes a random stream, and the dropout keep rule.
  ///
  /// ```swift
  /// Keras3.Backend.tensorflow.seedDType   // .int64
  /// Keras3.Backend.jax.seedDType          // .uint32
  /// ```
  ///
  /// - ``tensorflow``: seeds are int64 tensors, mapped by
  ///   `floormod(seed, 2**31 - 2)` to int32 before
  ///   `tf.random.stateless_*` (Philox).
  /// - ``jax``: seeds are uint32 tensors `[a, b]` used directly as the raw
  ///   threefry key `(a, b)`; float64 requests become float32 (x64 is off).
  public enum Backend: String, Sendable, Hashable, CaseIterable {
    case tensorflow
    case jax

    /// `keras.backend.random_seed_dtype()`: the dtype of every seed tensor
    /// and `SeedGenerator` state.
    public var seedDType: DType { self == .tensorflow ? .int64 : .uint32 }
  }
}
