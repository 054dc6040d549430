import JAXStreams

/// A JAX scalar type such as `float16` or `uint32` (`jnp.float16`): usable
/// wherever a dtype is taken, and callable to make an array of that dtype.
///
/// ```python
/// uniform(key(0), (3,), float16)       # as a dtype
/// bernoulli(key(1), float16(0.3))      # a 0-d float16 array holding 0.3 rounded
/// ```
///
/// Without `jax_enable_x64`, the 64-bit types make 32-bit arrays, as in JAX.
final class JAXScalarType: PythonObject {
  let dtype: JAXDType
  /// The name in the namespace (`bool_` for bool).
  let name: String
  let builder: JAXArrayBuilder

  init(_ dtype: JAXDType, name: String, builder: JAXArrayBuilder) {
    self.dtype = dtype
    self.name = name
    self.builder = builder
  }

  var typeName: String { "type" }
  var repr: String { "<class 'jax.numpy.\(name)'>" }
  func attribute(_ attributeName: String) throws -> Value? {
    attributeName == "dtype" ? .dtype(dtype.engine) : nil
  }

  func call(_ arguments: Arguments) throws -> Value {
    let args = try Signature("\(name)(x)").bind(arguments)
    return try builder.array(args, "x", dtype: dtype).jaxValue
  }
}
