import JAXStreams
import RNGBits
import RNGStreams
import Testing

/// `rbg` and `unsafe_rbg` keys: their key data, the layout of their bits
/// (XLA's RngBitGenerator on the CPU backend), what they report, and what
/// JAX refuses for them. Their values against JAX itself are in
/// fixtures/reference/jax/jax_rbg.jsonl (GoldenSampleCases).
@Suite struct JAXRBGKeyTests {
  @Test func seedsRepeatThreefrysTwoWords() throws {
    let random = JAXRandom()
    #expect(try random.key(42, impl: .rbg).data == [0, 42, 0, 42])
    #expect(try random.prngKey(-1, impl: .unsafeRBG).data == [0, 0xFFFF_FFFF, 0, 0xFFFF_FFFF])
    let x64 = JAXRandom(config: JAXConfig(enableX64: true))
    #expect(try x64.key(Int64(1) << 32 | 5, impl: .rbg).data == [1, 5, 1, 5])
    #expect(try random.key(1, impl: .rbg).description == "key<rbg>(0,1,0,1)")
    #expect(try random.key(1, impl: .unsafeRBG).description == "key<urbg>(0,1,0,1)")
    let defaulted = JAXRandom(config: JAXConfig(defaultImpl: .unsafeRBG))
    #expect(try defaulted.key(3).impl == .unsafeRBG)
    #expect(try defaulted.key(3, impl: .threefry2x32).data == [0, 3])
  }

  /// Value k of a 32-bit request is word k % 4 of Philox block k / 4, whose
  /// counter starts at (w2, w3, w0, w1) (128-bit, little-endian) and whose
  /// key is (w0, w1); 64-bit value k is words 2k (low) and 2k + 1 (high).
  @Test(arguments: [[1, 2, 3, 4], [7, 8, 0xFFFF_FFFF, 0xFFFF_FFFF], [0, 0, 0, 0]] as [[UInt32]])
  func bitsFollowXLAsPhiloxLayout(data: [UInt32]) throws {
    let random = JAXRandom(config: JAXConfig(enableX64: true))
    let key = try random.wrapKeyData(data, impl: .rbg)
    let start = SIMD4(data[2], data[3], data[0], data[1])
    let words = (0..<6).flatMap { i -> [UInt32] in
      let block = Philox4x32.block(counter: Philox4x32.add(start, UInt64(i)), key: SIMD2(data[0], data[1]))
      return [block[0], block[1], block[2], block[3]]
    }
    #expect(try random.bits(key, shape: [9], dtype: .uint32).integers == words.prefix(9).map(Int64.init))
    #expect(try random.bits(key, shape: [5], dtype: .uint8).integers == words.prefix(5).map { Int64($0 & 0xFF) })
    #expect(try random.bits(key, shape: [3], dtype: .uint16).integers == words.prefix(3).map { Int64($0 & 0xFFFF) })
    let wide = (0..<5).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    #expect(try random.bits(key, shape: [5], dtype: .uint64) == DrawnValues(wrapping: wide.map { Int64(bitPattern: $0) }, as: .uint64))
  }

  @Test func callsReportPhiloxBlocksOnTheKeysStream() throws {
    let log = DrawLog()
    let random = JAXRandom(observer: log)
    let key = try random.key(7, impl: .rbg)
    _ = try random.bits(key, shape: [7])
    _ = try random.bits(key, shape: [3], dtype: .uint8)
    _ = try random.uniform(key, shape: [9])
    _ = try random.split(key, num: 3)
    _ = try random.foldIn(key, 5)
    let draws = log.draws
    #expect(draws.allSatisfy { $0.stream.name == "key<rbg>(0,7,0,7)" && $0.stream.counterUnit == .philoxBlock })
    #expect(draws.map(\.count) == [2, 1, 3, 3, 1])
    #expect(draws.map(\.counterBefore) == [0, 0, 0, 0, 5])

    let unsafeLog = DrawLog()
    let unsafe = JAXRandom(observer: unsafeLog)
    let u = try unsafe.key(7, impl: .unsafeRBG)
    _ = try unsafe.split(u, num: 3)
    _ = try unsafe.foldIn(u, 5)
    // split takes every tenth block; fold_in hashes the stream of key(5), none of u's.
    #expect(unsafeLog.draws.map(\.count) == [30, 0])
    #expect(unsafeLog.derivations.map(\.rule) == ["jax.key", "jax.split", "jax.split", "jax.split", "jax.fold_in"])
  }

  @Test func splitAndFoldInKeepTheImplementationAndSpelling() throws {
    let random = JAXRandom()
    for impl in [JAXPRNGImpl.rbg, .unsafeRBG] {
      let raw = try random.prngKey(9, impl: impl)
      #expect(try random.split(raw, num: 2).allSatisfy { $0.impl == impl && !$0.isTyped && $0.data.count == 4 })
      #expect(try random.foldIn(raw, 1).impl == impl)
    }
  }

  @Test func jaxsRefusalsForThesePRNGs() throws {
    let random = JAXRandom()
    #expect(throws: FrameworkError.self) { try random.wrapKeyData([1, 2], impl: .rbg) }
    #expect(throws: FrameworkError.self) { try random.wrapKeyData([1, 2, 3, 4]) }
    do {
      _ = try random.poisson(random.key(0, impl: .rbg), lam: [3.0], lamShape: [], shape: [2])
      Issue.record("poisson accepted an rbg key")
    } catch let error as FrameworkError {
      #expect(error.message == "`poisson` is only implemented for the threefry2x32 RNG, not rbg.")
    }
  }
}
