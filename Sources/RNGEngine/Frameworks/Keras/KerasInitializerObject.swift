import KerasStreams
import PythonSubset

/// A `keras.initializers` instance in the call strings, such as
/// `GlorotUniform(seed=9)`: called with a shape (`init((3, 4))`,
/// `init((3, 4), dtype='float64')`) it returns the initial values.
///
/// The seed was fixed when the instance was made (a default seed is drawn
/// from Python's `random` then), so calling it again repeats its values
/// unless its seed is a `SeedGenerator`.
final class KerasInitializerObject: PythonObject {
  let initializer: Keras3.Initializer
  let session: KerasSession

  init(_ initializer: Keras3.Initializer, session: KerasSession) {
    self.initializer = initializer
    self.session = session
  }

  var typeName: String { initializer.className }
  var repr: String { "<\(initializer.className) object>" }
  var attributeNames: [String] { ["seed"] }

  static let callSignature = Signature("__call__(shape, dtype=None)")

  func attribute(_ name: String) throws -> Value? {
    guard name == "seed" else { return nil }
    switch initializer.seed {
    case .none: return Value.none
    case .int(let s): return .int(PythonInt(s))
    case .generator(let g): return .object(KerasSeedGeneratorObject(g, session: session))
    }
  }

  func call(_ arguments: Arguments) throws -> Value {
    let args = try Self.callSignature.bind(arguments)
    let shape = try args.kerasShape("shape")
    let dtype = try args.kerasDType("dtype")
    return session.array(try args.framework { try initializer(shape, dtype: dtype, state: &session.state) })
  }
}
