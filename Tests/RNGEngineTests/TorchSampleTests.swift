import Foundation
import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `rngdiff sample torch` through the real code path (`SampleSession.run`):
/// bad input, `--seed` and `--config` handling, draw reporting, and the
/// behaviours the golden harness does not isolate. Values are compared with
/// the committed goldens made by torch 2.15 (fixtures/reference/torch).
@Suite struct TorchSample {
  static let avx2 = try! GoldenFile.load(Fixtures.url("reference/torch/torch-avx2.jsonl").path)
  static let cpuDefault = try! GoldenFile.load(Fixtures.url("reference/torch/torch-default.jsonl").path)

  /// The outputs of the golden case with this seed (as `--seed` writes it) and these calls.
  static func golden(_ file: GoldenFile, seed: String, calls: [String]) throws -> [ExactJSON] {
    let found = file.cases.first { GoldenSampleCases.seedText($0["seed"] ?? .null) == seed && ($0["calls"]?.array ?? []).compactMap(\.string) == calls }
    return try #require(found, "no golden case seed \(seed) calls \(calls)")["outputs"]?.array ?? []
  }

  static func run(
    _ calls: String, seed: String? = "0", options: [String: String] = [:], observer: (any DrawObserver)? = nil
  ) throws -> [SampleOutput] {
    try SampleSession.run(framework: .torch, seed: seed, calls: calls, options: options, observer: observer)
  }

  static func failure(_ calls: String, seed: String? = "0", options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, seed: seed, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  /// Whether `output` holds exactly the golden output's values.
  static func matches(_ output: SampleOutput, _ golden: ExactJSON) -> Bool {
    output.tensor.dtype.rawValue == golden["dtype"]?.string
      && output.tensor.shape == (golden["shape"]?.array ?? []).compactMap(\.int)
      && GoldenSampleCases.firstMismatch(output.tensor, golden["values"]?.array ?? []) == nil
  }

  // MARK: Bad input

  @Test(arguments: [
    ("rand(2.5)", "<calls>:1:6: rand() argument 'size' must be ints or one tuple of ints, got float 2.5"),
    ("rand(True)", "<calls>:1:6: rand() argument 'size' must be ints or one tuple of ints, got bool True"),
    ("rand(size=3)", "<calls>:1:11: rand() argument 'size' must be a tuple of ints, got int 3"),
    ("rand(2, size=(3,))", "<calls>:1:6: rand() got the size twice, as positional arguments and as size=; accepted: rand(*size, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False, pin_memory=False)"),
    ("rand(2, -1)", "<calls>:1:9: Trying to create tensor with negative dimension -1: [2, -1]"),
    ("rand(2**40, 2**40)", "<calls>:1:6: The tensor size [1099511627776, 1099511627776] has too many elements to allocate."),
    ("rand(3, dtyp=torch.float64)", "<calls>:1:14: rand() got an unexpected keyword argument 'dtyp'; accepted: rand(*size, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False, pin_memory=False)"),
    ("rand(3, dtype='float64')", "<calls>:1:15: rand() argument 'dtype' must be a torch.dtype such as torch.float64, got str 'float64'"),
    ("rand(3, dtype=torch.float16)", "<calls>:1:15: rngdiff does not emulate torch.float16 tensors; accepted: torch.float32, torch.float64, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool"),
    ("randn(3, dtype=torch.int64)", "<calls>:1:16: \"normal_kernel_cpu\" not implemented for 'Long': use dtype float32 or float64."),
    ("randperm(5.0)", "<calls>:1:10: randperm() argument 'n' must be an int, got float 5.0"),
    ("randperm(1, 2)", "<calls>:1:13: randperm() takes at most 1 positional argument but 2 were given; accepted: randperm(n, *, generator=None, out=None, dtype=torch.int64, layout=torch.strided, device=None, requires_grad=False, pin_memory=False)"),
    ("randperm(-1)", "<calls>:1:10: n must be non-negative, got-1"),
    ("randint(5, 5, (3,))", "<calls>:1:12: random_ expects 'from' to be less than 'to', but got from=5 >= to=5"),
    ("randint(5, 5)", "<calls>:1:12: randint() argument 'size' must be a tuple of ints, got int 5"),
    ("randint(10)", "<calls>:1:1: randint() missing required argument 'size'; accepted: randint(low=0, high=None, size=None, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False)"),
    ("randint(0, 10.5, (3,))", "<calls>:1:12: randint() argument 'high' must be an int, got float 10.5"),
    ("randint(0, 2**64, (2,))", "<calls>:1:12: randint() argument 'high' must fit in int64, got 18446744073709551616"),
    ("randint(-1, 200, (3,), dtype=torch.uint8)", "<calls>:1:9: from is out of bounds for unsigned char: uint8 holds 0...255, got -1"),
    ("normal(2.0, 3.0)", "<calls>:1:1: normal() missing required argument 'size'; accepted: normal(mean, std, size, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, pin_memory=False, requires_grad=False)"),
    ("normal(0.0, -1.0, (2,))", "<calls>:1:13: normal expects std >= 0.0, but found std -1"),
    ("empty(3).uniform_(1, 0)", "<calls>:1:19: uniform_ expects to return a [from, to) range, but found from=1 > to=0"),
    ("empty(3).bernoulli_(2)", "<calls>:1:21: bernoulli_ expects p to be in [0, 1], but got p=2"),
    ("empty(3, dtype=torch.int64).uniform_()", "<calls>:1:1: \"check_uniform_bounds\" not implemented for 'Long': use dtype float32 or float64."),
    ("dropout(ones(3), 1.5)", "<calls>:1:18: dropout probability has to be between 0 and 1, but got 1.5"),
    ("dropout([1.0, 2.0])", "<calls>:1:9: dropout() argument 'input' must be an array, got list [1.0, 2.0]"),
    ("nn.Linear(3)", "<calls>:1:1: Linear() missing required argument 'out_features'; accepted: Linear(in_features, out_features, bias=True, device=None, dtype=None)"),
    ("nn.Linear(3, 4)(ones(3))", "<calls>:1:1: calling Linear (its forward pass) is not emulated: rngdiff samples the draws of its initialisation; print the module, or its weight"),
    ("nn.Conv2d(3, 4, 3, groups=2)", "<calls>:1:11: in_channels must be divisible by groups (in_channels=3, groups=2)"),
    ("nn.Conv2d(3, 4, 3, padding_mode='mirror')", "<calls>:1:33: padding_mode must be one of 'zeros', 'reflect', 'replicate', 'circular', got 'mirror'"),
    ("nn.Dropout(2)", "<calls>:1:12: dropout probability has to be between 0 and 1, but got 2"),
    ("nn.init.kaiming_uniform_(empty(3, 4), mode='bad')", "<calls>:1:44: Mode bad not supported, please use one of ['fan_in', 'fan_out']"),
    ("nn.init.kaiming_normal_(empty(5))", "<calls>:1:25: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape [5])"),
    ("nn.init.xavier_uniform_(empty(3, 4), gain='x')", "<calls>:1:43: xavier_uniform_() argument 'gain' must be a number, got str 'x'"),
    ("rand(3, generator=1)", "<calls>:1:19: rand(): rngdiff emulates the default generator only (torch.manual_seed); leave generator=None"),
    ("rand(3, device='cuda')", "<calls>:1:16: rand(): rngdiff emulates the CPU generator only; device must be None or 'cpu', got 'cuda'"),
    ("tensor([1, [2]])", "<calls>:1:8: tensor() needs a number, a bool, a tensor or a rectangular (nested) list of them, got list [1, [2]]"),
    ("nn.Linear(2, 3, bias=False).bias", "<calls>:1:1: this call gives a None, which has no values to print"),
  ])
  func badCallsGetOneSentenceAtTheirPlace(calls: String, message: String) {
    #expect(Self.failure(calls) == message)
  }

  @Test func unknownNamesSuggestTheClosestAndListWhatIsAccepted() {
    let message = Self.failure("rnad(3)")
    #expect(message.hasPrefix("<calls>:1:1: 'rnad' is not a torch call rngdiff knows; did you mean 'rand'? accepted: "))
    for name in ["dropout", "empty", "manual_seed", "nn", "rand", "randint", "randn", "randperm", "torch"] {
      #expect(message.contains(" \(name),") || message.hasSuffix(" \(name)"), "\(name) missing from \(message)")
    }
    #expect(Self.failure("nn.Linar(3, 4)").hasPrefix("<calls>:1:1: module 'torch.nn' has no attribute 'Linar'; did you mean 'Linear'? accepted: Conv1d, Conv2d, Conv3d, Dropout, Linear, functional, init"))
    #expect(Self.failure("empty(3).uniform(0, 1)") == "<calls>:1:1: 'torch.Tensor' object has no attribute 'uniform'")
  }

  // MARK: --seed and --config

  @Test(arguments: [
    ("'hello'", "--seed:1:1: invalid literal for int() with base 10: 'hello'"),
    ("'0x10'", "--seed:1:1: invalid literal for int() with base 10: '0x10'"),
    ("2**64", "--seed:1:1: Overflow when unpacking long long: the seed must be an int in [-2**63, 2**64 - 1], got 18446744073709551616"),
    ("-2**63 - 1", "--seed:1:1: Overflow when unpacking long long: the seed must be an int in [-2**63, 2**64 - 1], got -9223372036854775809"),
    ("1.8446744073709552e19", "--seed:1:1: Overflow when unpacking long long: the seed must be an int in [-2**63, 2**64 - 1], got 18446744073709551616"),
    ("[1, 2]", "--seed:1:1: int() argument must be a string, a bytes-like object or a real number, not 'list'"),
    ("float('nan')", "--seed:1:1: cannot convert float NaN to integer"),
    ("float('inf')", "--seed:1:1: cannot convert float infinity to integer"),
  ])
  func seedsTorchRejectsAreRefusedWithItsReason(seed: String, message: String) {
    // What torch.manual_seed raises for each (ValueError, OverflowError or TypeError).
    #expect(Self.failure("rand(1)", seed: seed) == message)
  }

  @Test func seedsGoThroughIntFirstAndKeepSixtyFourBits() throws {
    // manual_seed(2**32) and manual_seed(0) share the CPU stream; initial_seed() keeps 2**32.
    let outputs = try Self.run("initial_seed(); rand(5)", seed: "2**32")
    #expect(outputs[0].plainLines == ["4294967296"])
    #expect(Self.matches(outputs[1], try Self.golden(Self.avx2, seed: "0", calls: ["rand(5)"])[0]))
    // b'42' is int(b'42') == 42, as the golden '42' (a str) is.
    let fromBytes = try Self.run("rand(3)", seed: "b'42'")
    #expect(Self.matches(fromBytes[0], try Self.golden(Self.avx2, seed: "'42'", calls: ["initial_seed()", "rand(3)"])[1]))
  }

  @Test func unseededRunsDifferAndAreMarkedAsEntropy() throws {
    let log = DrawLog()
    let a = try Self.run("rand(4)", seed: nil, observer: log)
    let b = try Self.run("rand(4)", seed: nil)
    #expect(a[0].tensor != b[0].tensor)
    #expect(log.draws.first?.stream.seeding == .entropy)
  }

  @Test func configurationNamesAndValuesAreChecked() throws {
    #expect(Self.failure("rand(1)", options: ["cpu": "avx2"]) == "--config:1:1: torch has no configuration 'cpu'; accepted: cpu_capability=default|avx2|avx512")
    #expect(Self.failure("rand(1)", options: ["cpu_capability": "sse"]) == "--config:1:1: cpu_capability must be default, avx2 or avx512 (the names torch.backends.cpu.get_cpu_capability() prints), got 'sse'")
    // Case-insensitive, as torch.backends.cpu.get_cpu_capability() prints them (DEFAULT, AVX2, AVX512).
    let golden = try Self.golden(Self.cpuDefault, seed: "0", calls: ["randn(2000)"])[0]
    #expect(Self.matches(try Self.run("randn(2000)", options: ["cpu_capability": "DEFAULT"])[0], golden))
    let avx512 = try Self.run("randn(2000)", options: ["cpu_capability": "AVX512"])[0]
    #expect(Self.matches(avx512, try Self.golden(Self.avx2, seed: "0", calls: ["randn(2000)"])[0]))
  }

  /// The profile is load-bearing: values made under one kernel do not match
  /// the goldens of the other, on the float32 vector normals and on
  /// `uniform_` with odd bounds; without `--config` the profile is AVX2.
  @Test(arguments: ["randn(2000)", "empty(300).uniform_(-0.37, 1.9)"])
  func cpuCapabilityChangesValues(call: String) throws {
    let avx2 = try Self.golden(Self.avx2, seed: "0", calls: [call])[0]
    let cpuDefault = try Self.golden(Self.cpuDefault, seed: "0", calls: [call])[0]
    let unconfigured = try Self.run(call)[0]
    let underDefault = try Self.run(call, options: ["cpu_capability": "default"])[0]
    #expect(Self.matches(unconfigured, avx2) && !Self.matches(unconfigured, cpuDefault))
    #expect(Self.matches(underDefault, cpuDefault) && !Self.matches(underDefault, avx2))
  }

  // MARK: Session state

  @Test func callsContinueTheSameGenerator() throws {
    // rand(2); rand(3) draws what rand(5) draws; a manual_seed inside the calls restarts it.
    let five = try Self.golden(Self.avx2, seed: "0", calls: ["rand(5)"])[0]["values"]?.array ?? []
    let outputs = try Self.run("rand(2); rand(3); manual_seed(0); rand(2)")
    #expect(outputs.count == 3, "manual_seed's generator prints nothing")
    #expect(GoldenSampleCases.firstMismatch(outputs[0].tensor, Array(five[0..<2])) == nil)
    #expect(GoldenSampleCases.firstMismatch(outputs[1].tensor, Array(five[2..<5])) == nil)
    #expect(GoldenSampleCases.firstMismatch(outputs[2].tensor, Array(five[0..<2])) == nil)
    #expect(outputs.map(\.call) == [0, 1, 3])
  }

  @Test func moduleParametersAreTensorsWithIdentity() throws {
    // Initialising l.weight again changes what l prints; the bias keeps its draw.
    let linear = try Self.golden(Self.avx2, seed: "0", calls: ["nn.Linear(3, 4)"])
    let outputs = try Self.run("l = nn.Linear(3, 4); nn.init.zeros_(l.weight); l")
    #expect(outputs.map(\.name) == [nil, "weight", "bias"])
    #expect(outputs[1].tensor == Tensor(shape: [4, 3], float32: Array(repeating: 0, count: 12)))
    #expect(Self.matches(outputs[2], linear[1]))
    let attributes = try Self.run("l = nn.Conv2d(4, 6, (3, 5), groups=2); l.kernel_size; l.in_channels; l.weight.shape")
    #expect(attributes.map(\.plainLines) == [["3", "5"], ["4"], ["6", "2", "3", "5"]])
  }

  // MARK: Draw reports

  @Test func everyCallReportsOnceWithContiguousCounters() throws {
    let log = DrawLog()
    _ = try Self.run(
      "rand(3); randn(3); randn(1); empty(4).uniform_(-1, 1); randint(0, 10, (4,)); randperm(5); "
        + "dropout(ones(4), 0.5); nn.Linear(3, 2); empty(2, dtype=torch.int64).random_(0, 5); "
        + "dropout(ones(4), 0.0); manual_seed(7); rand(2)",
      observer: log)
    // Words per PyTorch's kernels: float32 uniforms 1 each, a scalar normal pair 4 and its
    // cached half 0, randperm n - 1, bernoulli 2 per element; Linear reports its weight's
    // kaiming_uniform_ and its bias's uniform_; dropout(p=0) draws nothing and reports nothing.
    #expect(log.draws.map(\.operation) == [
      "rand", "randn", "randn", "uniform_", "randint", "randperm", "dropout", "kaiming_uniform_", "uniform_", "random_", "rand",
    ])
    #expect(log.draws.map(\.count) == [3, 8, 0, 4, 4, 4, 8, 6, 2, 2, 2])
    var counter: UInt64 = 0
    for draw in log.draws.prefix(10) {
      #expect(draw.counterBefore == counter)
      counter = draw.counterAfter
      #expect(draw.stream.name == "cpu-default" && draw.stream.seeding == .explicit(call: "torch.manual_seed(0)"))
    }
    let reseeded = try #require(log.draws.last)
    #expect(reseeded.counterBefore == 0 && reseeded.stream.seeding == .explicit(call: "torch.manual_seed(7)"))
  }

  // MARK: docs/sample.md

  /// Every torch example in docs/sample.md's framework table runs and gives
  /// the golden values of that call alone under `torch.manual_seed(0)`.
  @Test func theDocumentedExamplesGiveTheGoldenValues() throws {
    let docs = try String(contentsOf: Fixtures.repositoryRoot().appendingPathComponent("docs/sample.md"), encoding: .utf8)
    let row = try #require(docs.split(separator: "\n").first { $0.hasPrefix("| `torch` |") })
    let cells = row.split(separator: "|")
    let examples = cells[cells.count - 1].split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    #expect(examples.count >= 7)
    for example in examples {
      let outputs = try Self.run(example)
      let golden = try Self.golden(Self.avx2, seed: "0", calls: [example])
      #expect(outputs.count == golden.count, "\(example)")
      for (output, want) in zip(outputs, golden) {
        #expect(Self.matches(output, want) && output.name == want["name"]?.string, "\(example)")
      }
    }
  }
}
