import RNGStreams

extension Keras3 {
  /// `keras.layers.MaxPooling1D/2D`, `AveragePooling1D/2D` (`pool_size`,
  /// `strides` defaulting to `pool_size`, `padding`) and
  /// `GlobalMaxPooling1D/2D`, `GlobalAveragePooling1D/2D` (`keepdims`), with
  /// `data_format="channels_last"`. No weights, no draws: only shapes.
  ///
  /// ```swift
  /// let pool = Keras3.Pooling(mode: .max, rank: 2, poolSize: [2, 2])
  /// try pool.outputShape([nil, 6, 5, 3])    // [nil, 3, 2, 3]
  /// ```
  ///
  /// Edge cases: an input whose rank is not `rank + 2` is Keras' `InputSpec`
  /// error; a `valid` window longer than the input gives Keras' "zero or
  /// negative" error.
  public struct Pooling: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable { case max, average }

    public let mode: Mode
    public let rank: Int
    /// nil for the global poolings.
    public let poolSize: [Int]?
    public let strides: [Int]
    public let same: Bool
    /// Global pooling only: keep the pooled axes as 1s.
    public let keepdims: Bool

    /// A windowed pooling; `strides` nil means `poolSize`.
    public init(mode: Mode, rank: Int, poolSize: [Int], strides: [Int]? = nil, same: Bool = false) {
      self.mode = mode
      self.rank = rank
      self.poolSize = poolSize
      self.strides = strides ?? poolSize
      self.same = same
      keepdims = false
    }

    /// A global pooling over every spatial axis.
    public init(globalMode mode: Mode, rank: Int, keepdims: Bool = false) {
      self.mode = mode
      self.rank = rank
      poolSize = nil
      strides = []
      same = false
      self.keepdims = keepdims
    }

    /// `MaxPooling2D`, `GlobalAveragePooling1D`, …
    public var className: String {
      (poolSize == nil ? "Global" : "") + (mode == .max ? "Max" : "Average") + "Pooling\(rank)D"
    }

    /// The auto-name prefix: `max_pooling2d`, `global_average_pooling1d`, …
    public var namePrefix: String {
      (poolSize == nil ? "global_" : "") + (mode == .max ? "max" : "average") + "_pooling\(rank)d"
    }

    /// The output shape, or Keras' error for `layerName`.
    public func outputShape(_ inputShape: [Int?], layerName: String) throws -> [Int?] {
      guard inputShape.count == rank + 2 else {
        throw FrameworkError(
          "Input 0 of layer \"\(layerName)\" is incompatible with the layer: expected ndim=\(rank + 2), found ndim=\(inputShape.count). Full shape received: \(Keras3.shapeText(inputShape))")
      }
      guard let poolSize else {
        return keepdims ? [inputShape[0]] + Array(repeating: 1, count: rank) + [inputShape.last!] : [inputShape[0], inputShape.last!]
      }
      var out: [Int?] = [inputShape[0]]
      for (i, length) in inputShape.dropFirst().dropLast().enumerated() {
        out.append(
          try Keras3.windowOutput(length, window: poolSize[i], stride: strides[i], same: same) {
            "`inputs.shape=\(Keras3.shapeText(inputShape))`, `pool_size=\(Keras3.shapeText(poolSize))`, `strides=\(Keras3.shapeText(strides))`, `padding=\(same ? "same" : "valid")`."
          })
      }
      return out + [inputShape.last!]
    }
  }
}
