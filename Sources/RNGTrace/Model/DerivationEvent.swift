/// One seed computed from other seeds: a TensorFlow op seed from the global
/// seed and the op counter, a Keras initializer seed drawn from Python's
/// `random`, a JAX key split.
///
/// ```swift
/// DerivationEvent(rule: "tf.get_seed",
///                 inputs: [NamedValue("global_seed", "1234"), NamedValue("op_seed", "None"),
///                          NamedValue("op_counter", "5")],
///                 result: "(1234, 5)", stream: "op5",
///                 consumer: Consumer("model/dropout", role: "mask"), source: "a.py:9")
/// ```
///
/// A derivation with several results (`jax.random.split(key, 3)`) names
/// the streams its results key in ``streams``, in order, and the stream it
/// split in ``parent``:
///
/// ```swift
/// DerivationEvent(rule: "jax.random.split", inputs: [NamedValue("key", "key(0,0)"), NamedValue("num", "3")],
///                 result: "[key(…), key(…), key(…)]", streams: ["k1", "k2", "k3"], parent: "k0")
/// ```
///
/// Edge cases: ``stream`` is nil when the derived seed keys no stream of
/// its own (it may be used as a plain integer); ``streams`` is empty then
/// too. ``parent`` is nil when the inputs are not another stream's state.
public struct DerivationEvent: Sendable, Hashable {
  /// Position in execution order, when the producer numbers every event.
  public var seq: UInt64?
  /// A documented rule name (`tf.get_seed`, `keras.make_default_seed`, `jax.split`).
  public var rule: String
  /// The inputs of the rule, by name, as text.
  public var inputs: [NamedValue]
  /// The derived seed, as text.
  public var result: String
  /// The id of the stream the derived seed keys, when it keys one.
  public var stream: String?

  /// Every stream the derivation keys: ``stream`` and ``streams``, without repeats.
  public var keyedStreams: [String] {
    var out: [String] = []
    for id in (stream.map { [$0] } ?? []) + streams where !out.contains(id) { out.append(id) }
    return out
  }
  /// The ids of the streams the results key, in order, when there are
  /// several (a split); empty otherwise.
  public var streams: [String]
  /// The id of the stream whose state the inputs are (the key a split
  /// splits), when they are one.
  public var parent: String?
  /// What asked for the seed, when known.
  public var consumer: Consumer?
  /// `file:line` in the user's script.
  public var source: String?

  /// Creates the value from its fields.
  public init(
    seq: UInt64? = nil, rule: String, inputs: [NamedValue], result: String, stream: String? = nil,
    streams: [String] = [], parent: String? = nil, consumer: Consumer? = nil, source: String? = nil
  ) {
    self.streams = streams
    self.parent = parent
    self.seq = seq
    self.rule = rule
    self.inputs = inputs
    self.result = result
    self.stream = stream
    self.consumer = consumer
    self.source = source
  }
}

/// What asked for a draw: a path and a role.
///
/// The path names the object in the user's program (`model_1/dense_1/kernel`,
/// `dropout_2`, `fit/epoch_1`); the role says what the draw was for
/// (`init`, `mask`, `shuffle`). Together they are the key the differ aligns
/// two traces on.
///
/// ```swift
/// Consumer("model_1/dense_1/kernel", role: "init").description   // "model_1/dense_1/kernel (init)"
/// ```
public struct Consumer: Sendable, Hashable, CustomStringConvertible {
  /// The path as written.
  public var path: String
  /// What the draw was for: `init`, `mask`, `shuffle`.
  public var role: String

  /// Creates the value from its fields.
  public init(_ path: String, role: String) {
    self.path = path
    self.role = role
  }

  /// The text form.
  public var description: String { role.isEmpty ? path : "\(path) (\(role))" }

  /// Roles that belong to the input pipeline rather than to the model:
  /// `shuffle`, `sample`, `augment`, `order`, `split`.
  public static let dataRoles: Set<String> = ["shuffle", "sample", "augment", "order", "split"]

  /// Whether the role is one of ``dataRoles``.
  public var isDataRole: Bool { Consumer.dataRoles.contains(role) }
}
