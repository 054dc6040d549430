/// A name and the value it had, as text: a distribution parameter
/// (`loc` = `"0.0"`), a seed-derivation input (`global_seed` = `"1234"`), a
/// configuration setting (`torch` = `"2.15.0"`).
///
/// Values are kept as the text the framework prints (Python's `repr`), so a
/// trace never loses precision and never needs to know the value's type.
///
/// ```swift
/// let scale = NamedValue("scale", "1.0")
/// scale.name   // "scale"
/// ```
public struct NamedValue: Sendable, Hashable, Codable {
  /// The parameter, input or setting name.
  public var name: String
  /// Its value as text.
  public var value: String

  /// A name and its value as text.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

extension Array where Element == NamedValue {
  /// The value of the first entry called `name`, if any.
  ///
  /// ```swift
  /// [NamedValue("loc", "0.0")]["loc"]   // "0.0"
  /// ```
  public subscript(name: String) -> String? {
    first(where: { $0.name == name })?.value
  }
}
