import Testing
import TorchStreams

/// Every case of the three golden files, replayed with the kernel profile that
/// produced it. The files come from torch 2.15.0 on this machine, one run per
/// `ATEN_CPU_CAPABILITY` (see fixtures/reference/torch/generate_torch.py).
@Suite struct GoldenTests {
  @Test(arguments: [
    ("torch-avx512.jsonl", TorchCPUKernel.avx512, "AVX512"),
    ("torch-avx2.jsonl", TorchCPUKernel.avx2, "AVX2"),
    ("torch-default.jsonl", TorchCPUKernel.default, "DEFAULT"),
  ])
  func everyCaseMatchesBitForBit(file: String, kernel: TorchCPUKernel, capability: String) throws {
    let (header, cases) = try GoldenFile.load(file)
    #expect(header.framework == "torch")
    #expect(header.versions["cpu_capability"] == .some(capability))
    #expect(kernel.capabilityName == capability)
    let result = GoldenReplay.run(cases, kernel: kernel)
    #expect(result.cases > 800)
    #expect(result.values > 50_000)
    #expect(result.failures.isEmpty, "\(result.failures.count) failing cases, first: \(result.failures.prefix(12).joined(separator: "\n"))")
  }

  /// The kernels really differ: replaying the DEFAULT goldens with the AVX2 profile
  /// (and the reverse) must fail on the float32 vector normals and on uniform_ with
  /// odd bounds, so the profile parameter is load-bearing.
  @Test func kernelProfilesAreDistinguishable() throws {
    let defaultCases = try GoldenFile.load("torch-default.jsonl").cases
    let avx2Cases = try GoldenFile.load("torch-avx2.jsonl").cases
    let vectorNormal: (GoldenCase) -> Bool = { $0.calls == ["randn(2000)"] }
    #expect(!GoldenReplay.run(defaultCases, kernel: .avx2, where: vectorNormal).failures.isEmpty)
    #expect(!GoldenReplay.run(avx2Cases, kernel: .default, where: vectorNormal).failures.isEmpty)
    let oddUniform: (GoldenCase) -> Bool = { $0.calls == ["empty(300).uniform_(-0.37, 1.9)"] }
    #expect(!GoldenReplay.run(avx2Cases, kernel: .default, where: oddUniform).failures.isEmpty)
    #expect(!GoldenReplay.run(defaultCases, kernel: .avx2, where: oddUniform).failures.isEmpty)
  }
}
