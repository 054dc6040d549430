import PythonSubset
import RNGStreams
import TensorFlowStreams

/// The arguments of the stateless ops that carry a dtype or an algorithm:
/// a seed tensor (`split` returns seeds of its dtype) and `alg=`.
///
/// ```swift
/// let (seed, dtype) = try args.tfSeedTensor("seed")   // [1, 2] → ([1, 2], .int32)
/// let alg = try args.tfAlgorithm("alg")               // 1 → "philox"
/// ```
extension BoundArguments {
  /// A stateless seed with the dtype `tf.convert_to_tensor` gives it:
  /// int32 when every element fits, else int64, or the tensor's own dtype.
  /// The length is checked by the op (`seed must have shape [2]`).
  func tfSeedTensor(_ name: String) throws -> (seed: [Int64], dtype: TensorFlowDType) {
    let tensor = try tfTensor(name)
    switch tensor.values {
    case .int32(let v): return (v.map(Int64.init), .int32)
    case .int64(let v): return (v, .int64)
    default:
      throw error(name, "\(signature.name)() argument '\(name)' must be an int32 or int64 seed such as [1, 2], got a \(tensor.dtype.rawValue) tensor")
    }
  }

  /// `alg=`: a name (`'philox'`, `'auto_select'`, `'threefry'`) or the
  /// `tf.random.Algorithm` value (1 Philox, 2 ThreeFry, 3 auto-select),
  /// returned as the name; nil when absent or None.
  func tfAlgorithm(_ name: String) throws -> String? {
    guard let v = value(name), !v.isNone else { return nil }
    switch v {
    case .string(let s): return s
    case .int(let i):
      switch i.int {
      case 1: return "philox"
      case 2: return "threefry"
      case 3: return "auto_select"
      default: throw error(name, "Unsupported algorithm id: \(i).")
      }
    default:
      throw error(name, "\(signature.name)() argument '\(name)' must be 'philox', 'auto_select', 'threefry' or their ids 1, 3, 2, got \(v.typeName) \(v.repr)")
    }
  }
}
