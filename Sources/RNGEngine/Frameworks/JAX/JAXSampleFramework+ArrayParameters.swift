import JAXStreams
import PythonSubset
import RNGStreams

extension JAXSampleFramework {
  /// A number or a float array for a parameter of a sampler that computes
  /// in `dtype` (float32 or float64): an array of the other float dtype
  /// would promote the result (`jnp`'s rules), which rngdiff does not
  /// emulate, so it is refused with that reason.
  static func parameterArray(
    _ args: BoundArguments, _ name: String, _ config: JAXConfig, computingIn dtype: JAXDType?
  ) throws -> ([Double], [Int]) {
    let result = try parameterArray(args, name, config)
    let sampler = config.canonical(dtype ?? config.defaultFloat)
    if let (_, values) = args.jaxArray(name), values.isFloatingPoint, values.dtypeName != sampler.name {
      throw args.error(
        name,
        "\(args.signature.name)() with a \(values.dtypeName) array '\(name)' and dtype \(sampler.name) promotes the result (jnp's rules), which rngdiff does not emulate; give a number or a \(sampler.name) array")
    }
    return result
  }
}
