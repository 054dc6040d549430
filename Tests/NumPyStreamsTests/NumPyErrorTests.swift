import NumPyStreams
import RNGStreams
import Testing

/// Inputs NumPy rejects throw FrameworkError with NumPy's own message
/// (messages recorded from NumPy 2.4.6).
@Suite struct NumPyErrorTests {
  func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as FrameworkError {
      return error.message
    } catch {
      return "\(error)"
    }
  }

  @Test func legacyMessages() throws {
    var rs = try RandomState(seed: 0)
    let cases: [(String, () throws -> Void)] = [
      ("Seed must be between 0 and 2**32 - 1", { try rs.seed(-1) }),
      ("Seed must be between 0 and 2**32 - 1", { try rs.seed(1 << 32) }),
      ("Seed must be non-empty", { try rs.seed(array: []) }),
      ("Seed must be between 0 and 2**32 - 1", { try rs.seed(array: [1, -1]) }),
      ("low >= high", { _ = try rs.randint(low: 5, high: 5, count: 1) }),
      ("high <= 0", { _ = try rs.randint(low: 0, count: 1) }),
      ("low is out of bounds for uint8", { _ = try rs.randint(low: -1, high: 5, count: 1, dtype: .uint8) }),
      ("high is out of bounds for uint8", { _ = try rs.randint(low: 0, high: 300, count: 1, dtype: .uint8) }),
      ("low is out of bounds for int64", { _ = try rs.randint(low: -(1 << 63) - 1, high: 0, count: 1) }),
      ("high is out of bounds for int64", { _ = try rs.randint(low: 0, high: (1 << 63) + 1, count: 1) }),
      ("scale < 0", { _ = try rs.normal(loc: 0, scale: -1, count: 1) }),
      ("scale < 0", { _ = try rs.normal(loc: 0, scale: -0.0, count: 1) }),
      ("Range exceeds valid bounds", { _ = try rs.uniform(low: 0, high: .infinity, count: 1) }),
      ("a must be greater than 0 unless no samples are taken", { _ = try rs.choice(.range(0), count: 3) }),
      ("'a' cannot be empty unless no samples are taken", { _ = try rs.choice(.array(count: 0), count: 3) }),
      ("Cannot take a larger sample than population when 'replace=False'", {
        _ = try rs.choice(.range(5), count: 6, replace: false)
      }),
      ("'a' and 'p' must have same size", { _ = try rs.choice(.range(5), count: 3, p: [0.5, 0.5]) }),
      ("probabilities contain NaN", { _ = try rs.choice(.range(2), count: 1, p: [.nan, 0.5]) }),
      ("probabilities are not non-negative", { _ = try rs.choice(.range(2), count: 1, p: [-0.5, 1.5]) }),
      ("probabilities do not sum to 1", { _ = try rs.choice(.range(2), count: 1, p: [0.5, 0.6]) }),
      ("Fewer non-zero entries in p than size", {
        _ = try rs.choice(.range(3), count: 2, replace: false, p: [1, 0, 0])
      }),
    ]
    for (expected, body) in cases { #expect(message(body) == expected) }
    // An empty size returns before the bounds are checked, as in NumPy.
    #expect(try rs.randint(low: 5, high: 5, count: 0) == .int64([]))
    #expect(message { _ = try rs.random(count: -1) } == "negative dimensions are not allowed")
    var g = try NumPyGenerator(seed: 1)
    #expect(message { _ = try g.standardNormal(count: -2, dtype: .float32) } == "negative dimensions are not allowed")
  }

  @Test func generatorMessages() throws {
    var g = try NumPyGenerator(seed: 0)
    let cases: [(String, () throws -> Void)] = [
      ("expected non-negative integer", { _ = try NumPyGenerator(seed: -1) }),
      ("low >= high", { _ = try g.integers(low: 5, high: 5, count: 1) }),
      ("high < 0", { _ = try g.integers(low: 0, high: -1, count: 1, endpoint: true) }),
      ("low > high", { _ = try g.integers(low: 5, high: 4, count: 1, endpoint: true) }),
      ("high <= 0", { _ = try g.integers(low: 0, count: 1) }),
      ("high is out of bounds for uint64", { _ = try g.integers(low: 0, high: (1 << 64) + 1, count: 1, dtype: .uint64) }),
      ("high - low < 0", { _ = try g.uniform(low: 1, high: 0, count: 1) }),
      ("high - low range exceeds valid bounds", { _ = try g.uniform(low: 0, high: .infinity, count: 1) }),
      ("scale < 0", { _ = try g.normal(loc: 0, scale: -1, count: 1) }),
      ("a must be a positive integer unless no samples are taken", { _ = try g.choice(.range(0), count: 3) }),
      ("a cannot be empty unless no samples are taken", { _ = try g.choice(.array(count: 0), count: 3) }),
      ("Cannot take a larger sample than population when replace is False", {
        _ = try g.choice(.range(5), count: 6, replace: false)
      }),
      ("a and p must have same size", { _ = try g.choice(.range(5), count: 3, p: [0.5, 0.5]) }),
      ("Probabilities contain NaN", { _ = try g.choice(.range(2), count: 1, p: [.nan, 0.5]) }),
      ("Probabilities are not non-negative", { _ = try g.choice(.range(2), count: 1, p: [-0.5, 1.5]) }),
      ("Probabilities do not sum to 1. See Notes section of docstring for more information.", {
        _ = try g.choice(.range(2), count: 1, p: [0.5, 0.6])
      }),
      ("Fewer non-zero entries in p than size", { _ = try g.choice(.range(3), count: 2, replace: false, p: [1, 0, 0]) }),
    ]
    for (expected, body) in cases { #expect(message(body) == expected) }
  }

  @Test func stateRoundTrip() throws {
    var rs = try RandomState(seed: 7)
    _ = try rs.randn(count: 1)
    let saved = rs.getState()
    let next = try rs.randn(count: 5)
    try rs.setState(saved)
    #expect(try rs.randn(count: 5) == next)
    #expect(throws: FrameworkError.self) { try rs.setState(.init(key: [1, 2], position: 0)) }
  }
}
