import JAXStreams
import PythonSubset
import RNGStreams

extension JAXSampleFramework {
  /// `chisquare`, `f`, `beta` and `dirichlet`: the samplers built on
  /// `loggamma`, float64 only (as `gamma`), with array parameters.
  static func defineGammaFamily(in ns: Namespace, _ random: JAXRandom) {
    defineParameterSampler(in: ns, random, "chisquare(key, df, shape=None, dtype=None, *, out_sharding=None)", parameters: ["df"]) {
      key, p, shape, dtype in try random.chisquare(key, df: p[0].values, dfShape: p[0].shape, shape: shape, dtype: dtype)
    }
    defineParameterSampler(
      in: ns, random, "f(key, dfnum, dfden, shape=None, dtype=None, *, out_sharding=None)", parameters: ["dfnum", "dfden"],
      defaultShape: broadcastShape("f")
    ) { key, p, shape, dtype in
      try random.f(key, dfnum: p[0].values, dfnumShape: p[0].shape, dfden: p[1].values, dfdenShape: p[1].shape, shape: shape, dtype: dtype)
    }
    defineParameterSampler(
      in: ns, random, "beta(key, a, b, shape=None, dtype=None, *, out_sharding=None)", parameters: ["a", "b"],
      defaultShape: broadcastShape("beta")
    ) { key, p, shape, dtype in
      try random.beta(key, a: p[0].values, aShape: p[0].shape, b: p[1].values, bShape: p[1].shape, shape: shape, dtype: dtype)
    }
    // The classes' axis (alpha's last) always ends the shape, after `shape` or alpha's batch axes.
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
