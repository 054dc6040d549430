/// A classic "same seed, different result" report reproduced by committed
/// Python scripts in `fixtures/scripts/classic/<name>/`, which the real
/// libraries and `rngdiff run` both execute, and diagnosed by one
/// `rngdiff compare` command.
///
/// ```swift
/// let missing = ClassicCatalog.named("missing-draw")!
/// missing.compareArguments
/// // ["compare", "fixtures/scripts/classic/missing-draw/a.py",
/// //  "fixtures/scripts/classic/missing-draw/b.py", "--entropy-seed", "1"]
/// missing.kind        // "missing-draw"
/// missing.consumer    // "dropout" (role "seed")
/// ```
///
/// Edge cases: a case compared with `--models` has no trace pair (the
/// command diffs two models of one run), so its ``fixture`` is nil; a case
/// whose runs must agree has the kind `identical` and no consumer.
public struct ClassicCase: Sendable {
  /// The case's name: its folder under `fixtures/scripts/classic/`
  /// (`missing-draw`), unless ``folderName`` names another case's folder.
  public let name: String
  /// The folder under `fixtures/scripts/classic/` holding the scripts.
  public let folderName: String
  /// One line: what happens.
  public let title: String
  /// The report it is modelled on (`report 001`), or nil.
  public let reference: String?
  /// The story in a few sentences of Markdown (for the fixture folder's README).
  public let story: String
  /// The scripts, relative to the case folder: two (`a.py`, `b.py`), or one
  /// run twice or holding two models.
  public let scripts: [String]
  /// The `compare` options besides the scripts (`--runs 2`, `--models m1 m2`).
  public let options: [String]
  /// The folder under `fixtures/traces/` whose `a.trace` and `b.trace` are
  /// this command's `--keep` traces, or nil.
  public let fixture: String?
  /// The first diagnosis' kind, or `identical`.
  public let kind: String
  /// Its consumer path (for `--models`, the layer in model a), or nil.
  public let consumer: String?
  /// Its consumer role, or nil.
  public let role: String?
  /// Why the real libraries did not run the scripts (a profile whose
  /// framework cannot be installed next to the pinned ones), or nil when
  /// `expected.json` holds what they printed under the real libraries.
  public let withoutRealRun: String?

  /// A case from its parts.
  public init(
    name: String, folder: String? = nil, title: String, reference: String?, scripts: [String] = ["a.py", "b.py"], options: [String] = [],
    fixture: String?, story: String = "", kind: String, consumer: String?, role: String?, withoutRealRun: String? = nil
  ) {
    self.withoutRealRun = withoutRealRun
    self.name = name
    folderName = folder ?? name
    self.title = title
    self.reference = reference
    self.story = story
    self.scripts = scripts
    self.options = options
    self.fixture = fixture
    self.kind = kind
    self.consumer = consumer
    self.role = role
  }

  /// The case folder, relative to the repository root.
  public var folder: String { "fixtures/scripts/classic/\(folderName)" }

  /// The scripts' paths, relative to the repository root.
  public var scriptPaths: [String] { scripts.map { "\(folder)/\($0)" } }

  /// The stand-in entropy every command of the case runs with, so its traces
  /// are the same bytes on every machine.
  public static let entropySeed = "1"

  /// `rngdiff compare …` for this case, without the program name, run from
  /// the repository root.
  public var compareArguments: [String] {
    ["compare"] + scriptPaths + options + ["--entropy-seed", Self.entropySeed]
  }

  /// The command that (re)writes the fixture pair, or nil without one.
  public var keepCommand: String? {
    fixture.map { "swift run rngdiff \(compareArguments.joined(separator: " ")) --keep fixtures/traces/\($0) --force" }
  }
}
