import Foundation
import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `rngdiff sample torch` for the distribution samplers: every case of
/// fixtures/reference/torch/torch-distributions-*.jsonl (written by real
/// torch 2.13.0+cpu, generate_torch_distributions.py) bit for bit, and the
/// refusals, each one located sentence.
@Suite struct TorchDistributionSample {
  @Test(arguments: ["avx2", "default"])
  func goldenCasesMatchTheRealTorch(capability: String) throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(
      path: Fixtures.url("reference/torch/torch-distributions-\(capability).jsonl").path)
  }

  static func failure(_ calls: String) -> String {
    do {
      _ = try SampleSession.run(framework: .torch, seed: "0", calls: calls, options: [:])
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: [
    ("empty(3).exponential_(0)", "<calls>:1:23: exponential_ expects lambda > 0.0, but found lambda=0"),
    ("empty(3, dtype=torch.int64).exponential_()", "<calls>:1:1: Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified Long"),
    ("empty(3).geometric_(1.5)", "<calls>:1:21: geometric_ expects p to be in (0, 1), but got p=1.5"),
    ("empty(3).log_normal_(1, 0)", "<calls>:1:25: log_normal_ expects std > 0.0, but found std=0"),
    ("empty(3).cauchy_(0, -1)", "<calls>:1:21: cauchy_ expects sigma > 0.0, but found sigma=-1"),
    ("normal(ones(3), -1.0)", "<calls>:1:17: normal expects std >= 0.0, but found std -1"),
    ("normal(1.0, tensor([1.0, -1.0]))", "<calls>:1:13: normal expects all elements of std >= 0.0"),
    ("normal(ones(3), ones(2))", "<calls>:1:17: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
    ("normal(ones(3), 1.0, (3,))", "<calls>:1:22: normal() with a tensor mean or std takes its shape and dtype from them; leave size unset"),
    ("normal(2.0, 3.0)", "<calls>:1:1: normal() missing required argument 'size'; accepted: normal(mean, std, size, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, pin_memory=False, requires_grad=False)"),
    ("normal('a', 1.0, (2,))", "<calls>:1:8: normal() argument 'mean' must be a number or a tensor, got str 'a'"),
    ("bernoulli(tensor([0.5, 1.5]))", "<calls>:1:1: Expected p_in >= 0 && p_in <= 1 to be true, but got false."),
    ("bernoulli(tensor([1, 0]))", "<calls>:1:1: \"bernoulli_tensor_cpu_p_\" not implemented for 'Long': give p as float32 or float64."),
    ("multinomial(tensor([0.5, -0.5]), 1)", "<calls>:1:13: probability tensor contains either `inf`, `nan` or element < 0"),
    ("multinomial(tensor([0.5, 0.5]), 3)", "<calls>:1:33: cannot sample n_sample > prob_dist.size(-1) samples without replacement"),
    ("multinomial(tensor([0.0, 0.0]), 1, True)", "<calls>:1:13: invalid multinomial distribution (sum of probabilities <= 0)"),
    ("multinomial(ones(2, 2, 2), 1)", "<calls>:1:13: prob_dist must be 1 or 2 dim"),
    ("multinomial(tensor([0.5, 0.0, 0.5]), 3)", "<calls>:1:38: multinomial without replacement of 3 samples from a row with 2 positive weights picks zero-weight categories in the order of PyTorch's topk, which rngdiff does not emulate; ask for at most that many samples"),
    ("poisson(tensor([-1.0]))", "<calls>:1:9: invalid Poisson rate, expected rate to be non-negative"),
    ("poisson(tensor([1e400]))", "<calls>:1:9: torch.poisson needs finite rates, got inf; PyTorch's sampler never returns for it."),
    ("poisson([1.0])", "<calls>:1:9: poisson() argument 'input' must be an array, got list [1.0]"),
    ("_sample_dirichlet(ones(300, dtype=torch.float64))", "<calls>:1:19: dirichlet rows of 300 categories are not emulated: PyTorch sums rows longer than 256 with a cascade rngdiff does not reproduce"),
    ("distributions.Normal(0.0, -1.0)", "<calls>:1:27: Expected parameter scale (Tensor of shape ()) of distribution Normal to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values"),
    ("distributions.Uniform(1.0, 0.0)", "<calls>:1:23: Expected parameter low of distribution Uniform to satisfy the constraint LessThan(upper_bound=high), but found invalid values: every low must be below its high"),
    ("distributions.Bernoulli(logits=0.0)", "<calls>:1:32: Bernoulli(logits=...) is not emulated: PyTorch turns logits into probabilities with a vectorised sigmoid whose rounding rngdiff does not reproduce; pass probs="),
    ("distributions.Categorical(logits=zeros(3))", "<calls>:1:34: Categorical(logits=...) is not emulated: PyTorch turns logits into probabilities with a vectorised logsumexp whose rounding rngdiff does not reproduce; pass probs="),
    ("distributions.Bernoulli(0.5).rsample()", "<calls>:1:1: Bernoulli has no rsample (has_rsample is False: its samples are not reparameterizable); use sample()"),
    ("distributions.Normal(0.0, 1.0).sample(3)", "<calls>:1:39: sample() argument 'sample_shape' must be a tuple of ints, got int 3"),
    ("distributions.Normal(zeros(2), ones(2, dtype=torch.float64))", "<calls>:1:32: Normal() with float32 and float64 parameters is not emulated; give every tensor parameter one dtype"),
    ("distributions.Dirichlet(tensor(1.0))", "<calls>:1:25: `concentration` parameter must be at least one-dimensional."),
    ("distributions.MultivariateNormal(zeros(2), scale_tril=ones(2, 2))", "<calls>:1:1: torch.distributions.MultivariateNormal is not emulated: its samples go through LAPACK's Cholesky factor and a BLAS matrix-vector product, whose rounding rngdiff does not reproduce"),
  ])
  func refusalsAreOneLocatedSentence(calls: String, message: String) {
    #expect(Self.failure(calls) == message)
  }

  @Test func sampleAndRSampleOfNormalAreTheSameDraws() throws {
    let sample = try SampleSession.run(framework: .torch, seed: "5", calls: "distributions.Normal(1.0, 2.0).sample((20,))", options: [:])
    let rsample = try SampleSession.run(framework: .torch, seed: "5", calls: "distributions.Normal(1.0, 2.0).rsample((20,))", options: [:])
    let viaNormal = try SampleSession.run(framework: .torch, seed: "5", calls: "normal(full((20,), 1.0), full((20,), 2.0))", options: [:])
    #expect(sample.map(\.tensor) == rsample.map(\.tensor))
    #expect(sample.map(\.tensor) == viaNormal.map(\.tensor))
  }
}
