import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `tf.random.experimental.index_shuffle(index, seed, max_index)`: the
  /// position of each index in the permutation of `[0, max_index]` that
  /// `seed` fixes. `index` and `max_index` are ints or int32/int64/uint32/
  /// uint64 scalars or vectors of one dtype; the result has `index`'s dtype,
  /// and is a vector when either is.
  ///
  /// ```sh
  /// rngdiff sample tensorflow 'experimental.index_shuffle([0, 1, 2, 3], seed=[5, 9], max_index=3)'
  /// ```
  static func defineIndexShuffle(in experimental: Namespace) {
    experimental.define("index_shuffle(index, seed, max_index)") { args in
      let seed = try args.tfSeedPair("seed")
      // One dtype for both, as TensorFlow infers its attribute T from the tensors first.
      let indexFirst = Self.isTensor(args.value("index")) || !Self.isTensor(args.value("max_index"))
      let index: TensorFlowTensor
      let maxIndex: TensorFlowTensor
      if indexFirst {
        index = try args.tfTensor("index")
        maxIndex = try args.tfTensor("max_index", dtype: index.dtype)
      } else {
        maxIndex = try args.tfTensor("max_index")
        index = try args.tfTensor("index", dtype: maxIndex.dtype)
      }
      for (name, tensor) in [("index", index), ("max_index", maxIndex)] where tensor.shape.count > 1 {
        throw args.error(name, "index_shuffle() argument '\(name)' must be a scalar or a vector, got shape \(tensor.shape)")
      }
      guard index.dtype == maxIndex.dtype, let indices = Self.bitPatterns(index.values), let bounds = Self.bitPatterns(maxIndex.values) else {
        throw args.error("index", "index_shuffle() needs index and max_index of one dtype among int32, int64, uint32, uint64, got \(index.dtype) and \(maxIndex.dtype)")
      }
      if let negative = index.values.integers?.first(where: { $0 < 0 }), index.dtype == .int32 || index.dtype == .int64 {
        throw args.error("index", "index must be >= 0 but was \(negative)")
      }
      let shuffled = try args.framework { try StatelessRandomOps.indexShuffle(indices, seed: seed, maxIndex: bounds) }
      let shape = index.shape.isEmpty && maxIndex.shape.isEmpty ? [] : [shuffled.count]
      let values: DrawnValues
      switch index.values {
      case .int32: values = .int32(shuffled.map { Int32(truncatingIfNeeded: $0) })
      case .uint32: values = .uint32(shuffled.map { UInt32(truncatingIfNeeded: $0) })
      case .uint64: values = .uint64(shuffled)
      default: values = .int64(shuffled.map { Int64(bitPattern: $0) })
      }
      return TensorFlowTensor(values, shape: shape).value
    }
  }

  private static func isTensor(_ value: Value?) -> Bool {
    if case .object(let o)? = value, o is ArrayObject { return true }
    return false
  }

  /// `static_cast<uint64_t>` of each element (negative ints sign-extend).
  private static func bitPatterns(_ values: DrawnValues) -> [UInt64]? {
    switch values {
    case .int32(let v): return v.map { UInt64(bitPattern: Int64($0)) }
    case .int64(let v): return v.map { UInt64(bitPattern: $0) }
    case .uint32(let v): return v.map { UInt64($0) }
    case .uint64(let v): return v
    default: return nil
    }
  }
}
