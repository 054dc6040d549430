import KerasStreams
import PythonSubset
import RNGStreams

/// A `keras.random.SeedGenerator` in the call strings: `sg.next()`,
/// `sg.next(ordered=False)` and `sg.state` (its `[seed, counter]` state,
/// int64 on TensorFlow and uint32 on JAX).
///
/// ```swift
/// // calls: sg = SeedGenerator(3); uniform((3,), seed=sg); sg.state   → [3, 1]
/// ```
final class KerasSeedGeneratorObject: PythonObject {
  let generator: Keras3.SeedGenerator
  let session: KerasSession

  init(_ generator: Keras3.SeedGenerator, session: KerasSession) {
    self.generator = generator
    self.session = session
  }

  var typeName: String { "SeedGenerator" }
  var repr: String { "<SeedGenerator name=\(generator.name)>" }
  var attributeNames: [String] { ["name", "next", "state"] }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "name": return .string(generator.name)
    case "state": return seedTensor(session.state.seedState(of: generator))
    case "next":
      return .object(BuiltinFunction(signature: Signature("next(ordered=True)")) { [self] args in
        let ordered = try args.bool("ordered") ?? true
        return seedTensor(session.state.next(generator, ordered: ordered))
      })
    default: return nil
    }
  }

  /// A seed pair as the backend's seed tensor.
  func seedTensor(_ seed: [Int64]) -> Value {
    let values: DrawnValues =
      session.backend == .tensorflow ? .int64(seed) : .uint32(seed.map { UInt32(truncatingIfNeeded: $0) })
    return session.array(Keras3.Tensor(shape: [2], values: values))
  }
}
