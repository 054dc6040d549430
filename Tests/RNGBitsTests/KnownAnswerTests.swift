import RNGBits
import Testing

/// Published known-answer tests for the raw bit generators.
@Suite struct MT19937KnownAnswers {
  @Test func initGenrand5489FirstAndTenThousandth() {
    var mt = MT19937(seed: 5489)
    #expect(mt.next() == 3_499_211_612)
    for _ in 2..<10_000 { _ = mt.next() }
    #expect(mt.next() == 4_123_659_995)
    #expect(mt.wordsDrawn == 10_000)
  }

  @Test func initGenrandZero() {
    var mt = MT19937(seed: 0)
    #expect((0..<4).map { _ in mt.next() } == [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760])
  }

  /// The reference `mt19937ar.out`: init_by_array({0x123, 0x234, 0x345, 0x456}).
  @Test func initByArrayReferenceOutput() {
    var mt = MT19937(key: [0x123, 0x234, 0x345, 0x456])
    #expect((0..<5).map { _ in mt.next() } == [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476])
  }

  @Test func initByArrayOfOneWordIsPythonSeed42() {
    var mt = MT19937(key: [42])
    #expect(mt.next() == 2_746_317_213)
    #expect(mt.next() == 478_163_327)
  }

  @Test func bulkFillMatchesSingleDrawsAcrossTwists() {
    var single = MT19937(seed: 12345)
    var bulk = single
    _ = single.next(); _ = bulk.next()  // start off a block boundary
    let n = 3 * 624 + 17
    let expected = (0..<n).map { _ in single.next() }
    var got = [UInt32](repeating: 0, count: n)
    got.withUnsafeMutableBufferPointer { bulk.fill($0) }
    #expect(got == expected)
    #expect(bulk.wordsDrawn == single.wordsDrawn)
    #expect(bulk.next() == single.next())
  }

  @Test func double53MatchesNumPyAndPython() {
    var numpy = MT19937(seed: 4)
    #expect(numpy.nextDouble53() == 0.9670298390136767)
    var python = MT19937(key: [0])
    #expect(python.nextDouble53() == 0.8444218515250481)
  }
}

@Suite struct PhiloxKnownAnswers {
  /// Random123 kat_vectors, philox4x32 with 10 rounds.
  @Test(arguments: [
    (SIMD4<UInt32>(0, 0, 0, 0), SIMD2<UInt32>(0, 0), SIMD4<UInt32>(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
    (SIMD4<UInt32>(repeating: 0xffff_ffff), SIMD2<UInt32>(repeating: 0xffff_ffff),
     SIMD4<UInt32>(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)),
    (SIMD4<UInt32>(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), SIMD2<UInt32>(0xa409_3822, 0x299f_31d0),
     SIMD4<UInt32>(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)),
  ])
  func random123Vector(counter: SIMD4<UInt32>, key: SIMD2<UInt32>, expected: SIMD4<UInt32>) {
    #expect(Philox4x32.block(counter: counter, key: key) == expected)
  }

  @Test func tensorFlowSeed87654321Seed2Is5() {
    var philox = Philox4x32(counter: [0, 0, 5, 0], key: [87_654_321, 0])
    #expect(philox.nextBlock() == SIMD4(3_568_415_791, 2_798_973_839, 2_476_249_224, 2_816_106_479))
    #expect(philox.counter == SIMD4(1, 0, 5, 0))
  }

  @Test func skipCarriesAcross64Bits() {
    var philox = Philox4x32(counter: [0xffff_ffff, 0xffff_ffff, 7, 0], key: [1, 2])
    philox.skip(blocks: 2)
    #expect(philox.counter == SIMD4(1, 0, 8, 0))
    let top = Philox4x32.add([0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], 1)
    #expect(top == SIMD4(0, 0, 0, 0))
  }
}

@Suite struct ThreefryKnownAnswers {
  /// Random123 kat_vectors, threefry2x32 with 20 rounds.
  @Test(arguments: [
    (SIMD2<UInt32>(0, 0), SIMD2<UInt32>(0, 0), SIMD2<UInt32>(0x6b20_0159, 0x99ba_4efe)),
    (SIMD2<UInt32>(repeating: 0xffff_ffff), SIMD2<UInt32>(repeating: 0xffff_ffff), SIMD2<UInt32>(0x1cb9_96fc, 0xbb00_2be7)),
    (SIMD2<UInt32>(0x243f_6a88, 0x85a3_08d3), SIMD2<UInt32>(0x1319_8a2e, 0x0370_7344), SIMD2<UInt32>(0xc492_3a9c, 0x483d_f7a0)),
  ])
  func random123Vector(counter: SIMD2<UInt32>, key: SIMD2<UInt32>, expected: SIMD2<UInt32>) {
    #expect(Threefry2x32.hash(key: key, counter: counter) == expected)
  }
}
