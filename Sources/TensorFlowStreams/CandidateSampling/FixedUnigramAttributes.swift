import RNGStreams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The attributes of `tf.random.fixed_unigram_candidate_sampler` that shape
/// its distribution: `unigrams`, `distortion`, `num_reserved_ids`,
/// `num_shards`, `shard` (a `vocab_file` is not emulated).
///
/// ```swift
/// let a = FixedUnigramAttributes(unigrams: [1, 2, 3], distortion: 0.75)
/// try a.sampler(rangeMax: 3)   // weights powf(w, 0.75)
/// ```
///
/// The weights are built as TensorFlow does: `num_reserved_ids` zero
/// weights (those of this shard), then each unigram of this shard raised to
/// `distortion` with `powf`, their float sum the total. Quirk kept: the ids
/// of the unigrams are counted from the number of reserved ids *kept* in
/// this shard, not from `num_reserved_ids`.
public struct FixedUnigramAttributes: Sendable, Hashable {
  public var unigrams: [Float]
  public var distortion: Float
  public var numReservedIds: Int
  public var numShards: Int
  public var shard: Int

  public init(unigrams: [Float], distortion: Float = 1, numReservedIds: Int = 0, numShards: Int = 1, shard: Int = 0) {
    self.unigrams = unigrams
    self.distortion = distortion
    self.numReservedIds = numReservedIds
    self.numShards = numShards
    self.shard = shard
  }

  /// The kernel-key text of these attributes: all of them, the unigrams
  /// named by their count and an FNV-1a hash of their bits when there are
  /// more than 8.
  var keyText: String {
    var list = unigrams.map { "\($0)" }.joined(separator: ",")
    if unigrams.count > 8 {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for w in unigrams {
        h ^= UInt64(w.bitPattern)
        h = h &* 0x100_0000_01b3
      }
      list = "\(unigrams.count) values, fnv1a \(String(h, radix: 16))"
    }
    return "distortion=\(distortion),num_reserved_ids=\(numReservedIds),num_shards=\(numShards),shard=\(shard),unigrams=[\(list)]"
  }

  /// The sampler over [0, rangeMax).
  ///
  /// - Throws: ``FrameworkError`` with TensorFlow's message when no
  ///   unigrams are given or their count (with the reserved ids) is not
  ///   `rangeMax`; and for what is not emulated: a shard outside
  ///   [0, num_shards), or weights whose distorted values are negative, not
  ///   finite, or all zero (TensorFlow's alias table is undefined for them).
  func sampler(rangeMax: Int64) throws -> CandidateSampler {
    guard !unigrams.isEmpty else {
      throw FrameworkError("Must provide either vocab_file or unigrams.", parameter: "unigrams")
    }
    guard numShards >= 1 else {
      throw FrameworkError("Value for attr 'num_shards' of \(numShards) must be at least minimum 1", parameter: "num_shards")
    }
    guard shard >= 0 && shard < numShards else {
      throw FrameworkError("fixed_unigram_candidate_sampler with shard \(shard) outside [0, num_shards=\(numShards)) is not emulated", parameter: "shard")
    }
    var weights: [Float] = []
    if numReservedIds > 0 {
      for id in 0..<numReservedIds where id % numShards == shard { weights.append(0) }
    }
    var total: Float = 0
    var id = weights.count
    for w in unigrams {
      if id % numShards == shard {
        let distorted = powf(w, distortion)
        total += distorted
        weights.append(distorted)
      }
      id += 1
    }
    guard rangeMax == Int64(weights.count) else {
      throw FrameworkError("range is \(rangeMax) must be equal to weights size  \(weights.count)", parameter: "range_max")
    }
    guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), total > 0, total.isFinite else {
      throw FrameworkError(
        "fixed_unigram_candidate_sampler needs finite, non-negative unigrams (after distortion) that are not all zero; TensorFlow's alias table is undefined otherwise, so it is not emulated",
        parameter: "unigrams")
    }
    return .fixedUnigram(weights: weights, total: total, table: UnigramAliasTable(weights: weights))
  }
}
