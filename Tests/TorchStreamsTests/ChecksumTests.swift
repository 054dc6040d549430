import Testing
import TorchStreams

/// Million-element runs, checked through a checksum of every element's bits
/// (checksums-<capability>.json). A single wrongly rounded value anywhere fails.
@Suite struct ChecksumTests {
  @Test(arguments: [
    ("checksums-avx512.json", TorchCPUKernel.avx512),
    ("checksums-avx2.json", TorchCPUKernel.avx2),
    ("checksums-default.json", TorchCPUKernel.default),
  ])
  func longRunsMatchEveryBit(file: String, kernel: TorchCPUKernel) throws {
    let runs = try ChecksumFile.load(file).runs
    #expect(runs.count >= 14)
    for run in runs {
      var evaluator = CallEvaluator(generator: try TorchGenerator(seed: run.seed, kernel: kernel))
      var checksum = Checksum()
      var dtype = ""
      for call in run.calls {
        for output in try evaluator.run(call) {
          checksum.add(output.values)
          dtype = output.dtype.name
        }
      }
      #expect(dtype == run.dtype, "\(run.calls[0])")
      #expect(checksum.count == run.count, "\(run.calls[0])")
      #expect(checksum.hex == run.checksum, "\(kernel) seed \(run.seed): \(run.calls[0]) ×\(run.calls.count)")
    }
  }
}
