import Foundation

/// Keeps `repr` of a container that holds itself finite, as CPython does:
/// `x = []; x.append(x)` prints `[[...]]`, a dict `{'a': {...}}`.
///
/// ```swift
/// ReprGuard.render(list, placeholder: "[...]") { "[" + … + "]" }
/// ```
///
/// The containers being rendered are kept per thread, so renders on other
/// threads (tests run in parallel) never see each other's.
enum ReprGuard {
  private final class Active { var ids: Set<ObjectIdentifier> = [] }
  private static let key = "rngdiff.repr-guard"

  static func render(_ object: AnyObject, placeholder: String, _ body: () -> String) -> String {
    let dictionary = Thread.current.threadDictionary
    let active = dictionary[key] as? Active ?? Active()
    dictionary[key] = active
    let id = ObjectIdentifier(object)
    guard !active.ids.contains(id) else { return placeholder }
    active.ids.insert(id)
    defer { active.ids.remove(id) }
    return body()
  }
}
