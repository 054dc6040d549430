import RNGStreams
import PythonSubset

/// `keras.layers.Flatten()`: keeps the batch dimension and joins the rest
/// into one (`(None, 2, 3)` → `(None, 6)`). No weights, no draws.
///
/// ```python
/// keras.layers.Flatten()(keras.Input((2, 3))).shape   # (None, 6)
/// ```
///
/// Edge cases: an unknown (None) dimension after the batch one gives an
/// unknown output dimension; `(None,)` becomes `(None, 1)`, as in Keras.
final class KerasFlattenObject: KerasWeightlessLayer {
  let layerName: String

  init(name: String) { layerName = name }

  var className: String { "Flatten" }
  var attributeNames: [String] { ["built", "get_weights", "name", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] {
    guard let batch = input.first else { return [1] }
    var size: Int? = 1
    for d in input.dropFirst() {
      guard let s = size, let d else { size = nil; continue }
      let (product, overflow) = s.multipliedReportingOverflow(by: d)
      guard !overflow else { throw FrameworkError("the flattened size of \(input) does not fit in 64 bits") }
      size = product
    }
    return [batch, size]
  }

  func attribute(_ name: String) throws -> Value? { try sharedAttribute(name) }
}
