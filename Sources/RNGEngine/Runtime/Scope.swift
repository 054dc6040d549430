import PythonSubset

/// One namespace of a running script: the module's globals, a function
/// call's locals, or a class body's names.
///
/// Name resolution is Python's LEGB rule: a function's local names are
/// fixed when it is defined (every name it assigns, unless declared
/// `global` or `nonlocal`), so reading one before it is assigned is an
/// `UnboundLocalError`, not a read of an outer name; other names are looked
/// up in the enclosing function calls (closures see their current values),
/// then the module, then the builtins. Class bodies are skipped by the
/// functions defined in them, as in Python.
///
/// ```python
/// def counter():
///     n = 0
///     def bump():
///         nonlocal n
///         n += 1
///         return n
///     return bump
/// ```
final class Scope {
  enum Kind { case module, function, classBody }

  let kind: Kind
  var variables: [String: Value]
  /// The enclosing scope used for names that are not local.
  let parent: Scope?
  /// The names a function assigns (its locals); empty for other kinds.
  let localNames: Set<String>
  let globalNames: Set<String>
  let nonlocalNames: Set<String>
  /// The function running in this scope, for zero-argument `super()`.
  let function: PythonFunction?

  init(
    kind: Kind, variables: [String: Value] = [:], parent: Scope?, localNames: Set<String> = [],
    globalNames: Set<String> = [], nonlocalNames: Set<String> = [], function: PythonFunction? = nil
  ) {
    self.kind = kind
    self.variables = variables
    self.parent = parent
    self.localNames = localNames
    self.globalNames = globalNames
    self.nonlocalNames = nonlocalNames
    self.function = function
  }

  /// The module scope at the root of the chain.
  var module: Scope {
    var s = self
    while let p = s.parent { s = p }
    return s
  }

  /// The nearest enclosing function scope that holds `name` (for `nonlocal`).
  func enclosingFunctionScope(holding name: String) -> Scope? {
    var s = parent
    while let scope = s, scope.kind != .module {
      if scope.kind == .function && (scope.localNames.contains(name) || scope.variables[name] != nil) { return scope }
      s = scope.parent
    }
    return nil
  }
}

/// The names a block of statements binds, as Python's compiler finds them
/// for a function body: assignment and loop targets, `with … as`, `except
/// … as`, imports, `def` and `class` names, `del` targets; without looking
/// inside nested functions, classes, lambdas or comprehensions.
enum BoundNames {
  static func of(_ body: [Statement]) -> (bound: Set<String>, globals: Set<String>, nonlocals: Set<String>) {
    var bound = Set<String>(), globals = Set<String>(), nonlocals = Set<String>()
    func target(_ e: Expression) {
      switch e {
      case .name(let n, _): bound.insert(n)
      case .tuple(let items, _), .list(let items, _): items.forEach(target)
      case .starred(let inner, _): target(inner)
      default: break
      }
    }
    func walk(_ statements: [Statement]) {
      for statement in statements {
        switch statement {
        case .assignment(let targets, _, _): targets.forEach(target)
        case .augmentedAssignment(let t, _, _, _): target(t)
        case .import(let items, _):
          for item in items { bound.insert(item.alias ?? String(item.module.split(separator: ".")[0])) }
        case .fromImport(_, let names, _):
          for item in names ?? [] { bound.insert(item.alias ?? item.name) }
        case .if(let branches, let orElse, _):
          for b in branches { walk(b.body) }
          walk(orElse)
        case .for(let t, _, let body, let orElse, _):
          target(t)
          walk(body)
          walk(orElse)
        case .while(_, let body, let orElse, _):
          walk(body)
          walk(orElse)
        case .functionDefinition(let name, _, _, _, _), .classDefinition(let name, _, _, _, _):
          bound.insert(name)
        case .with(let items, let body, _):
          for item in items { if let t = item.target { target(t) } }
          walk(body)
        case .try(let body, let handlers, let orElse, let finally, _):
          walk(body)
          for h in handlers {
            if let n = h.name { bound.insert(n) }
            walk(h.body)
          }
          walk(orElse)
          walk(finally)
        case .delete(let targets, _): targets.forEach(target)
        case .global(let names, _): globals.formUnion(names)
        case .nonlocal(let names, _): nonlocals.formUnion(names)
        default: break
        }
      }
    }
    walk(body)
    return (bound.subtracting(globals).subtracting(nonlocals), globals, nonlocals)
  }
}
