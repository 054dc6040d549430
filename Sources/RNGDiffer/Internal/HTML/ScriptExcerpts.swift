#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGDigest
import RNGTrace

/// A script line a trace points at, as the page shows it: the location,
/// the line with one line of context either side when the script's text can
/// be trusted, and otherwise a note saying why there is no text.
struct ScriptExcerpt: Equatable {
  /// `path:line` as the trace has it.
  var location: String
  /// The lines shown (number, text); empty when there is no text.
  var lines: [(number: Int, text: String)]
  /// The line the location names.
  var line: Int?
  /// Why the text is missing, or what to keep in mind about it.
  var note: String?

  static func == (l: ScriptExcerpt, r: ScriptExcerpt) -> Bool {
    l.location == r.location && l.line == r.line && l.note == r.note
      && l.lines.map(\.number) == r.lines.map(\.number) && l.lines.map(\.text) == r.lines.map(\.text)
  }
}

/// Finds the text of the script lines one run's trace points at, reading
/// each file once.
///
/// ```swift
/// let scripts = ScriptExcerpts(header: report.a.header, folder: "runs", texts: [:])
/// scripts.excerpt("train.py:12")
/// // location "train.py:12", lines 11–13 when runs/train.py (or ./train.py)
/// // hashes to the header's sha256; otherwise a note and no lines
/// ```
///
/// Edge cases: a location that is not `path:line` is shown as it is; a
/// line past the end of the file gets a note; files over 16 MiB, folders
/// and unreadable files count as not found; text that is not UTF-8 is
/// decoded with replacement characters (the hash is of the bytes).
final class ScriptExcerpts {
  /// Files over this size are not read.
  static let maxBytes = 16 << 20

  let script: SourceScript?
  let folder: String?
  let texts: [String: String]
  private var files: [String: Loaded] = [:]

  /// A file's lines, or why there are none.
  enum Loaded {
    case lines([Substring], checked: Bool)
    case missing(String)
  }

  init(header: RunHeader, folder: String?, texts: [String: String]) {
    self.script = header.source
    self.folder = folder
    self.texts = texts
  }

  /// The excerpt for a `path:line` location.
  func excerpt(_ location: String) -> ScriptExcerpt {
    var out = ScriptExcerpt(location: location, lines: [], line: nil, note: nil)
    guard let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...]), line >= 1 else {
      return out
    }
    let path = String(location[..<colon])
    out.line = line
    switch load(path) {
    case .missing(let why):
      out.note = why
    case .lines(let lines, let checked):
      guard line <= lines.count else {
        out.note = "\(path) has \(lines.count) line\(lines.count == 1 ? "" : "s"), not \(line)"
        return out
      }
      let range = max(1, line - 1)...min(lines.count, line + 1)
      out.lines = range.map { ($0, String(lines[$0 - 1])) }
      if !checked { out.note = "\(path) is not the trace's script, so its hash is not checked: the text is the file's as it is now" }
    }
    return out
  }

  private func load(_ path: String) -> Loaded {
    if let known = files[path] { return known }
    let loaded = find(path)
    files[path] = loaded
    return loaded
  }

  private func find(_ path: String) -> Loaded {
    let isScript = script?.path == path
    var bytes: [UInt8]?
    if let text = texts[path] {
      bytes = Array(text.utf8)
    } else {
      var candidates: [String] = []
      if path.hasPrefix("/") {
        candidates = [path]
      } else {
        if let folder, !folder.isEmpty { candidates.append(folder.hasSuffix("/") ? folder + path : folder + "/" + path) }
        candidates.append(path)
      }
      for c in candidates {
        if let b = Self.contents(of: c) {
          bytes = b
          break
        }
      }
    }
    guard let bytes else {
      let place = path.hasPrefix("/") ? "" : " next to the trace or in the current directory"
      return .missing("\(path) was not found\(place), so only the location is shown")
    }
    if isScript, let script {
      guard SHA256.hex(bytes) == script.sha256.lowercased() else {
        return .missing("\(path) has changed since the run (its SHA-256 is not the trace's), so only the location is shown")
      }
    }
    var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return .lines(lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }, checked: isScript)
  }

  /// A regular file's bytes, or nil when it is missing, not a regular file,
  /// too large or unreadable.
  static func contents(of path: String) -> [UInt8]? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= maxBytes else { return nil }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 { return nil }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > maxBytes { return nil }
    }
    return out
  }
}
