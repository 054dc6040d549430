import Testing
@testable import RNGEngine

/// The integer kernel NumPy's and PyTorch's int64 arithmetic share: Python's
/// floor-division and modulo signs, wrapping products, the two edges thrown.
@Suite struct IntegerElementwiseTests {
  @Test func floorDivisionAndModuloFollowTheDivisorsSign() throws {
    // Python (and NumPy, PyTorch): -7 // 2 == -4, -7 % 2 == 1, 7 % -2 == -1, 7 // -2 == -4.
    #expect(try IntegerElementwise.combine(.floorDivide, -7, 2, bool: false) == -4)
    #expect(try IntegerElementwise.combine(.modulo, -7, 2, bool: false) == 1)
    #expect(try IntegerElementwise.combine(.modulo, 7, -2, bool: false) == -1)
    #expect(try IntegerElementwise.combine(.floorDivide, 7, -2, bool: false) == -4)
    #expect(try IntegerElementwise.combine(.floorDivide, 6, 3, bool: false) == 2)
  }

  @Test func wrapsAsTheCKernelsDoInsteadOfTrapping() throws {
    // np.array([-2**63]) // -1 and 2**62 * 4 wrap in int64.
    #expect(try IntegerElementwise.combine(.floorDivide, .min, -1, bool: false) == .min)
    #expect(try IntegerElementwise.combine(.modulo, .min, -1, bool: false) == 0)
    #expect(try IntegerElementwise.combine(.multiply, 1 << 62, 4, bool: false) == 0)
    #expect(try IntegerElementwise.combine(.power, 3, 4, bool: false) == 81)
    #expect(try IntegerElementwise.combine(.power, 2, 64, bool: false) == 0)
  }

  @Test func boolAddAndMultiplyAreOrAndAnd() throws {
    #expect(try IntegerElementwise.combine(.add, 1, 1, bool: true) == 1)
    #expect(try IntegerElementwise.combine(.add, 1, 1, bool: false) == 2)
    #expect(try IntegerElementwise.combine(.multiply, 1, 0, bool: true) == 0)
  }

  @Test func theEdgesAreLeftToTheCaller() {
    #expect(throws: IntegerElementwise.Edge.zeroDivisor) { try IntegerElementwise.combine(.modulo, 1, 0, bool: false) }
    #expect(throws: IntegerElementwise.Edge.negativePower) { try IntegerElementwise.combine(.power, 2, -1, bool: false) }
  }
}
