extension Keras3.GlobalState {
  /// `keras.backend.clear_session()`: forgets the auto-name counters (the
  /// next `Dense` is `dense` again) and the global `SeedGenerator` (the
  /// next `seed=None` op makes a new one from Python's `random`).
  ///
  /// ```swift
  /// keras.clearSession()
  /// keras.uniqueName("dense")   // "dense"
  /// ```
  ///
  /// Edge case: living layers keep their `SeedGenerator` states; Python's
  /// `random`, NumPy and TensorFlow's global seed are untouched, as in Keras.
  public mutating func clearSession() {
    nameCounts = [:]
    globalGenerator = nil
  }
}
