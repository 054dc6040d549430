extension FixtureFiles {
  /// The README of a fixture folder whose traces come from a classic case's
  /// scripts: the story, links to the scripts, the `compare` command and its
  /// diagnosis, and the command that writes the traces.
  ///
  /// ```swift
  /// FixtureFiles.readme(for: ClassicCatalog.named("missing-draw")!)
  /// // "# `missing-draw`: Removing a Dropout layer shifts …"
  /// ```
  ///
  /// Edge case: a case without a fixture folder gets the same text, naming
  /// its case folder instead.
  public static func readme(for c: ClassicCase) -> String {
    let fixture = c.fixture ?? c.name
    var out = "# `\(fixture)`: \(c.title)\n\n"
    if let reference = c.reference { out += "Modelled on \(reference).\n\n" }
    if !c.story.isEmpty { out += c.story + "\n\n" }
    out += "## The scripts\n\n"
    let links = c.scripts.map { "[`\($0)`](../../scripts/classic/\(c.folderName)/\($0))" }
    out += links.count == 1 ? "One script, \(links[0])" : "Two scripts, \(links.joined(separator: " (run a) and ")) (run b)"
    if let why = c.withoutRealRun {
      out += ", written for this project to reproduce the situation. No real library ran them here: " + why
    } else {
      out += """
        , written for this project to reproduce the situation. They run unchanged with the real \
        libraries: what they print there is recorded in `fixtures/scripts/classic/expected.json` \
        (`fixtures/scripts/generate_expected.py classic`), and `rngdiff run` prints the same.
        """
    }
    out += "\n\n## What rngdiff says\n\n```sh\nswift run rngdiff \(c.compareArguments.joined(separator: " "))\n```\n\n"
    out += "**\(c.kind)**"
    if let consumer = c.consumer { out += " at `\(consumer)`" + ((c.role ?? "").isEmpty ? "" : " (\(c.role ?? ""))") }
    out += ". The traces in this folder give the same report: "
    out += "`swift run rngdiff fixtures/traces/\(fixture)/a.trace fixtures/traces/\(fixture)/b.trace`.\n\n"
    out += "## How the traces were made\n\n"
    out += "By the `compare` command above, keeping its two traces:\n\n```sh\n\(c.keepCommand ?? "")\n```\n\n"
    out += """
      `--entropy-seed 1` fixes the stand-in for operating-system entropy (and the string-hash key), \
      so the command writes the same bytes on every machine. The test suite checks that the \
      committed traces are exactly what it writes; `RNGDIFF_UPDATE_EXPECTED=1 swift test --filter \
      ClassicScriptTests` rewrites them (review the diff).

      """
    return out
  }
}
