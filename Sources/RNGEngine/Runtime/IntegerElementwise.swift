import PythonSubset

/// One element of integer (or bool) array arithmetic, as NumPy's and
/// PyTorch's int64 kernels compute it: wrapping `+ - *`, floor division and
/// modulo with the divisor's sign, and powers by squaring.
///
/// ```swift
/// try IntegerElementwise.combine(.floorDivide, -7, 2, bool: false)  // -4
/// try IntegerElementwise.combine(.add, 1, 1, bool: true)            // 1 (logical or)
/// ```
///
/// The libraries differ only at the edges, so those are thrown for the
/// caller to word: a zero divisor (NumPy warns and gives 0, PyTorch raises
/// `ZeroDivisionError`) and a negative power (NumPy's `ValueError`,
/// PyTorch's `RuntimeError`). An operator other than these gives nil.
enum IntegerElementwise {
  enum Edge: Error { case zeroDivisor, negativePower }

  static func combine(_ op: BinaryOperator, _ p: Int64, _ q: Int64, bool: Bool) throws(Edge) -> Int64? {
    switch op {
    case .add: return bool ? ((p | q) != 0 ? 1 : 0) : p &+ q
    case .subtract: return p &- q
    case .multiply: return bool ? ((p & q) != 0 ? 1 : 0) : p &* q
    case .floorDivide, .modulo:
      guard q != 0 else { throw .zeroDivisor }
      // Wrapping, as the C kernels do: Int64.min // -1 is Int64.min, not a trap.
      var quotient = p.dividedReportingOverflow(by: q).partialValue, rest = p.remainderReportingOverflow(dividingBy: q).partialValue
      if rest != 0 && ((rest < 0) != (q < 0)) { quotient -= 1; rest += q }
      return op == .floorDivide ? quotient : rest
    case .power:
      guard q >= 0 else { throw .negativePower }
      var value: Int64 = 1, base = p, e = q
      while e > 0 {
        if e & 1 == 1 { value = value &* base }
        base = base &* base
        e >>= 1
      }
      return value
    default: return nil
    }
  }
}
