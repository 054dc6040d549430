import RNGBits
import Testing

/// `MT19937.jumped`: values printed by real NumPy 2.4.6 for the legacy
/// seeding `np.random.RandomState(5)._bit_generator.jumped(...)`;
/// numpy_mt19937_jump.jsonl checks whole states through `rngdiff sample`.
@Suite struct MT19937JumpTests {
  @Test func jumpsMatchNumPy() {
    var once = MT19937(seed: 5).jumped(1)
    #expect([once.next(), once.next(), once.next()] == [2_173_400_279, 29_151_397, 2_159_791_715])
    #expect(once.position == 592)
    var twice = MT19937(seed: 5).jumped(2)
    #expect([twice.next(), twice.next()] == [3_517_329_600, 2_232_739_870])
  }

  @Test func zeroJumpsKeepTheState() {
    var mt = MT19937(seed: 5)
    _ = mt.next()
    let same = mt.jumped(0)
    #expect(same.state == mt.state && same.position == mt.position)
  }
}
