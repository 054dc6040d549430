import RNGDigest

/// One of the two Python programs a scenario stands for: the script the user
/// would have written, kept as text so the trace can point at its lines.
///
/// The scenario's Swift code runs what the program says, statement by
/// statement, against the emulated frameworks; ``source(_:)`` turns a
/// fragment of a statement into the `file:line` the trace records, so the
/// lines in the trace always agree with the text shown to the user.
///
/// ```swift
/// let program = ScenarioProgram(path: "a.py", text: """
///   import torch
///   torch.manual_seed(16)
///   """)
/// program.line("manual_seed")        // 2
/// program.source("manual_seed")      // "a.py:2"
/// ```
///
/// Edge cases: a fragment must name exactly one line; anything else is a
/// mistake in the scenario itself and stops the program (`precondition`),
/// which the scenario tests catch.
public struct ScenarioProgram: Sendable, Hashable {
  /// The file name shown in traces and reports (`a.py`, `train.py`).
  public var path: String
  /// The program's text, ending with a newline.
  public var text: String
  /// How the program is run, when that matters (`python train.py --seed 42`).
  public var command: String?

  /// A program from its text; a final newline is added when missing.
  public init(path: String, text: String, command: String? = nil) {
    self.path = path
    self.text = text.hasSuffix("\n") ? text : text + "\n"
    self.command = command
  }

  /// The lines of the program, without their newlines.
  public var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }

  /// The 1-based number of the one line containing `fragment` (when
  /// several do, the one line that starts with it, indentation aside).
  public func line(_ fragment: String) -> Int {
    var hits = lines.indices.filter { lines[$0].contains(fragment) }
    if hits.count > 1 {
      hits = hits.filter { lines[$0].drop { $0 == " " }.hasPrefix(fragment) }
    }
    precondition(hits.count == 1, "\(path): '\(fragment)' is on \(hits.count) lines, expected exactly one")
    return hits[0] + 1
  }

  /// `path:line` of the one line containing `fragment`.
  public func source(_ fragment: String) -> String { "\(path):\(line(fragment))" }

  /// SHA-256 of the program's UTF-8 bytes, as the trace header records it.
  public var sha256: String { SHA256.hex(Array(text.utf8)) }
}
