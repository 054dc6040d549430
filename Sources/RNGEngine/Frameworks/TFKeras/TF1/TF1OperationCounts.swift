/// How many ops each construct adds to a TensorFlow 1.x graph in
/// `--profile tf1-keras`: the engine's own count, made the way TF 1.x's
/// Python wrappers create ops (constants for shapes and bounds, the random
/// op, its arithmetic, a variable's `VariableV2`/`Assign`/`read`), but not
/// TF 1.x's exact numbers — TF 1.x cannot be installed next to the pinned
/// frameworks, and its real ids also count name scopes' helpers, shape
/// assertions and Keras bookkeeping this count leaves out.
///
/// What the profile emulates is the *mechanism*: a seedless random op's op
/// seed is the id of the last op created before it, so anything that adds
/// ops earlier moves it. docs/frameworks/tf-keras.md lists these counts.
///
/// ```swift
/// TF1OperationCounts.variable(.uniform)   // (beforeSeed: 3, afterSeed: 7)
/// ```
enum TF1OperationCounts {
  /// An initializer's distribution, for its op count.
  enum Distribution { case uniform, truncatedNormal, constant }

  /// A model's input placeholder (`Input`, `input_shape=`, or the data at `fit`).
  static let inputPlaceholder = 1
  /// A variable made by an initializer: the ops before its random op takes
  /// its seed (`shape`, `min`/`max` or `mean`/`stddev` constants), and the
  /// ops after (the random op and its arithmetic, then `VariableV2`,
  /// `Assign`, `read`). A constant initializer draws nothing: one constant
  /// and the three variable ops, all "after".
  static func variable(_ distribution: Distribution) -> (beforeSeed: Int, afterSeed: Int) {
    switch distribution {
    case .uniform: return (3, 4 + 3)  // RandomUniform, sub, mul, add
    case .truncatedNormal: return (3, 3 + 3)  // TruncatedNormal, mul, add
    case .constant: return (0, 1 + 3)
    }
  }
  /// A Dense layer's call: `MatMul`, `BiasAdd` when it has a bias, and its activation.
  static func denseCall(bias: Bool, activation: Bool) -> Int { 1 + (bias ? 1 : 0) + (activation ? 1 : 0) }
  /// Keras's learning-phase placeholder, made by the graph's first Dropout (`Const`, `PlaceholderWithDefault`).
  static let learningPhase = 2
  /// A Dropout's call: the `cond` on the learning phase (`Switch`,
  /// `switch_t`, `switch_f`, `pred_id`), then `tf.nn.dropout`'s `keep_prob`,
  /// `Shape`, `min` and `max` before the seed.
  static let dropoutBeforeSeed = 4 + 4
  /// After the seed: `RandomUniform`, `sub`, `mul`, `add`, the `add` of
  /// `keep_prob`, `Floor`, `RealDiv`, `mul`, then the `cond`'s `Identity` and `Merge`.
  static let dropoutAfterSeed = 8 + 2
  /// An optimizer's variable (`iterations`, `lr`, …): `Const`, `VariableV2`, `Assign`, `read`.
  static let optimizerVariable = 4
  /// The variables Keras's `SGD()` makes when `compile(optimizer='sgd')` creates it:
  /// `iterations`, `lr`, `momentum`, `decay`.
  static let sgdVariables = 4
}
