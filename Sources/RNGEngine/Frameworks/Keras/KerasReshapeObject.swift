import RNGStreams
import PythonSubset

/// `keras.layers.Reshape(target_shape)`: keeps the batch dimension and
/// gives the rest the target shape, which may hold one `-1` to infer. No
/// weights, no draws.
///
/// ```python
/// keras.layers.Reshape((2, -1))(keras.Input((6,))).shape   # (None, 2, 3)
/// ```
///
/// Edge cases: a target whose size differs from the input's is Keras's
/// `ValueError` at the call that builds it; two `-1` are refused.
final class KerasReshapeObject: KerasWeightlessLayer {
  let layerName: String
  /// The target shape without the batch dimension (`-1` as given).
  let targetShape: [Int]

  init(name: String, targetShape: [Int]) {
    layerName = name
    self.targetShape = targetShape
  }

  var className: String { "Reshape" }
  var attributeNames: [String] { ["built", "get_weights", "name", "target_shape", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] {
    let batch: Int? = input.first ?? nil
    let known = input.dropFirst()
    let unknowns = targetShape.filter { $0 == -1 }.count
    guard unknowns <= 1 else {
      throw FrameworkError("There must be at most one unknown dimension in output_shape. Received: output_shape=\(targetShape)")
    }
    guard known.allSatisfy({ $0 != nil }) else {
      return [batch] + targetShape.map { $0 == -1 ? nil : $0 }
    }
    let inputSize = known.reduce(1) { $0 &* ($1 ?? 1) }
    let fixed = targetShape.filter { $0 != -1 }.reduce(1, &*)
    if unknowns == 1 {
      guard fixed > 0, inputSize % fixed == 0 else { throw mismatch(input) }
      return [batch] + targetShape.map { $0 == -1 ? inputSize / fixed : $0 }
    }
    guard fixed == inputSize else { throw mismatch(input) }
    return [batch] + targetShape.map { $0 }
  }

  private func mismatch(_ input: [Int?]) -> FrameworkError {
    FrameworkError(
      "The total size of the input, \(input.dropFirst().map { String($0 ?? 0) }.joined(separator: "×")), does not match the target shape \(targetShape)")
  }

  func attribute(_ name: String) throws -> Value? {
    name == "target_shape" ? .tuple(targetShape.map { .int(PythonInt($0)) }) : try sharedAttribute(name)
  }
}
