import PythonSubset

/// Python's `Ellipsis`, the value of `...`: in an array index it stands
/// for every axis the index does not name (`x[..., 0]`).
///
/// ```python
/// x[..., None]   # a new last axis of one element
/// ```
public final class EllipsisObject: PythonObject, Sendable {
  /// The one `Ellipsis`, as in Python.
  public static let shared = EllipsisObject()

  private init() {}

  public var typeName: String { "ellipsis" }
  public var repr: String { "Ellipsis" }
}

extension Value {
  /// Whether this is `...` (`Ellipsis`).
  public var isEllipsis: Bool {
    if case .object(let o) = self { return o === EllipsisObject.shared }
    return false
  }
}
