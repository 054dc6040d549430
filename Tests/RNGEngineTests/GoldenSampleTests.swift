import Foundation
import PythonSubset
import RNGEngine
import TestSupport
import Testing

/// Runs every golden case under fixtures/reference through the same code
/// path as `rngdiff sample --json` and compares each output bit for bit with
/// what the real library printed.
@Suite struct GoldenSampleCases {
  static let files = Fixtures.goldenFiles()

  /// A golden seed as the Python literal `--seed` takes.
  static func seedText(_ seed: ExactJSON) -> String? {
    switch seed {
    case .null: return nil
    case .number(let n): return n
    case .bool(let b): return b ? "True" : "False"
    case .string(let s):
      return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    case .array(let items): return "[" + items.compactMap(seedText).joined(separator: ", ") + "]"
    case .object: return nil
    }
  }

  @Test(arguments: files)
  func everyCaseMatchesTheRealLibrary(path: String) throws {
    let golden = try GoldenFile.load(path)
    let name = URL(fileURLWithPath: path).lastPathComponent
    // Only files in golden.py's format are sample cases (others hold digests or checksums,
    // or say so with a "format" of their own, such as tensorflow_digests.jsonl).
    guard golden.header["golden"]?.int == 1, golden.header["format"] == nil else { return }
    for (index, goldenCase) in golden.cases.enumerated() {
      guard let frameworkName = goldenCase["framework"]?.string,
        let framework = SampleFrameworkName(rawValue: frameworkName)
      else {
        Issue.record("\(name) case \(index): unknown framework")
        continue
      }
      guard SampleFrameworks.available.contains(framework) else { continue }
      let calls = (goldenCase["calls"]?.array ?? []).compactMap(\.string)
      var options: [String: String] = [:]
      if case .object(let pairs)? = goldenCase["config"] {
        for (k, v) in pairs {
          switch v {
          case .bool(let b): options[k] = b ? "true" : "false"
          case .number(let n): options[k] = n
          case .string(let s): options[k] = s
          default: break
          }
        }
      }
      let backend = goldenCase["backend"]?.string.flatMap(KerasBackend.init(rawValue:))
      let context = "\(name) case \(index): \(frameworkName) seed \(Self.seedText(goldenCase["seed"] ?? .null) ?? "none") calls \(calls.joined(separator: "; "))"
      let outputs: [SampleOutput]
      do {
        outputs = try SampleSession.run(
          framework: framework, seed: Self.seedText(goldenCase["seed"] ?? .null), backend: backend,
          calls: calls.joined(separator: "; "), options: options)
      } catch {
        Issue.record("\(context): \(error)")
        continue
      }
      let expected = goldenCase["outputs"]?.array ?? []
      guard outputs.count == expected.count else {
        Issue.record("\(context): \(outputs.count) outputs, expected \(expected.count)")
        continue
      }
      for (output, want) in zip(outputs, expected) {
        #expect(output.call == want["call"]?.int, "\(context)")
        #expect(output.expression == want["expr"]?.string, "\(context)")
        #expect(output.name == want["name"]?.string, "\(context)")
        #expect(output.tensor.dtype.rawValue == want["dtype"]?.string, "\(context) output \(output.expression)")
        #expect(output.tensor.shape == (want["shape"]?.array ?? []).compactMap(\.int), "\(context) output \(output.expression)")
        let mismatch = Self.firstMismatch(output.tensor, want["values"]?.array ?? [])
        #expect(mismatch == nil, "\(context) output \(output.expression): \(mismatch ?? "")")
      }
    }
  }

  /// The first element that differs, described; nil when all are equal bit for bit.
  static func firstMismatch(_ tensor: Tensor, _ values: [ExactJSON]) -> String? {
    guard tensor.count == values.count else { return "\(tensor.count) values, expected \(values.count)" }
    let texts = values.map { v -> String in
      switch v {
      case .bool(let b): return b ? "true" : "false"
      case .number(let n): return n
      default: return "?"
      }
    }
    switch tensor.storage {
    case .float(let v):
      for (i, x) in v.enumerated() {
        guard let want = Double(texts[i]) else { return "element \(i): unreadable \(texts[i])" }
        let got = Double(x)
        if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
          return "element \(i): got \(PythonFloat.repr(got)), expected \(texts[i])"
        }
      }
    case .double(let v):
      for (i, got) in v.enumerated() {
        guard let want = Double(texts[i]) else { return "element \(i): unreadable \(texts[i])" }
        if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
          return "element \(i): got \(PythonFloat.repr(got)), expected \(texts[i])"
        }
      }
    case .int(let v):
      for (i, got) in v.enumerated() where String(got) != texts[i] { return "element \(i): got \(got), expected \(texts[i])" }
    case .unsigned(let v):
      for (i, got) in v.enumerated() where String(got) != texts[i] { return "element \(i): got \(got), expected \(texts[i])" }
    case .big(let v):
      for (i, got) in v.enumerated() where got.description != texts[i] { return "element \(i): got \(got), expected \(texts[i])" }
    case .bool(let v):
      for (i, got) in v.enumerated() where (got ? "true" : "false") != texts[i] { return "element \(i): got \(got), expected \(texts[i])" }
    }
    return nil
  }
}
