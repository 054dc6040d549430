import Foundation

/// Looking up golden cases by seed and call, for tests that check one
/// `rngdiff sample` run against what the real library printed.
extension GoldenFile {
  /// `fixtures/reference/<relative>`, loaded.
  public static func reference(_ relative: String) throws -> GoldenFile {
    try load(Fixtures.url("reference/" + relative).path)
  }

  /// The first case seeded with `seed` (a Python literal as `--seed` takes
  /// it: `0`, `[1, 2, 3]`, `'hello'`; nil for an unseeded case) whose first
  /// call is `firstCall` (any first call when nil).
  ///
  /// ```swift
  /// let golden = try GoldenFile.reference("numpy/numpy_uniform.jsonl")
  /// golden.firstCase(seed: "0", firstCall: "random(20)")?["calls"]
  /// ```
  public func firstCase(seed: String?, firstCall: String? = nil) -> ExactJSON? {
    cases.first { goldenCase in
      Self.literal(goldenCase["seed"] ?? .null) == seed
        && (firstCall == nil || goldenCase["calls"]?.array?.first?.string == firstCall)
    }
  }

  /// The calls of a case, in order.
  public static func calls(_ goldenCase: ExactJSON) -> [String] {
    (goldenCase["calls"]?.array ?? []).compactMap(\.string)
  }

  /// The outputs a case printed for its call number `call`.
  public static func outputs(_ goldenCase: ExactJSON, call: Int) -> [ExactJSON] {
    (goldenCase["outputs"]?.array ?? []).filter { $0["call"]?.int == call }
  }

  /// The value texts of one output (numbers as written, `true` / `false`
  /// for bools): what `rngdiff sample` prints one per line, except that it
  /// prints bools as `True` / `False` and NaN as `nan`.
  public static func values(_ output: ExactJSON) -> [String] {
    (output["values"]?.array ?? []).map { value in
      switch value {
      case .number(let n): return n
      case .bool(let b): return b ? "true" : "false"
      default: return "?"
      }
    }
  }

  /// The value texts the first case seeded with `seed` printed for its
  /// first call `call` (which must make one output).
  public func values(seed: String?, firstCall call: String) -> [String] {
    guard let goldenCase = firstCase(seed: seed, firstCall: call), let output = Self.outputs(goldenCase, call: 0).first
    else { return [] }
    return Self.values(output)
  }

  /// A golden seed as a Python literal.
  static func literal(_ seed: ExactJSON) -> String? {
    switch seed {
    case .null: return nil
    case .number(let n): return n
    case .bool(let b): return b ? "True" : "False"
    case .string(let s): return "'" + s + "'"
    case .array(let items): return "[" + items.compactMap(literal).joined(separator: ", ") + "]"
    case .object: return nil
    }
  }
}
