import RNGBits

/// Raw bit-generator throughput.
func bitGeneratorCases(count: Int) -> [BenchmarkCase] {
  var mt = MT19937(seed: 0)
  var words = [UInt32](repeating: 0, count: count)
  var philox = Philox4x32(counter: .zero, key: [1, 2])
  var pcg = PCG64(seedSequence: SeedSequence(entropy: [0]))
  var raw64 = [UInt64](repeating: 0, count: count)
  var dxsm = PCG64DXSM(seedSequence: SeedSequence(entropy: [0]))
  var philox64 = Philox4x64(seedSequence: SeedSequence(entropy: [0]))
  var sfc = SFC64(seedSequence: SeedSequence(entropy: [0]))
  // Philox4x32-10 is TensorFlow's generator and Threefry2x32-20 JAX's: each
  // is compared with its own library first. Without it, with NumPy's Philox,
  // the 4x64-10 variant (one of its 64-bit words counts as two 32-bit words).
  let nearest = Reference(key: "numpy.philox4x64.raw64", scale: 2, note: "[NumPy's Philox4x64-10, a near algorithm; 1 u64 = 2 u32]")
  let philox32 = [Reference(key: "tensorflow.philox.uint32", note: "[TensorFlow's Philox4x32-10 words, one thread]"), nearest]
  let threefry = [Reference(key: "jax.random.bits.uint32", note: "[JAX's Threefry2x32-20 bits, XLA CPU, one thread]"), nearest]
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
    BenchmarkCase(name: "PCG64 u64 (bulk fill)", reference: "numpy.pcg64.raw64", draws: count) {
      raw64.withUnsafeMutableBufferPointer { pcg.fill($0) }
      return raw64[count - 1]
    },
    BenchmarkCase(name: "PCG64 u64 (one at a time)", reference: "numpy.pcg64.raw64", draws: count) {
      var x: UInt64 = 0
      for _ in 0..<count { x ^= pcg.next64() }
      return x
    },
    BenchmarkCase(name: "PCG64DXSM u64 (one at a time)", reference: "numpy.pcg64dxsm.raw64", draws: count) {
      var x: UInt64 = 0
      for _ in 0..<count { x ^= dxsm.next64() }
      return x
    },
    BenchmarkCase(name: "Philox4x64-10 u64 (one at a time)", reference: "numpy.philox4x64.raw64", draws: count) {
      var x: UInt64 = 0
      for _ in 0..<count { x ^= philox64.next64() }
      return x
    },
    BenchmarkCase(name: "SFC64 u64 (one at a time)", reference: "numpy.sfc64.raw64", draws: count) {
      var x: UInt64 = 0
      for _ in 0..<count { x ^= sfc.next64() }
      return x
    },
    BenchmarkCase(
      name: "Philox4x32-10 u32 (bulk fill)", references: philox32, draws: count) {
      words.withUnsafeMutableBufferPointer { philox.fill(UnsafeMutableBufferPointer(rebasing: $0[0..<(count / 4 * 4)])) }
      return UInt64(words[0])
    },
    BenchmarkCase(
      name: "Philox4x32-10 u32 (blocks)", references: philox32, draws: count) {
      var x = SIMD4<UInt32>.zero
      for _ in 0..<(count / 4) { x ^= philox.nextBlock() }
      return UInt64(x[0] ^ x[3])
    },
    BenchmarkCase(
      name: "Threefry2x32-20 u32 (bulk fill)", references: threefry, draws: count) {
      words.withUnsafeMutableBufferPointer {
        Threefry2x32.fill(UnsafeMutableBufferPointer(rebasing: $0[0..<(count / 2 * 2)]), key: [0, 42], first: 0)
      }
      return UInt64(words[0])
    },
    BenchmarkCase(
      name: "Threefry2x32-20 u32 (hashes)", references: threefry, draws: count) {
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
