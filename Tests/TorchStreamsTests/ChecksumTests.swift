import RNGStreams
import Testing
import TorchStreams

/// Million-element runs, checked through a checksum of every element's bits
/// (checksums-<capability>.json). A single wrongly rounded value anywhere fails.
///
/// Each run's call strings are mapped by hand to the TorchStreams API here; the
/// same strings through `rngdiff sample torch` are the golden harness's business.
@Suite struct ChecksumTests {
  typealias Call = @Sendable (inout TorchGenerator) throws -> DrawnValues

  /// The calls of generate_torch.py's CHECKSUM_RUNS.
  static let calls: [String: Call] = [
    "randn(1000003)": { try $0.randn([1_000_003]) },
    "empty(1000003).normal_(0.37, 1.913)": { try $0.normal_([1_000_003], mean: 0.37, std: 1.913) },
    "randn(300007, dtype=torch.float64)": { try $0.randn([300_007], dtype: .float64) },
    "empty(300007, dtype=torch.float64).normal_(-2.5, 0.1)": { try $0.normal_([300_007], dtype: .float64, mean: -2.5, std: 0.1) },
    "empty(15, dtype=torch.float64).normal_(0.37, 1.913)": { try $0.normal_([15], dtype: .float64, mean: 0.37, std: 1.913) },
    "empty(15).normal_(0.37, 1.913)": { try $0.normal_([15], mean: 0.37, std: 1.913) },
    "empty(1000003).uniform_(-0.37, 1.9)": { try $0.uniform_([1_000_003], from: -0.37, to: 1.9) },
    "empty(300007, dtype=torch.float64).uniform_(-0.37, 1.9)": { try $0.uniform_([300_007], dtype: .float64, from: -0.37, to: 1.9) },
    "empty(300007).uniform_(1.0, 1.0000001)": { try $0.uniform_([300_007], from: 1.0, to: 1.0000001) },
    "rand(300007)": { try $0.rand([300_007]) },
    "rand(300007, dtype=torch.float64)": { try $0.rand([300_007], dtype: .float64) },
    "randint(-2**40, 2**40, (300007,))": { try $0.randint(-(1 << 40), 1 << 40, [300_007]) },
    "randint(0, 1000, (300007,))": { try $0.randint(0, 1000, [300_007]) },
    "empty(300007).bernoulli_(0.3)": { try $0.bernoulli_([300_007], p: 0.3) },
    "dropout(randn(300007), 0.2)": { g in try g.dropout(try g.randn([300_007]), shape: [300_007], p: 0.2) },
    "randperm(300007)": { try $0.randperm(300_007) },
  ]

  @Test(arguments: [
    ("checksums-avx512.json", TorchCPUKernel.avx512),
    ("checksums-avx2.json", TorchCPUKernel.avx2),
    ("checksums-default.json", TorchCPUKernel.default),
  ])
  func longRunsMatchEveryBit(file: String, kernel: TorchCPUKernel) throws {
    let runs = try ChecksumFile.load(file).runs
    #expect(runs.count >= 14)
    for run in runs {
      var generator = try TorchGenerator(seed: run.seed, kernel: kernel)
      var checksum = Checksum()
      var dtype = ""
      for text in run.calls {
        let call = try #require(Self.calls[text], "no API mapping for checksum call \(text)")
        let values = try call(&generator)
        checksum.add(values)
        dtype = values.dtypeName
      }
      #expect(dtype == run.dtype, "\(run.calls[0])")
      #expect(checksum.count == run.count, "\(run.calls[0])")
      #expect(checksum.hex == run.checksum, "\(kernel) seed \(run.seed): \(run.calls[0]) ×\(run.calls.count)")
    }
  }
}
