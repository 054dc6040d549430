import RNGBits
import Testing

/// The bulk fills give exactly the words of the one-at-a-time calls.
@Suite struct BulkFills {
  @Test func pcg64FillMatchesNext64() {
    var single = PCG64(seedSequence: SeedSequence(entropy: [0]))
    _ = single.next32()  // a kept half survives a fill
    var bulk = single
    let expected = (0..<1003).map { _ in single.next64() }
    var got = [UInt64](repeating: 0, count: 1003)
    got.withUnsafeMutableBufferPointer { bulk.fill($0) }
    #expect(got == expected)
    #expect(bulk == single)
    #expect(got[0] == 0x4510_BDF8_82D9_D721)
  }

  @Test(arguments: [
    SIMD4<UInt32>(0, 0, 0, 0), SIMD4<UInt32>(0xFFFF_FFF0, 0xFFFF_FFFF, 7, 0), SIMD4<UInt32>(5, 9, 0xFFFF_FFFF, 0xFFFF_FFFF),
  ])
  func philoxFillMatchesNextBlock(start: SIMD4<UInt32>) {
    var bulk = Philox4x32(counter: start, key: [0x1234_5678, 0x9ABC_DEF0])
    for blocks in [0, 3, 8, 37] {
      var reference = bulk
      let words = (0..<blocks).flatMap { _ -> [UInt32] in
        let b = reference.nextBlock()
        return [b[0], b[1], b[2], b[3]]
      }
      var got = [UInt32](repeating: 0, count: 4 * blocks)
      got.withUnsafeMutableBufferPointer { bulk.fill($0) }
      #expect(got == words, "\(blocks) blocks from \(start)")
      #expect(bulk == reference)
    }
  }

  @Test(arguments: [UInt64(0), 0xFFFF_FFF5, 0xFFFF_FFFF_FFFF_FFF0])
  func threefryFillMatchesHash(first: UInt64) {
    let key = SIMD2<UInt32>(0, 42)
    let n = 29
    let expected = (0..<n).flatMap { h -> [UInt32] in
      let i = first &+ UInt64(h)
      let x = Threefry2x32.hash(key: key, counter: SIMD2(UInt32(truncatingIfNeeded: i >> 32), UInt32(truncatingIfNeeded: i)))
      return [x[0], x[1]]
    }
    var got = [UInt32](repeating: 0, count: 2 * n)
    got.withUnsafeMutableBufferPointer { Threefry2x32.fill($0, key: key, first: first) }
    #expect(got == expected)
  }

  @Test func documentedFirstWords() {
    var philox = Philox4x32(counter: .zero, key: .zero)
    var words = [UInt32](repeating: 0, count: 4)
    words.withUnsafeMutableBufferPointer { philox.fill($0) }
    #expect(words == [0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8])
    var pair = [UInt32](repeating: 0, count: 2)
    pair.withUnsafeMutableBufferPointer { Threefry2x32.fill($0, key: [0, 0], first: 0) }
    #expect(pair == [0x6B20_0159, 0x99BA_4EFE])
  }
}
