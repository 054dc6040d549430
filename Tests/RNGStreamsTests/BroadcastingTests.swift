import RNGStreams
import Testing

@Suite("Broadcasting a noise shape")
struct BroadcastingTests {
  @Test("each element of the large shape reads the small shape's element at its broadcast position")
  func indices() throws {
    // NumPy: np.broadcast_to(np.arange(k).reshape(small), shape).ravel()
    let cases: [(small: [Int], shape: [Int], expected: [Int])] = [
      ([1, 3], [2, 3], [0, 1, 2, 0, 1, 2]),
      ([2, 1], [2, 3], [0, 0, 0, 1, 1, 1]),
      ([3], [2, 3], [0, 1, 2, 0, 1, 2]),
      ([], [2, 2], [0, 0, 0, 0]),
      ([2, 1, 2], [2, 2, 2], [0, 1, 0, 1, 2, 3, 2, 3]),
      ([2, 3], [2, 3], [0, 1, 2, 3, 4, 5]),
    ]
    for c in cases {
      let map = try #require(Broadcasting.index(from: c.small, to: c.shape), "\(c.small) → \(c.shape)")
      #expect((0..<c.expected.count).map(map) == c.expected, "\(c.small) → \(c.shape)")
    }
  }

  @Test("a shape that does not broadcast gives nil")
  func refusals() {
    #expect(Broadcasting.index(from: [3], to: [2, 2]) == nil)
    #expect(Broadcasting.index(from: [2, 2, 2], to: [2, 2]) == nil)
    #expect(!Broadcasting.fits([2], to: [3]))
    #expect(Broadcasting.fits([1], to: [3]))
  }
}
