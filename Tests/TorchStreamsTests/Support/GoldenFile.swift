import Foundation
import TestSupport

/// One golden case of fixtures/reference/torch/*.jsonl (format: fixtures/reference/golden.py).
struct GoldenCase: Decodable {
  let seed: GoldenSeed
  let calls: [String]
  let outputs: [GoldenOutput]
}

/// A seed as Python wrote it: an int in [-2**63, 2**64 - 1], or another value
/// `torch.manual_seed` passes through `int()` first (`1.7`, `"42"`, `true`).
enum GoldenSeed: Decodable, CustomStringConvertible {
  case signed(Int64)
  case unsigned(UInt64)
  case other(String)

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Int64.self) {
      self = .signed(value)
    } else if let value = try? container.decode(UInt64.self) {
      self = .unsigned(value)
    } else if let value = try? container.decode(Bool.self) {
      self = .other(value ? "True" : "False")
    } else if let value = try? container.decode(Double.self) {
      self = .other("\(value)")
    } else {
      self = .other("'\(try container.decode(String.self))'")
    }
  }

  var description: String {
    switch self {
    case .signed(let v): return "\(v)"
    case .unsigned(let v): return "\(v)"
    case .other(let text): return text
    }
  }
}

/// One output of a case: dtype, shape and flat values, decoded by dtype so that
/// float values keep their exact bits (including -0.0).
struct GoldenOutput: Decodable {
  let call: Int
  let expr: String
  let dtype: String
  let shape: [Int]
  let name: String?
  let floats: [Double]
  let integers: [Int64]
  let bools: [Bool]

  private enum Keys: String, CodingKey { case call, expr, dtype, shape, name, values }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    call = try c.decode(Int.self, forKey: .call)
    expr = try c.decode(String.self, forKey: .expr)
    dtype = try c.decode(String.self, forKey: .dtype)
    shape = try c.decode([Int].self, forKey: .shape)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    switch dtype {
    case "float32", "float64":
      floats = try c.decode([Double].self, forKey: .values)
      integers = []
      bools = []
    case "bool":
      bools = try c.decode([Bool].self, forKey: .values)
      floats = []
      integers = []
    case "int":
      // Python ints wider than int64 (`initial_seed()` after `manual_seed(-1)`):
      // only the golden harness reads these.
      floats = []
      integers = []
      bools = []
    default:
      integers = try c.decode([Int64].self, forKey: .values)
      floats = []
      bools = []
    }
  }

  var count: Int { max(floats.count, integers.count, bools.count) }
}

/// The header line of a golden file.
struct GoldenHeader: Decodable {
  let framework: String
  let versions: [String: String?]
}

enum GoldenFile {
  /// Reads `reference/torch/<name>`: the header and every case.
  static func load(_ name: String) throws -> (header: GoldenHeader, cases: [GoldenCase]) {
    let url = Fixtures.url("reference/torch/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let decoder = JSONDecoder()
    guard let first = lines.first else { throw GoldenError.empty(name) }
    let header = try decoder.decode(GoldenHeader.self, from: Data(first.utf8))
    let cases = try lines.dropFirst().map { try decoder.decode(GoldenCase.self, from: Data($0.utf8)) }
    return (header, cases)
  }

  enum GoldenError: Error { case empty(String) }
}
