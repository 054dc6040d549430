/// The stateful TensorFlow random ops rngdiff emulates, by their op type
/// name. Each eager kernel instance is one op type.
///
/// ```swift
/// RandomOpType.randomUniform.rawValue   // "RandomUniform"
/// ```
public enum RandomOpType: String, Sendable, Hashable, CaseIterable {
  /// `tf.random.uniform` for float dtypes (and `tf.nn.dropout`'s noise).
  case randomUniform = "RandomUniform"
  /// `tf.random.uniform` for int32 / int64.
  case randomUniformInt = "RandomUniformInt"
  /// `tf.random.normal`.
  case randomStandardNormal = "RandomStandardNormal"
  /// `tf.random.truncated_normal`.
  case truncatedNormal = "TruncatedNormal"
  /// `tf.random.shuffle`.
  case randomShuffle = "RandomShuffle"
  /// `tf.random.categorical`.
  case multinomial = "Multinomial"
  /// `tf.random.gamma`.
  case randomGamma = "RandomGamma"
  /// `tf.random.poisson`.
  case randomPoissonV2 = "RandomPoissonV2"
  /// `tf.random.uniform_candidate_sampler`.
  case uniformCandidateSampler = "UniformCandidateSampler"
  /// `tf.random.log_uniform_candidate_sampler`.
  case logUniformCandidateSampler = "LogUniformCandidateSampler"
  /// `tf.random.learned_unigram_candidate_sampler`.
  case learnedUnigramCandidateSampler = "LearnedUnigramCandidateSampler"
  /// `tf.random.fixed_unigram_candidate_sampler`.
  case fixedUnigramCandidateSampler = "FixedUnigramCandidateSampler"
  /// `tf.random.all_candidate_sampler`.
  case allCandidateSampler = "AllCandidateSampler"

  /// The distribution in rngdiff's neutral words.
  public var distribution: String {
    switch self {
    case .randomUniform: return "uniform"
    case .randomUniformInt: return "integers"
    case .randomStandardNormal: return "normal"
    case .truncatedNormal: return "truncated_normal"
    case .randomShuffle: return "permutation"
    case .multinomial: return "categorical"
    case .randomGamma: return "gamma"
    case .randomPoissonV2: return "poisson"
    case .uniformCandidateSampler: return "uniform_candidates"
    case .logUniformCandidateSampler: return "log_uniform_candidates"
    case .learnedUnigramCandidateSampler: return "learned_unigram_candidates"
    case .fixedUnigramCandidateSampler: return "fixed_unigram_candidates"
    case .allCandidateSampler: return "all_candidates"
    }
  }
}

extension RandomOpType {
  /// The Python function of a candidate sampler op (`uniform_candidate_sampler`).
  public var pythonName: String {
    switch self {
    case .uniformCandidateSampler: return "uniform_candidate_sampler"
    case .logUniformCandidateSampler: return "log_uniform_candidate_sampler"
    case .learnedUnigramCandidateSampler: return "learned_unigram_candidate_sampler"
    case .fixedUnigramCandidateSampler: return "fixed_unigram_candidate_sampler"
    case .allCandidateSampler: return "all_candidate_sampler"
    default: return rawValue
    }
  }
}
