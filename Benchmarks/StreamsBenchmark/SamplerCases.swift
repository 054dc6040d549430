import RNGBits
import JAXStreams
import NumPyStreams
import TensorFlowStreams
import TorchStreams

/// Throughput of the framework samplers, each compared with the same call
/// in the real library where reference.py measures one.
func samplerCases(count: Int) -> [BenchmarkCase] {
  // Seeds are fixed literals; a throw here is a bug in the benchmark itself.
  var legacy = try! RandomState(seed: 0)
  var generator = try! NumPyGenerator(seed: 0)
  let sfcSeed = SeedSequence(entropy: [0])
  var sfcGenerator = NumPyGenerator(bitGenerator: SFC64(seedSequence: sfcSeed), seedSequence: sfcSeed, name: "sfc")
  var torch = try! TorchGenerator(seed: 0)
  var tensorflow = TensorFlowEagerContext()
  tensorflow.setSeed(0)
  let jax = JAXRandom()
  let jax64 = JAXRandom(config: JAXConfig(enableX64: true))
  func checksum(_ values: [Double]) -> UInt64 { values.last?.bitPattern ?? 0 }
  func sampleChecksum(_ sample: NumPySample) -> UInt64 {
    switch sample.values {
    case .float64(let v): return v.last?.bitPattern ?? 0
    case .int64(let v): return UInt64(bitPattern: v.last ?? 0)
    default: return 0
    }
  }
  return [
    BenchmarkCase(name: "numpy legacy random_sample", reference: "numpy.legacy.random_sample", draws: count) {
      checksum(try! legacy.randomSample(count: count))
    },
    BenchmarkCase(name: "numpy legacy standard_normal", reference: "numpy.legacy.standard_normal", draws: count) {
      checksum(try! legacy.standardNormal(count: count))
    },
    BenchmarkCase(name: "numpy legacy randint(0, 1000)", reference: "numpy.legacy.randint", draws: count) {
      _ = try! legacy.randint(low: 0, high: 1000, count: count)
      return 1
    },
    BenchmarkCase(name: "numpy legacy permutation", reference: "numpy.legacy.permutation", draws: count / 10) {
      UInt64(bitPattern: legacy.permutation(count / 10).last ?? 0)
    },
    BenchmarkCase(name: "numpy legacy exponential", reference: "numpy.legacy.exponential", draws: count) {
      sampleChecksum(try! legacy.exponential(size: [count]))
    },
    BenchmarkCase(name: "numpy legacy gamma(0.5)", reference: "numpy.legacy.gamma.0.5", draws: count) {
      sampleChecksum(try! legacy.gamma(shape: .init("shape", 0.5), size: [count]))
    },
    BenchmarkCase(name: "numpy legacy gamma(3.0)", reference: "numpy.legacy.gamma.3", draws: count) {
      sampleChecksum(try! legacy.gamma(shape: .init("shape", 3.0), size: [count]))
    },
    BenchmarkCase(name: "numpy legacy poisson(3.0)", reference: "numpy.legacy.poisson.3", draws: count) {
      sampleChecksum(try! legacy.poisson(lam: .init("lam", 3.0), size: [count]))
    },
    BenchmarkCase(name: "numpy legacy poisson(30.0) (PTRS)", reference: "numpy.legacy.poisson.30", draws: count) {
      sampleChecksum(try! legacy.poisson(lam: .init("lam", 30.0), size: [count]))
    },
    BenchmarkCase(name: "numpy legacy binomial(10, 0.3)", reference: "numpy.legacy.binomial.10", draws: count) {
      sampleChecksum(try! legacy.binomial(n: .init("n", integer: 10), p: .init("p", 0.3), size: [count]))
    },
    BenchmarkCase(name: "numpy legacy binomial(1000, 0.3) (BTPE)", reference: "numpy.legacy.binomial.1000", draws: count) {
      sampleChecksum(try! legacy.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: [count]))
    },
    BenchmarkCase(name: "numpy Generator poisson(30.0)", reference: "numpy.generator.poisson.30", draws: count) {
      sampleChecksum(try! generator.poisson(lam: .init("lam", 30.0), size: [count]))
    },
    BenchmarkCase(name: "numpy Generator binomial(1000, 0.3)", reference: "numpy.generator.binomial.1000", draws: count) {
      sampleChecksum(try! generator.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: [count]))
    },
    BenchmarkCase(name: "numpy Generator(SFC64) random", reference: "numpy.generator.sfc64.random", draws: count) {
      checksum(try! sfcGenerator.random(count: count))
    },
    BenchmarkCase(name: "numpy Generator random", reference: "numpy.generator.random", draws: count) {
      checksum(try! generator.random(count: count))
    },
    BenchmarkCase(name: "numpy Generator standard_normal", reference: "numpy.generator.standard_normal", draws: count) {
      checksum(try! generator.standardNormal(count: count))
    },
    BenchmarkCase(name: "numpy Generator integers(0, 1000)", reference: "numpy.generator.integers", draws: count) {
      _ = try! generator.integers(low: 0, high: 1000, count: count)
      return 1
    },
    BenchmarkCase(name: "torch rand float32", reference: "torch.rand.float32", draws: count) {
      _ = try! torch.rand([count])
      return 1
    },
    BenchmarkCase(name: "torch rand float64", reference: "torch.rand.float64", draws: count) {
      _ = try! torch.rand([count], dtype: .float64)
      return 1
    },
    BenchmarkCase(name: "torch randn float32 (AVX2 path)", reference: "torch.randn.float32", draws: count) {
      _ = try! torch.randn([count])
      return 1
    },
    BenchmarkCase(name: "torch randn float64", reference: "torch.randn.float64", draws: count) {
      _ = try! torch.randn([count], dtype: .float64)
      return 1
    },
    BenchmarkCase(name: "torch randint(0, 1000)", reference: "torch.randint", draws: count) {
      _ = try! torch.randint(0, 1000, [count])
      return 1
    },
    BenchmarkCase(name: "torch randperm", reference: "torch.randperm", draws: count / 10) {
      _ = try! torch.randperm(Int64(count / 10))
      return 1
    },
    BenchmarkCase(name: "torch bernoulli_(0.5)", reference: "torch.bernoulli_", draws: count) {
      _ = try! torch.bernoulli_([count], p: 0.5)
      return 1
    },
    BenchmarkCase(name: "tensorflow uniform float32", reference: "tensorflow.uniform.float32", draws: count) {
      _ = try! tensorflow.uniform([count], seed: 1)
      return 1
    },
    BenchmarkCase(name: "tensorflow normal float32", reference: "tensorflow.normal.float32", draws: count) {
      _ = try! tensorflow.normal([count], seed: 2)
      return 1
    },
    BenchmarkCase(name: "jax uniform float32", reference: "jax.random.uniform.float32", draws: count) {
      _ = try! jax.uniform(JAXKey(hi: 0, lo: 0), shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax normal float32", reference: "jax.random.normal.float32", draws: count) {
      _ = try! jax.normal(JAXKey(hi: 0, lo: 0), shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax wald float32", reference: "jax.random.wald.float32", draws: count) {
      _ = try! jax.wald(JAXKey(hi: 0, lo: 0), mean: 2, shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax lognormal float32", reference: "jax.random.lognormal.float32", draws: count) {
      _ = try! jax.lognormal(JAXKey(hi: 0, lo: 0), sigma: 0.5, shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax pareto float32", reference: "jax.random.pareto.float32", draws: count) {
      _ = try! jax.pareto(JAXKey(hi: 0, lo: 0), b: 3, shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax rbg bits uint32", reference: "jax.random.bits.uint32.rbg", draws: count) {
      _ = try! jax.bits(jax.key(0, impl: .rbg), shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax rbg uniform float32", reference: "jax.random.uniform.float32.rbg", draws: count) {
      _ = try! jax.uniform(jax.key(0, impl: .rbg), shape: [count])
      return 1
    },
    BenchmarkCase(name: "jax weibull_min float32", reference: "jax.random.weibull_min.float32", draws: count) {
      _ = try! jax.weibullMin(JAXKey(hi: 0, lo: 0), scale: [2], scaleShape: [], concentration: [1.5], concentrationShape: [], shape: [count])
      return 1
    },
    // The gamma family: float64 (x64) only, a rejection loop per element, so a tenth of the draws (as reference.py).
    BenchmarkCase(name: "jax chisquare float64", reference: "jax.random.chisquare.float64", draws: count / 10) {
      _ = try! jax64.chisquare(JAXKey(hi: 0, lo: 0), df: [3], dfShape: [], shape: [count / 10])
      return 1
    },
    BenchmarkCase(name: "jax f float64", reference: "jax.random.f.float64", draws: count / 10) {
      _ = try! jax64.f(JAXKey(hi: 0, lo: 0), dfnum: [3], dfnumShape: [], dfden: [5], dfdenShape: [], shape: [count / 10])
      return 1
    },
    BenchmarkCase(name: "jax beta float64", reference: "jax.random.beta.float64", draws: count / 10) {
      _ = try! jax64.beta(JAXKey(hi: 0, lo: 0), a: [2], aShape: [], b: [3], bShape: [], shape: [count / 10])
      return 1
    },
    BenchmarkCase(name: "jax dirichlet float64", reference: "jax.random.dirichlet.float64", draws: count / 10 / 3 * 3) {
      _ = try! jax64.dirichlet(JAXKey(hi: 0, lo: 0), alpha: [0.5, 1, 2], alphaShape: [3], shape: [count / 10 / 3])
      return 1
    },
  ]
}
