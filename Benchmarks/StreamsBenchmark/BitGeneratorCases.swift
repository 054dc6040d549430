import RNGBits

/// Raw bit-generator throughput.
func bitGeneratorCases(count: Int) -> [BenchmarkCase] {
  var mt = MT19937(seed: 0)
  var words = [UInt32](repeating: 0, count: count)
  var philox = Philox4x32(counter: .zero, key: [1, 2])
  return [
    BenchmarkCase(name: "MT19937 u32 (bulk fill)", reference: "numpy.mt19937.raw32", draws: count) {
      words.withUnsafeMutableBufferPointer { mt.fill($0) }
      return UInt64(words[count - 1])
    },
    BenchmarkCase(name: "MT19937 u32 (one at a time)", reference: "numpy.mt19937.raw32", draws: count) {
      var x: UInt32 = 0
      for _ in 0..<count { x ^= mt.next() }
      return UInt64(x)
    },
    BenchmarkCase(name: "Philox4x32-10 u32 (blocks)", reference: nil, draws: count) {
      var x = SIMD4<UInt32>.zero
      for _ in 0..<(count / 4) { x ^= philox.nextBlock() }
      return UInt64(x[0] ^ x[3])
    },
    BenchmarkCase(name: "Threefry2x32-20 u32 (hashes)", reference: nil, draws: count) {
      var x = SIMD2<UInt32>.zero
      for i in 0..<(count / 2) { x ^= Threefry2x32.hash(key: [0, 42], counter: [0, UInt32(truncatingIfNeeded: i)]) }
      return UInt64(x[0] ^ x[1])
    },
  ]
}

/// Every case, in print order.
func allCases(count: Int) -> [BenchmarkCase] {
  bitGeneratorCases(count: count) + samplerCases(count: count)
}
