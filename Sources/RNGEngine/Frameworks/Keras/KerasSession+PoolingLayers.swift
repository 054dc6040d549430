import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.layers.MaxPooling1D/2D`, `AveragePooling1D/2D`,
  /// `GlobalMaxPooling1D/2D` and `GlobalAveragePooling1D/2D`
  /// (channels_last): no weights, no draws.
  func definePoolingLayers(in ns: Namespace) {
    for rank in 1...2 {
      for mode in [Keras3.Pooling.Mode.max, .average] {
        let probe = Keras3.Pooling(mode: mode, rank: rank, poolSize: [])
        // MaxPooling has a default pool size; AveragePooling requires one.
        let size = mode == .max ? (rank == 1 ? "pool_size=2" : "pool_size=(2, 2)") : "pool_size"
        ns.define("\(probe.className)(\(size), strides=None, padding='valid', data_format=None, name=None, **kwargs)") { [self] args in
          try channelsLast(args)
          let fallback = mode == .max && !args.isGiven("pool_size") ? Array(repeating: 2, count: rank) : nil
          guard let poolSize = try windowTuple(args, "pool_size", rank: rank) ?? fallback else {
            throw args.error("pool_size", "\(probe.className)() argument 'pool_size' must be an int or a tuple of \(rank) ints, got None")
          }
          let strides = try windowTuple(args, "strides", rank: rank)
          let padding = (try args.string("padding") ?? "valid").lowercased()
          guard padding == "valid" || padding == "same" else {
            throw args.error("padding", "Argument `padding` must be either 'valid' or 'same'. Received: padding=\(padding)")
          }
          let name = try args.string("name")
          _ = try layerKeywords(args)
          let pooling = Keras3.Pooling(mode: mode, rank: rank, poolSize: poolSize, strides: strides, same: padding == "same")
          return .object(KerasPoolingObject(name: name ?? state.uniqueName(pooling.namePrefix), pooling: pooling))
        }
        let global = Keras3.Pooling(globalMode: mode, rank: rank)
        ns.define("\(global.className)(data_format=None, keepdims=False, **kwargs)") { [self] args in
          try channelsLast(args)
          let keepdims = try args.bool("keepdims") ?? false
          let (name, _) = try layerKeywords(args)
          let pooling = Keras3.Pooling(globalMode: mode, rank: rank, keepdims: keepdims)
          return .object(KerasPoolingObject(name: name ?? state.uniqueName(pooling.namePrefix), pooling: pooling))
        }
      }
    }
  }

  /// Refuses `data_format='channels_first'` at the argument.
  private func channelsLast(_ args: BoundArguments) throws {
    if let format = try args.string("data_format"), format != "channels_last" {
      throw args.error("data_format", "\(args.signature.name)(data_format='\(format)') is not emulated; accepted: None or 'channels_last'")
    }
  }
}
