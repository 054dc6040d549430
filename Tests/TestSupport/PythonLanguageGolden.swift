import Foundation

/// fixtures/reference/python-language/python_language.json, made by CPython
/// (see generate_python_language.py beside it).
public struct PythonLanguageGolden: Decodable, Sendable {
  public var python: String
  public var float_repr: [[String]]
  public var int_ops: [[String]]
  public var int_to_float: [[String]]
  public var expressions: [[String]]

  public static func load() throws -> PythonLanguageGolden {
    let data = try Data(contentsOf: Fixtures.url("reference/python-language/python_language.json"))
    return try JSONDecoder().decode(PythonLanguageGolden.self, from: data)
  }
}
