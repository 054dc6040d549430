import JAXStreams
import PythonSubset
import RNGStreams

extension JAXSampleFramework {
  /// One parameter of a sampler: its values (broadcast later by the sampler) and its shape.
  typealias SamplerParameter = (values: [Double], shape: [Int])

  /// Defines a sampler `signature` over array parameters (`parameters`, in
  /// order): reads the key, each parameter, `shape`, `dtype` and (when the
  /// signature has it) `out_sharding`, which must be None — in that order,
  /// as every such binding reads them —, draws with `sample`, and shapes the
  /// result as `shape`, or without one as `defaultShape` says from the
  /// parameters' shapes.
  ///
  /// ```swift
  /// defineParameterSampler(in: ns, random, "t(key, df, shape=(), dtype=None, *, out_sharding=None)",
  ///                        parameters: ["df"]) { key, p, shape, dtype in
  ///   try random.t(key, df: p[0].values, dfShape: p[0].shape, shape: shape, dtype: dtype)
  /// }
  /// ```
  static func defineParameterSampler(
    in ns: Namespace, _ random: JAXRandom, _ signature: String, parameters: [String],
    defaultShape: @escaping ([SamplerParameter]) throws -> [Int] = { $0[0].shape },
    _ sample: @escaping (JAXKey, [SamplerParameter], [Int]?, JAXDType?) throws -> DrawnValues
  ) {
    let sharded = signature.contains("out_sharding")
    ns.define(signature) { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let values = try parameters.map { name -> SamplerParameter in try parameterArray(args, name, random.config) }
      let shape = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      if sharded { try args.requireNone("out_sharding") }
      let drawn = try args.framework { try sample(key, values, shape, dtype) }
      return JAXResult.value(drawn, shape: try shape ?? args.framework { try defaultShape(values) })
    }
  }

  /// The default shape of a two-parameter sampler: its parameters' shapes broadcast together.
  static func broadcastShape(_ function: String) -> ([SamplerParameter]) throws -> [Int] {
    { try JAXRandom.broadcastShapes($0[0].shape, $0[1].shape, function: function) }
  }
}
