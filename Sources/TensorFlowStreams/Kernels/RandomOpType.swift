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
    }
  }
}
