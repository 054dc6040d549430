import JAXStreams
import PythonSubset
import RNGStreams

extension JAXSampleFramework {
  /// `weibull_min` (float32 and float64; numbers or arrays, broadcast with
  /// `shape` as `jnp` does), whose `pow` is the C library's.
  static func defineWeibullMin(in ns: Namespace, _ random: JAXRandom) {
    ns.define("weibull_min(key, scale, concentration, shape=(), dtype=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let dtype = try args.jaxDType("dtype")
      let (scale, scaleShape) = try parameterArray(args, "scale", random.config, computingIn: dtype)
      let (c, cShape) = try parameterArray(args, "concentration", random.config, computingIn: dtype)
      let shape = try args.shape("shape") ?? []
      let values = try args.framework {
        try random.weibullMin(key, scale: scale, scaleShape: scaleShape, concentration: c, concentrationShape: cShape,
                              shape: shape, dtype: dtype)
      }
      return JAXResult.value(values, shape: try args.framework {
        try JAXRandom.broadcastShapes(JAXRandom.broadcastShapes(shape, cShape, function: "weibull_min"), scaleShape, function: "weibull_min")
      })
    }
  }
}
