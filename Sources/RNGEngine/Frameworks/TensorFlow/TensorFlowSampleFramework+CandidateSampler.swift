import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// The candidate samplers: `uniform_candidate_sampler`,
  /// `log_uniform_candidate_sampler`, `learned_unigram_candidate_sampler`,
  /// `fixed_unigram_candidate_sampler` (with `unigrams=`; a `vocab_file` is
  /// refused) and `all_candidate_sampler`, each returning the tuple
  /// `(sampled_candidates, true_expected_count, sampled_expected_count)`.
  ///
  /// ```sh
  /// rngdiff sample tensorflow --seed 1 'uniform_candidate_sampler([[1, 2]], 2, 5, True, 10)'
  /// ```
  ///
  /// `names` picks which to define: `tf.random` has all five, TensorFlow 2's
  /// `tf.nn` only the last three.
  static func defineCandidateSamplers(in ns: Namespace, _ process: TensorFlowProcess, names: Set<String>? = nil) {
    let common = "true_classes, num_true, num_sampled, unique"
    let signatures: [(RandomOpType, String)] = [
      (.uniformCandidateSampler, "\(common), range_max, seed=None, name=None"),
      (.logUniformCandidateSampler, "\(common), range_max, seed=None, name=None"),
      (.learnedUnigramCandidateSampler, "\(common), range_max, seed=None, name=None"),
      (.fixedUnigramCandidateSampler,
       "\(common), range_max, vocab_file='', distortion=1.0, num_reserved_ids=0, num_shards=1, shard=0, unigrams=(), seed=None, name=None"),
      (.allCandidateSampler, "\(common), seed=None, name=None"),
    ]
    for (op, parameters) in signatures where names?.contains(op.pythonName) ?? true {
      ns.define("\(op.pythonName)(\(parameters))") { args in
        let trueClasses = try args.tfTensor("true_classes", dtype: .int64)
        guard case .int64(let classes) = trueClasses.values else {
          throw args.error("true_classes", "\(op.pythonName)() argument 'true_classes' must be an int64 tensor")
        }
        let numTrue = try args.candidateInt("num_true")
        let numSampled = try args.candidateInt("num_sampled")
        guard case .bool(let unique) = args.value("unique") ?? .none else {
          throw args.error("unique", "Expected bool for argument 'unique' not \((args.value("unique") ?? .none).repr).")
        }
        let rangeMax = op == .allCandidateSampler ? Int64(numSampled) : Int64(try args.candidateInt("range_max"))
        var fixed: FixedUnigramAttributes?
        if op == .fixedUnigramCandidateSampler {
          if let file = try args.string("vocab_file"), !file.isEmpty {
            throw args.error("vocab_file", "fixed_unigram_candidate_sampler() with a vocab_file is not emulated: rngdiff reads no files; pass the counts as unigrams=[...]")
          }
          let unigrams = args.isGiven("unigrams") ? try args.tfTensor("unigrams", dtype: .float32) : TensorFlowTensor(.float32([]), shape: [0])
          guard unigrams.shape.count <= 1 else {
            throw args.error("unigrams", "fixed_unigram_candidate_sampler() argument 'unigrams' must be a list of floats")
          }
          fixed = FixedUnigramAttributes(
            unigrams: unigrams.values.doubles.map { Float($0) }, distortion: Float(try args.double("distortion") ?? 1),
            numReservedIds: try args.candidateInt("num_reserved_ids", default: 0),
            numShards: try args.candidateInt("num_shards", default: 1), shard: try args.candidateInt("shard", default: 0))
        }
        let seed = try args.tfOpSeed("seed")
        let result = try args.framework {
          try process.eager.candidateSampler(
            op, trueClasses: classes, trueShape: trueClasses.shape, numTrue: numTrue, numSampled: numSampled,
            unique: unique, rangeMax: rangeMax, fixed: fixed, seed: seed)
        }
        return .tuple([
          TensorFlowTensor(.int64(result.candidates), shape: [numSampled]).value,
          TensorFlowTensor(.float32(result.trueExpectedCounts), shape: trueClasses.shape).value,
          TensorFlowTensor(.float32(result.sampledExpectedCounts), shape: [numSampled]).value,
        ])
      }
    }
  }
}

extension BoundArguments {
  /// An int attribute of a candidate sampler (`num_true`, `range_max`, …).
  /// Their minimum of 1 is checked where the op is built, after `get_seed`.
  fileprivate func candidateInt(_ name: String, default fallback: Int? = nil) throws -> Int {
    guard let value = try intValue(name) ?? (isGiven(name) ? nil : fallback) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be an int, got None")
    }
    return value
  }
}
