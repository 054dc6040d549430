/// The CPython release whose `random` module a run follows, when releases
/// disagree on a call's result, signature or error.
///
/// rngdiff follows CPython 3.11 unless told otherwise (`rngdiff sample
/// python --config python_version=3.12`). The differences that matter:
///
/// | call | 3.9 | 3.10 | 3.11 | 3.12 | 3.13 |
/// |---|---|---|---|---|---|
/// | `paretovariate(a)` | `1 / u ** (1/a)` | `u ** (-1/a)` | same | same | same |
/// | `binomialvariate(n, p)` | — | — | — | new | same |
/// | `expovariate()` without `lambd` | error | error | error | `lambd=1.0` | same |
/// | `gauss()`, `normalvariate()` without arguments | error | error | `mu=0, sigma=1` | same | same |
/// | `randrange(2.0)` (integral float) | accepted | accepted, warns | accepted, warns | `TypeError` | same |
/// | `shuffle(x, random=f)` | accepted | accepted, warns | removed | removed | removed |
///
/// ```swift
/// PythonVersion("3.12")     // 3.12
/// PythonVersion("3.12.1")   // 3.12 (the patch level changes nothing here)
/// PythonVersion("3.8")      // nil: not a profile rngdiff has
/// ```
public struct PythonVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The minor version: 11 for CPython 3.11.
  public let minor: Int

  /// The releases rngdiff has a profile for, oldest first.
  public static let supported: [PythonVersion] = (9...13).map { PythonVersion(minor: $0) }

  /// CPython 3.11, the profile a run follows without `--config python_version`.
  public static let `default` = PythonVersion(minor: 11)

  init(minor: Int) { self.minor = minor }

  /// `"3.X"` or `"3.X.Y"` for a supported `X`; nil otherwise.
  public init?(_ text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count), parts[0] == "3", let minor = Int(parts[1]),
      parts.dropFirst(2).allSatisfy({ Int($0) != nil }),
      Self.supported.contains(PythonVersion(minor: minor))
    else { return nil }
    self.minor = minor
  }

  /// `"3.11"`.
  public var description: String { "3.\(minor)" }

  /// Whether this release has what `3.minor` introduced.
  public func isAtLeast(_ minor: Int) -> Bool { self.minor >= minor }

  public static func < (lhs: PythonVersion, rhs: PythonVersion) -> Bool { lhs.minor < rhs.minor }
}
