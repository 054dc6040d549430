import JAXStreams
import PythonSubset
import RNGStreams

extension JAXSampleFramework {
  /// `chisquare`, `f`, `beta` and `dirichlet`: the samplers built on
  /// `loggamma`, float64 only (as `gamma`), with array parameters.
  static func defineGammaFamily(in ns: Namespace, _ random: JAXRandom) {
    ns.define("chisquare(key, df, shape=None, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let (df, dfShape) = try parameterArray(args, "df", random.config)
      let shape = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework { try random.chisquare(key, df: df, dfShape: dfShape, shape: shape, dtype: dtype) }
      return JAXResult.value(values, shape: shape ?? dfShape)
    }
    ns.define("f(key, dfnum, dfden, shape=None, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let (n, nShape) = try parameterArray(args, "dfnum", random.config)
      let (d, dShape) = try parameterArray(args, "dfden", random.config)
      let given = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework {
        try random.f(key, dfnum: n, dfnumShape: nShape, dfden: d, dfdenShape: dShape, shape: given, dtype: dtype)
      }
      return JAXResult.value(values, shape: try given ?? args.framework { try JAXRandom.broadcastShapes(nShape, dShape, function: "f") })
    }
    ns.define("beta(key, a, b, shape=None, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let (a, aShape) = try parameterArray(args, "a", random.config)
      let (b, bShape) = try parameterArray(args, "b", random.config)
      let given = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework {
        try random.beta(key, a: a, aShape: aShape, b: b, bShape: bShape, shape: given, dtype: dtype)
      }
      return JAXResult.value(values, shape: try given ?? args.framework { try JAXRandom.broadcastShapes(aShape, bShape, function: "beta") })
    }
    ns.define("dirichlet(key, alpha, shape=None, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let (alpha, alphaShape) = try parameterArray(args, "alpha", random.config)
      let given = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework { try random.dirichlet(key, alpha: alpha, alphaShape: alphaShape, shape: given, dtype: dtype) }
      return JAXResult.value(values, shape: (given ?? Array(alphaShape.dropLast())) + alphaShape.suffix(1))
    }
  }
}
