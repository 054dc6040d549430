import JAXStreams
import RNGStreams

extension JAXDType {
  /// The JAX dtype of an engine dtype; nil for Python ints and key arrays,
  /// which are not plain JAX arrays.
  init?(engine dtype: DType) {
    guard let elementType = dtype.elementType else { return nil }
    self.init(elementType)
  }

  /// The engine's dtype of the same name.
  var engine: DType { DType(elementType) }
}

extension Tensor {
  /// The tensor as a `jax.Array` value.
  var jaxValue: Value { .object(ArrayObject(self, kind: .jax, methods: JAXArrayMethods.shared)) }

  /// The elements of a plain JAX array (not a key array, not Python ints),
  /// as the samplers take them; nil otherwise.
  var jaxValues: DrawnValues? { drawnValues }
}

enum JAXResult {
  /// A sampler's values as a `jax.Array` of `shape`.
  static func value(_ values: DrawnValues, shape: [Int]) -> Value {
    Tensor(values, shape: shape).jaxValue
  }
}
