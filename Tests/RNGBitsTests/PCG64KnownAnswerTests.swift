import RNGBits
import Testing

/// NumPy's published test vectors (numpy/random/tests/data/pcg64-testset-*.csv:
/// `PCG64(seed).random_raw()`, seeded through SeedSequence) and the
/// SeedSequence values from the research note, checked against NumPy 2.4.6.
@Suite struct PCG64KnownAnswers {
  @Test func seedSequenceZero() {
    let seq = SeedSequence(entropy: SeedSequence.entropyWords(of: 0))
    #expect(seq.pool == [0xFE40_EB07, 0x4F36_3A36, 0x4EB2_009D, 0xC89A_7AA7])
    #expect(seq.generateState32(4) == [0xB0F4_78BE, 0xDB2C_D7E7, 0x2C71_BA49, 0xABF4_641A])
    #expect(seq.generateState64(2) == [0xDB2C_D7E7_B0F4_78BE, 0xABF4_641A_2C71_BA49])
  }

  @Test func testSetOneSeedDeadbeaf() {
    var pcg = PCG64(seedSequence: SeedSequence(entropy: SeedSequence.entropyWords(of: 0xDEAD_BEAF)))
    let first = (0..<4).map { _ in pcg.next64() }
    #expect(first == [0x60D2_4054_E17A_0698, 0xD5E7_9D89_856E_4F12, 0xD254_972F_E64B_D782, 0xF1E3_072A_53C7_2571])
    for _ in 4..<999 { _ = pcg.next64() }
    #expect(pcg.next64() == 0xA5CB_380B_8DE1_0D10)
    #expect(pcg.wordsDrawn == 1000)
  }

  @Test func testSetTwoSeedZero() {
    var pcg = PCG64(seedSequence: SeedSequence(entropy: [0]))
    #expect(pcg.next64() == 0xA30F_EBCF_D9C2_825F)
    #expect(pcg.next64() == 0x4510_BDF8_82D9_D721)
    for _ in 2..<999 { _ = pcg.next64() }
    #expect(pcg.next64() == 0x6148_3290_42F7_43B0)
  }

  /// 32-bit draws split a 64-bit output, low half first; 64-bit draws do not
  /// touch the kept half.
  @Test func halfWordCache() {
    var whole = PCG64(seedSequence: SeedSequence(entropy: [0]))
    var halves = whole
    let a = whole.next64()
    let b = whole.next64()
    #expect(halves.next32() == UInt32(truncatingIfNeeded: a))
    #expect(halves.cachedUInt32 == UInt32(truncatingIfNeeded: a >> 32))
    #expect(halves.next64() == b)
    #expect(halves.next32() == UInt32(truncatingIfNeeded: a >> 32))
    #expect(halves.wordsDrawn == 2)
  }

  /// `SeedSequence(0).spawn(1)[0].pool` in NumPy 2.4.6: the entropy is padded
  /// to four words before the spawn key is appended.
  @Test func spawnedChildPool() {
    let child = SeedSequence(entropy: [0]).spawn(1)[0]
    #expect(child.pool == [0x9000_E90B, 0x0BAA_E194, 0xEFE7_FB3D, 0xA853_1503])
  }
}

@Suite struct MT19937BulkDoubles {
  @Test func fillDouble53MatchesSingleDrawsAcrossTwists() {
    for offset in [0, 1, 622, 623] {
      var single = MT19937(seed: 2024)
      for _ in 0..<offset { _ = single.next() }
      var bulk = single
      let n = 2 * 624 + 5
      let expected = (0..<n).map { _ in single.nextDouble53() }
      var got = [Double](repeating: 0, count: n)
      got.withUnsafeMutableBufferPointer { bulk.fillDouble53($0) }
      #expect(got == expected, "offset \(offset)")
      #expect(bulk.wordsDrawn == single.wordsDrawn)
      #expect(bulk.next() == single.next())
    }
  }
}
