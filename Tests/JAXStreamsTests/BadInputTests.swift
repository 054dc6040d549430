import JAXStreams
import RNGStreams
import Testing

/// Inputs JAX rejects throw one clear sentence instead of crashing.
@Suite struct JAXBadInputTests {
  let random = JAXRandom()

  func expectError(_ fragment: String, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("expected an error mentioning \(fragment)")
    } catch let error as FrameworkError {
      #expect(error.message.contains(fragment), "\(error.message)")
      #expect(error.message.hasSuffix("."), "\(error.message)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func seedsAndFoldInData() throws {
    expectError("signed 64-bit") { _ = try random.key(UInt64.max) }
    expectError("signed 64-bit") { _ = try random.prngKey(UInt64(Int64.max) + 1) }
    #expect(try random.key(Int64.min).data == [0, 0])
    let key = try random.key(0)
    expectError("uint32") { _ = try random.foldIn(key, -1) }
    expectError("uint32") { _ = try random.foldIn(key, Int64(1) << 32) }
    expectError("2 uint32 words") { _ = try random.wrapKeyData([1, 2, 3]) }
  }

  @Test func shapesAndDtypes() throws {
    let key = try random.key(0)
    expectError("non-negative") { _ = try random.uniform(key, shape: [3, -1]) }
    expectError("non-negative") { _ = try random.split(key, num: -1) }
    expectError("more than") { _ = try random.bits(key, shape: [1 << 20, 1 << 20]) }
    expectError("more than") { _ = try random.normal(key, shape: [Int.max, 2]) }
    expectError("unsigned int dtype") { _ = try random.bits(key, dtype: .int32) }
    expectError("float dtype") { _ = try random.uniform(key, dtype: .uint8) }
    expectError("float dtype") { _ = try random.normal(key, dtype: .int64) }
    expectError("floating dtype") { _ = try random.bernoulli(key, p: 0.5, dtype: .int32) }
    expectError("float32 only") { _ = try random.truncatedNormal(key, lower: -1, upper: 1, dtype: .float16) }
    expectError("integer dtypes") { _ = try random.randint(key, shape: [2], minval: 0, maxval: 3, dtype: .float32) }
  }

  @Test func integerBoundsAndChoice() throws {
    let key = try random.key(0)
    expectError("int32") { _ = try random.randint(key, shape: [2], minval: 0, maxval: 1 << 31) }
    let x64 = JAXRandom(config: JAXConfig(enableX64: true))
    #expect(try x64.randint(key, shape: [2], minval: 0, maxval: 1 << 31).count == 2)
    expectError("greater than 0") { _ = try random.choice(key, 0, shape: [2]) }
    expectError("larger sample") { _ = try random.choice(key, 3, shape: [4], replace: false) }
    expectError("p must be None") { _ = try random.choice(key, 3, shape: [2], p: [0.5, 0.5]) }
    expectError("1-dimensional") {
      _ = try random.permutation(key, .float32([1]), shape: [])
    }
    #expect(try random.choice(key, 0, shape: [0]).count == 0)
    expectError("more than") { _ = try random.choice(key, Int.max, shape: [2], replace: false) }
    expectError("int32") { _ = try random.choice(key, Int(Int32.max) + 1, shape: [2]) }
    let malformed = DrawnValues.float32([1, 2])
    expectError("does not match") { _ = try random.permutation(key, malformed, shape: [3]) }
    expectError("does not match") { _ = try random.choice(key, malformed, arrayShape: [3], shape: [1]) }
  }
}
