import KerasStreams
import PythonSubset

extension KerasSession {
  /// The layers `fit` trains, for messages.
  static let trainedLayers =
    "Dense, Conv1D, Conv2D, MaxPooling1D/2D, AveragePooling1D/2D, GlobalMaxPooling1D/2D, GlobalAveragePooling1D/2D, "
    + "Embedding, BatchNormalization, LayerNormalization, Dropout, Activation, Flatten, Reshape, GaussianNoise, GaussianDropout"
  /// The layers `rngdiff run` builds, for messages.
  static let emulatedLayers = trainedLayers + ", SpatialDropout1D, SpatialDropout2D, AlphaDropout"

  /// `keras.layers.Activation`, `Flatten`, `Reshape`, `GaussianNoise` and
  /// `GaussianDropout`, and a located refusal for the layers whose initial
  /// weights or draws are not emulated (`LSTM`, `GRU`).
  func defineWeightlessLayers(in ns: Namespace) {
    ns.define("Activation(activation, **kwargs)") { [self] args in
      guard case .string(let activation)? = args.value("activation") else {
        throw args.error(
          "activation", "Activation() argument 'activation' must be a name such as 'relu', got \(args.value("activation")?.repr ?? "None")")
      }
      let (name, _) = try layerKeywords(args)
      return .object(KerasActivationLayerObject(name: name ?? state.uniqueName("activation"), activation: activation))
    }
    ns.define("Flatten(data_format=None, **kwargs)") { [self] args in
      if let format = try args.string("data_format"), format != "channels_last" {
        throw args.error("data_format", "Flatten(data_format='\(format)') is not emulated; accepted: None or 'channels_last'")
      }
      let (name, _) = try layerKeywords(args)
      return .object(KerasFlattenObject(name: name ?? state.uniqueName("flatten")))
    }
    ns.define("Reshape(target_shape, **kwargs)") { [self] args in
      let given = try args.kerasDimensions("target_shape")
      guard let given, !given.isEmpty, let target = Optional(given.compactMap { $0 }), target.count == given.count,
        target.allSatisfy({ $0 > 0 || $0 == -1 })
      else {
        throw args.error(
          "target_shape", "Reshape() argument 'target_shape' must be a tuple of positive integers (one may be -1), got \(args.value("target_shape")?.repr ?? "None")")
      }
      let (name, _) = try layerKeywords(args)
      return .object(KerasReshapeObject(name: name ?? state.uniqueName("reshape"), targetShape: target))
    }
    ns.define("GaussianNoise(stddev, seed=None, **kwargs)") { [self] args in
      let stddev = try args.kerasDouble("stddev")
      // The seed goes to SeedGenerator(seed), which only a positive stddev makes.
      let seed = stddev > 0 ? try args.kerasGeneratorSeed("seed", backend: backend) : nil
      let (name, _) = try layerKeywords(args)
      let layer = try consuming(name ?? state.nextUniqueName("gaussian_noise"), role: "seed") {
        try args.framework { try Keras3.GaussianNoise(stddev: stddev, seed: seed, name: name, state: &state) }
      }
      return .object(KerasGaussianNoiseObject(layer, session: self))
    }
    ns.define("GaussianDropout(rate, seed=None, **kwargs)") { [self] args in
      let rate = try args.kerasDouble("rate")
      let seed = rate > 0 ? try args.kerasGeneratorSeed("seed", backend: backend) : nil
      let (name, _) = try layerKeywords(args)
      let layer = try consuming(name ?? state.nextUniqueName("gaussian_dropout"), role: "seed") {
        try args.framework { try Keras3.GaussianDropout(rate: rate, seed: seed, name: name, state: &state) }
      }
      return .object(KerasGaussianDropoutObject(layer, session: self))
    }
    for rank in 1...2 {
      let extra = rank == 2 ? "data_format=None, " : ""
      ns.define("SpatialDropout\(rank)D(rate, \(extra)seed=None, name=None, dtype=None)") { [self] args in
        if rank == 2, let format = try args.string("data_format"), format != "channels_last" {
          throw args.error("data_format", "SpatialDropout2D(data_format='\(format)') is not emulated; accepted: None or 'channels_last'")
        }
        let rate = try args.kerasDouble("rate")
        let seed = rate > 0 ? try args.kerasGeneratorSeed("seed", backend: backend) : nil
        let name = try args.string("name")
        let layer = try consuming(name ?? state.nextUniqueName("spatial_dropout\(rank)d"), role: "seed") {
          try args.framework {
            let layerName = name ?? state.uniqueName("spatial_dropout\(rank)d")
            return try Keras3.Dropout(rate: rate, seed: seed, name: layerName, state: &state)
          }
        }
        return .object(KerasSpatialDropoutObject(layer, rank: rank, session: self))
      }
    }
    ns.define("AlphaDropout(rate, noise_shape=None, seed=None, **kwargs)") { [self] args in
      let rate = try args.kerasDouble("rate")
      _ = try args.kerasDimensions("noise_shape")
      let seed = rate > 0 ? try args.kerasGeneratorSeed("seed", backend: backend) : nil
      let (name, _) = try layerKeywords(args)
      let layer = try consuming(name ?? state.nextUniqueName("alpha_dropout"), role: "seed") {
        try args.framework {
          let layerName = name ?? state.uniqueName("alpha_dropout")
          return try Keras3.Dropout(rate: rate, seed: seed, name: layerName, state: &state)
        }
      }
      return .object(KerasAlphaDropoutObject(layer, session: self))
    }
    for (layer, why) in Self.refusedLayers {
      ns.define("\(layer)(*args, **kwargs)") { args in
        throw EvaluationError(
          "keras.layers.\(layer) is not emulated by rngdiff run: \(why); emulated layers: \(Self.emulatedLayers)", at: args.callRange)
      }
    }
  }

  /// The layers of this file: reached as `keras.layers.X` (in scripts and
  /// call strings), not as bare names in `rngdiff sample keras` call strings.
  static let scriptOnlyLayers: Set<String> =
    Set(
      ["Activation", "Flatten", "Reshape", "GaussianNoise", "GaussianDropout", "SpatialDropout1D", "SpatialDropout2D", "AlphaDropout"]
        + ["Conv1D", "Conv2D", "Embedding", "BatchNormalization", "LayerNormalization"]
        + ["Max", "Average", "GlobalMax", "GlobalAverage"].flatMap { ["\($0)Pooling1D", "\($0)Pooling2D"] }
        + refusedLayers.map(\.0))

  /// Layers a script may name that rngdiff run refuses, with the reason.
  static let refusedLayers: [(String, String)] = {
    let orthogonal = "its recurrent kernel uses the orthogonal initializer, which needs the framework's QR decomposition (not emulated)"
    return [("LSTM", orthogonal), ("GRU", orthogonal)]
  }()
}
