import RNGStreams
import Testing
@testable import TorchStreams

/// Inputs PyTorch rejects throw one FrameworkError, and leave the generator untouched.
@Suite struct ErrorTests {
  typealias Call = @Sendable (inout TorchGenerator) throws -> Any

  static let rejected: [(String, String, Call)] = [
    ("negative dimension", "negative dimension -1", { try $0.rand([-1]) }),
    ("int randn", "not implemented for 'Long'", { try $0.randn([3], dtype: .int64) }),
    ("int rand", "not implemented for 'Long'", { try $0.rand([3], dtype: .int64) }),
    ("from > to", "[from, to) range, but found from=2 > to=1", { try $0.uniform_([3], from: 2, to: 1) }),
    ("from below float", "from is out of bounds for float", { try $0.uniform_([3], from: -1e39, to: 1) }),
    ("to NaN", "to is out of bounds", { try $0.uniform_([3], from: 0, to: .nan) }),
    ("span overflow", "to=3e+38 and from=-3e+38", { try $0.uniform_([3], from: -3e38, to: 3e38) }),
    ("negative std", "normal expects std >= 0.0, but found std -1", { try $0.normal_([3], std: -1) }),
    ("NaN std", "found std nan", { try $0.normal_([3], std: .nan) }),
    ("p > 1", "bernoulli_ expects p to be in [0, 1], but got p=1.5", { try $0.bernoulli_([3], p: 1.5) }),
    ("dropout p", "dropout probability has to be between 0 and 1, but got 1.5",
     { try $0.dropout(.float32([1, 1]), shape: [2], p: 1.5) }),
    ("dropout int", "not implemented", { try $0.dropout(.int64([1, 1]), shape: [2], p: 0.5) }),
    ("randint empty range", "but got from=5 >= to=5", { try $0.randint(5, 5, [3]) }),
    ("randint uint8", "from is out of bounds for unsigned char", { try $0.randint(-1, 200, [3], dtype: .uint8) }),
    ("randint int32", "to - 1 is out of bounds for int", { try $0.randint(0, 1 << 32, [3], dtype: .int32) }),
    ("randint float bounds", "but got from=33554436 >= to=33554435",
     { try $0.randint((1 << 25) + 1, (1 << 25) + 3, [3], dtype: .float32) }),
    ("randperm negative", "n must be non-negative, got-1", { try $0.randperm(-1) }),
    ("randperm int8", "without overflow", { try $0.randperm(300, dtype: .int8) }),
    ("randperm float", "n cannot be greater than 2^24+1 for Float type.", { try $0.randperm((1 << 24) + 2, dtype: .float32) }),
    ("randperm bool", "not implemented for 'Bool'", { try $0.randperm(3, dtype: .bool) }),
    ("kaiming 1-D", "fewer than 2 dimensions", { try $0.kaimingUniform_([5]) }),
    ("xavier zero fans", "float division by zero", { try $0.xavierUniform_([0, 0]) }),
    ("conv groups", "in_channels must be divisible by groups", { try $0.conv(3, 4, kernelSize: [3], groups: 2) }),
    ("conv groups 0", "groups must be a positive integer", { try $0.conv(3, 4, kernelSize: [3], groups: 0) }),
    ("huge fans", "too large to compute", { try $0.conv(0, 4, kernelSize: [1 << 40, 1 << 40]) }),
    ("huge tensor", "more than the", { try $0.rand([1 << 20, 1 << 20]) }),
    ("overflowing shape", "too many elements", { try $0.rand([Int.max, 3]) }),
  ]

  @Test(arguments: 0..<rejected.count)
  func rejectedInputsThrowAndDrawNothing(index: Int) throws {
    let (label, fragment, call) = Self.rejected[index]
    var g = try TorchGenerator(seed: 0)
    let log = DrawLog()
    g.observer = log
    do {
      _ = try call(&g)
      Issue.record("\(label): no error")
    } catch let error as FrameworkError {
      #expect(error.message.contains(fragment), "\(label): \(error.message)")
    }
    #expect(g.wordsDrawn == 0 && log.draws.isEmpty, "\(label) drew words")
  }

  @Test func cppNumberFormattingMatchesTorchMessages() {
    #expect(cppDescription(2) == "2")
    #expect(cppDescription(0.5) == "0.5")
    #expect(cppDescription(3e38) == "3e+38")
    #expect(cppDescription(-1e-3) == "-0.001")
    #expect(cppDescription(.nan) == "nan")
  }
}
