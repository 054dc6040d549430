/// Where the HTML page finds the text of the script lines a trace points
/// at (a draw's `source` is `path:line`; the header names the script and
/// its SHA-256).
///
/// A script is looked for, in order, among the texts given here (the
/// scripts `rngdiff compare` just ran), at its path when it is absolute,
/// next to the trace (``folderA``/``folderB``), and in the current
/// directory. The header's script is shown only when its SHA-256 matches
/// the header's; another file (a module the script imported) is shown when
/// found, with a note that its hash is not checked.
///
/// ```swift
/// var options = HTMLOptions()
/// options.scripts.folderA = "runs/monday"        // a.trace's folder
/// options.scripts.folderB = "runs/tuesday"
/// options.scripts.textsA["train.py"] = trainText  // a script at hand
/// ```
///
/// Edge cases: nothing set still finds scripts in the current directory; a
/// text given here for the header's script is hash-checked like a file.
public struct ScriptLookup: Sendable {
  /// The folder of run a's trace (nil for standard input or memory).
  public var folderA: String?
  /// The folder of run b's trace.
  public var folderB: String?
  /// Script texts at hand for run a, by the path its trace names.
  public var textsA: [String: String] = [:]
  /// Script texts at hand for run b, by the path its trace names.
  public var textsB: [String: String] = [:]

  /// Nothing at hand: scripts are looked for in the current directory and
  /// at absolute paths.
  public init() {}
}
