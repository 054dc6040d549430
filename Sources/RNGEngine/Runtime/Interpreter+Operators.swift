import Foundation
import PythonSubset

/// Python's arithmetic and comparison on ints, floats, strings and
/// sequences. Arrays have no operators in the subset yet.
extension Interpreter {
  /// A number operand: int (bools count) or float.
  enum Number {
    case int(PythonInt)
    case float(Double)

    init?(_ v: Value) {
      switch v {
      case .int(let i): self = .int(i)
      case .bool(let b): self = .int(PythonInt(b ? 1 : 0))
      case .float(let d): self = .float(d)
      default: return nil
      }
    }

    var double: Double? {
      switch self {
      case .int(let i): return i.double
      case .float(let d): return d
      }
    }
  }

  func unary(_ op: UnaryOperator, _ v: Value, _ range: SourceRange) throws -> Value {
    if op == .not { return .bool(!(try Truth.of(v, at: range))) }
    if let result = try NumPyArithmetic.unary(op, v, at: range) { return result }
    if op == .negate, TorchArithmetic.tensor(v) != nil, let result = try TorchArithmetic.binary(.multiply, v, .int(PythonInt(-1)), at: range) {
      if case .object(let made as ArrayObject) = result, let node = made.autograd as? TorchTape.Node { node.name = "NegBackward0" }
      return result
    }
    if op == .negate, let result = try JAXArrays.negate(v, at: range) { return result }
    guard let n = Number(v) else {
      throw EvaluationError("bad operand type for unary \(op.rawValue): '\(v.typeName)'", at: range, type: "TypeError")
    }
    switch (op, n) {
    case (.negate, .int(let i)): return .int(-i)
    case (.negate, .float(let d)): return .float(-d)
    case (.plus, .int(let i)): return .int(i)
    case (.plus, .float(let d)): return .float(d)
    case (.invert, .int(let i)): return .int(i.inverted)
    default: throw EvaluationError("bad operand type for unary \(op.rawValue): '\(v.typeName)'", at: range, type: "TypeError")
    }
  }

  func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange) throws -> Value {
    if op == .modulo, case .string(let template) = l {
      do {
        return .string(try FormatSpec.percent(template, r, str: str))
      } catch var e as EvaluationError {
        if e.range == nil { e.range = range }
        throw e
      }
    }
    if let a = Number(l), let b = Number(r) {
      return try arithmetic(op, a, b, range)
    }
    if let result = try TorchArithmetic.binary(op, l, r, at: range) { return result }
    if let result = try JAXArrays.binary(op, l, r, at: range) { return result }
    if let result = try NumPyArithmetic.binary(op, l, r, at: range) { return result }
    if op == .multiply, let size = Self.repeatedSize(l, r), size > Self.maximumMaterializedItems {
      throw EvaluationError(
        "a repeated sequence of \(size) items is too large to hold in the engine (at most \(Self.maximumMaterializedItems))",
        at: range, type: "MemoryError")
    }
    switch (op, l, r) {
    case (.add, .string(let a), .string(let b)): return .string(a + b)
    case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
    case (.multiply, .string(let s), .int(let n)), (.multiply, .int(let n), .string(let s)):
      return .string(String(repeating: s, count: max(0, n.int ?? 0)))
    case (.multiply, .tuple(let t), .int(let n)), (.multiply, .int(let n), .tuple(let t)):
      return .tuple(Array(repeating: t, count: max(0, n.int ?? 0)).flatMap { $0 })
    default: break
    }
    if case .object(let a) = l, let la = a as? ListObject {
      if op == .add, case .object(let b) = r, let lb = b as? ListObject { return .object(ListObject(la.elements + lb.elements)) }
      if op == .multiply, case .int(let n) = r {
        return .object(ListObject(Array(repeating: la.elements, count: max(0, n.int ?? 0)).flatMap { $0 }))
      }
    }
    throw EvaluationError(
      "unsupported operand type(s) for \(op.rawValue): '\(l.typeName)' and '\(r.typeName)'", at: range, type: "TypeError")
  }

  func arithmetic(_ op: BinaryOperator, _ a: Number, _ b: Number, _ range: SourceRange) throws -> Value {
    if case .int(let x) = a, case .int(let y) = b {
      switch op {
      case .add: return .int(x + y)
      case .subtract: return .int(x - y)
      case .multiply: return .int(x * y)
      case .floorDivide:
        do { return .int(try x.floorDivided(by: y)) } catch { throw EvaluationError("integer division or modulo by zero", at: range, type: "ZeroDivisionError") }
      case .modulo:
        do { return .int(try x.modulo(y)) } catch { throw EvaluationError("integer division or modulo by zero", at: range, type: "ZeroDivisionError") }
      case .divide:
        if y.isZero { throw EvaluationError("division by zero", at: range, type: "ZeroDivisionError") }
        guard let dx = x.double, let dy = y.double else { throw EvaluationError("integer division result too large for a float", at: range, type: "OverflowError") }
        return .float(dx / dy)
      case .power:
        if y.isNegative {
          guard let dx = x.double, let dy = y.double else { throw EvaluationError("power result too large", at: range, type: "OverflowError") }
          if dx == 0 { throw EvaluationError("0.0 cannot be raised to a negative power", at: range, type: "ZeroDivisionError") }
          return .float(Foundation.pow(dx, dy))
        }
        guard let e = y.int, x.bitLength * e <= 1_000_000 || x.bitLength <= 1 else {
          throw EvaluationError("power result too large", at: range, type: "OverflowError")
        }
        return .int(x.power(e))
      case .shiftLeft, .shiftRight:
        if y.isNegative { throw EvaluationError("negative shift count", at: range, type: "ValueError") }
        guard let n = y.int, n <= 1_000_000 else { throw EvaluationError("shift count too large", at: range, type: "OverflowError") }
        return .int(op == .shiftLeft ? x.shiftedLeft(n) : x.shiftedRight(n))
      case .bitAnd: return .int(x.bitwise(.and, y))
      case .bitOr: return .int(x.bitwise(.or, y))
      case .bitXor: return .int(x.bitwise(.xor, y))
      case .matrixMultiply: break
      }
      throw EvaluationError("unsupported operand types for \(op.rawValue): 'int' and 'int'", at: range)
    }
    guard let x = a.double, let y = b.double else {
      throw EvaluationError("int too large to convert to float", at: range, type: "OverflowError")
    }
    switch op {
    case .add: return .float(x + y)
    case .subtract: return .float(x - y)
    case .multiply: return .float(x * y)
    case .divide:
      if y == 0 { throw EvaluationError("float division by zero", at: range, type: "ZeroDivisionError") }
      return .float(x / y)
    case .floorDivide, .modulo:
      if y == 0 { throw EvaluationError("float modulo by zero", at: range, type: "ZeroDivisionError") }
      let (floorDiv, mod) = PythonFloat.divmod(x, y)
      return .float(op == .modulo ? mod : floorDiv)
    case .power:
      if x == 0 && y < 0 { throw EvaluationError("0.0 cannot be raised to a negative power", at: range, type: "ZeroDivisionError") }
      if x < 0 && y != y.rounded() { throw EvaluationError("negative number cannot be raised to a fractional power", at: range) }
      return .float(Foundation.pow(x, y))
    default:
      throw EvaluationError("unsupported operand types for \(op.rawValue): 'float'", at: range)
    }
  }

  func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value, _ range: SourceRange) throws -> Bool {
    if ![.is, .isNot, .in, .notIn].contains(op),
      NumPyArithmetic.isArray(l) || NumPyArithmetic.isArray(r) || TorchArithmetic.tensor(l) != nil || TorchArithmetic.tensor(r) != nil
    {
      throw EvaluationError(
        "The truth value of an array comparison is ambiguous here (a chained comparison); compare once and use the boolean array",
        at: range, type: "ValueError")
    }
    switch op {
    case .is, .isNot:
      let same: Bool
      switch (l, r) {
      case (.none, .none): same = true
      case (.bool(let a), .bool(let b)): same = a == b
      case (.object(let a), .object(let b)): same = a === b
      default: same = false
      }
      return op == .is ? same : !same
    case .in, .notIn:
      let items: [Value]
      if case .string(let s) = r, case .string(let sub) = l {
        return (op == .in) == s.contains(sub)
      }
      if case .object(let o) = r, let set = o as? SetObject {
        // A hash lookup: no iteration, so the set's order plays no part.
        return (op == .in) == set.contains(l)
      }
      if case .object(let o) = r, let dict = o as? DictObject {
        items = dict.entries.map(\.key)
      } else {
        items = try iterate(r, at: range)
      }
      let found = try items.contains { try equal(l, $0) }
      return op == .in ? found : !found
    case .equal: return try equal(l, r)
    case .notEqual: return try !equal(l, r)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      let order: Int
      if let a = Number(l), let b = Number(r) {
        order = Self.order(a, b)
      } else if case .string(let a) = l, case .string(let b) = r {
        order = a < b ? -1 : (a == b ? 0 : 1)
      } else if let a = Self.sequenceItems(l), let b = Self.sequenceItems(r), Self.sameSequenceKind(l, r) {
        // Sequences compare item by item; the first unequal pair decides, else the shorter is less.
        for (x, y) in zip(a, b) where try !equal(x, y) {
          return try compare(op, x, y, range)
        }
        order = a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
      } else {
        throw EvaluationError(
          "'\(op.rawValue)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'", at: range, type: "TypeError")
      }
      switch op {
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      default: return order >= 0
      }
    }
  }

  /// The length `sequence * n` would have, for a sequence and an int in either order.
  static func repeatedSize(_ l: Value, _ r: Value) -> Int? {
    func length(_ v: Value) -> Int? {
      switch v {
      case .string(let s): return s.utf8.count
      case .tuple(let t): return t.count
      case .object(let o as ListObject): return o.elements.count
      default: return nil
      }
    }
    func times(_ v: Value) -> Int? {
      guard case .int(let n) = v else { return nil }
      return n.int ?? Int.max
    }
    if let a = length(l), let n = times(r) { return n <= 0 || a == 0 ? 0 : (a > Int.max / n ? Int.max : a * n) }
    if let a = length(r), let n = times(l) { return n <= 0 || a == 0 ? 0 : (a > Int.max / n ? Int.max : a * n) }
    return nil
  }

  static func sequenceItems(_ v: Value) -> [Value]? {
    switch v {
    case .tuple(let items): return items
    case .object(let o as ListObject): return o.elements
    default: return nil
    }
  }

  static func sameSequenceKind(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.tuple, .tuple): return true
    case (.object(let x), .object(let y)): return x is ListObject && y is ListObject
    default: return false
    }
  }

  static func order(_ a: Number, _ b: Number) -> Int {
    if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
    let x = a.double ?? .nan, y = b.double ?? .nan
    return x < y ? -1 : (x == y ? 0 : 1)
  }

  func equal(_ l: Value, _ r: Value) throws -> Bool {
    if let a = Number(l), let b = Number(r) { return Self.order(a, b) == 0 }
    switch (l, r) {
    case (.none, .none): return true
    case (.string(let a), .string(let b)): return a == b
    case (.bytes(let a), .bytes(let b)): return a == b
    case (.dtype(let a), .dtype(let b)): return a == b
    case (.tuple(let a), .tuple(let b)):
      guard a.count == b.count else { return false }
      for (x, y) in zip(a, b) where try !equal(x, y) { return false }
      return true
    case (.object(let a), .object(let b)):
      if a === b { return true }
      if let la = a as? ListObject, let lb = b as? ListObject {
        return try equal(.tuple(la.elements), .tuple(lb.elements))
      }
      if let sa = a as? SetObject, let sb = b as? SetObject { return sa.hasSameMembers(as: sb) }
      return false
    default: return false
    }
  }
}
