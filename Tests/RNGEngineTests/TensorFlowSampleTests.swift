import PythonSubset
import RNGEngine
import RNGStreams
import Testing

/// `rngdiff sample tensorflow` through the real code path: what bad input
/// says, and what the binding reports to an observer. Values are checked
/// against the real library in GoldenSampleCases.
@Suite struct TensorFlowSample {
  func run(_ calls: String, seed: String? = nil, options: [String: String] = [:], observer: (any DrawObserver)? = nil) throws -> [SampleOutput] {
    try SampleSession.run(framework: .tensorflow, seed: seed, calls: calls, options: options, observer: observer)
  }

  func failure(_ calls: String, seed: String? = "0", options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, seed: seed, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func unknownCallsGetASuggestion() {
    #expect(failure("unifrom([3])").hasPrefix("<calls>:1:1: 'unifrom' is not a tensorflow call rngdiff knows; did you mean 'uniform'? accepted: Algorithm, Generator, all_candidate_sampler, categorical, constant, create_rng_state, experimental, fixed_unigram_candidate_sampler, float32,"))
    #expect(failure("nn.droput(ones([4]), 0.5)") == "<calls>:1:1: module 'tf.nn' has no attribute 'droput'; did you mean 'dropout'? accepted: all_candidate_sampler, dropout, experimental, fixed_unigram_candidate_sampler, learned_unigram_candidate_sampler")
  }

  @Test func wrongArgumentsSayWhatIsAccepted() {
    let accepted = "accepted: uniform(shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None)"
    #expect(failure("uniform([2], sed=1)") == "<calls>:1:18: uniform() got an unexpected keyword argument 'sed'; \(accepted)")
    #expect(failure("uniform([2], 0, 1, float32, 1, None, 7)") == "<calls>:1:38: uniform() takes at most 6 positional arguments but 7 were given; \(accepted)")
    #expect(failure("uniform()") == "<calls>:1:1: uniform() missing required argument 'shape'; \(accepted)")
    #expect(failure("uniform(3)") == "<calls>:1:9: uniform() argument 'shape' must be a list or tuple of ints such as [3] or (2, 3), got int 3")
    #expect(failure("uniform([3], seed=1.5)") == "<calls>:1:19: uniform() argument 'seed' must be an int or None, got float 1.5")
    #expect(failure("uniform([2], dtype='float16')") == "<calls>:1:20: uniform() argument 'dtype' must be one of the dtypes rngdiff emulates (float32, float64, int32, int64), got str 'float16'")
    #expect(failure("stateless_uniform([2], seed=[2**63, 1])") == "<calls>:1:29: Can't convert Python sequence with out-of-range integer to Tensor: 9223372036854775808 does not fit in int64.")
    #expect(failure("shuffle([[1], [2, 3]])") == "<calls>:1:9: shuffle() argument 'value' must be a tensor, a number or a (nested) list of numbers of the same length at each level, got list [[1], [2, 3]]")
    #expect(failure("ones([2**40, 2**40])") == "<calls>:1:6: shape [1099511627776, 1099511627776] has more elements than fit in memory.")
    #expect(failure("function(lambda: 1, jit_compile=True)") == "<calls>:1:33: function() with jit_compile=True compiles with XLA, whose random ops rngdiff does not emulate; leave it None")
  }

  /// Messages TensorFlow 2.21 gives for the same calls, in rngdiff's words.
  @Test func valuesTensorFlowRejects() {
    #expect(failure("uniform([2], minval=5, maxval=5, dtype=int32)") == "<calls>:1:31: Need minval < maxval: 5 >= 5.")
    #expect(failure("uniform([2], dtype=int32)") == "<calls>:1:1: Must specify maxval for integer dtype int32.")
    #expect(failure("uniform([2], maxval=2.5, dtype=int32)") == "<calls>:1:21: maxval=2.5 cannot be converted to a tensor of dtype int32; pass an int.")
    #expect(failure("uniform([-1])") == "<calls>:1:9: Dimension -1 in shape [-1] must be >= 0.")
    #expect(failure("normal([2], dtype=int32)") == "<calls>:1:19: tf.random.normal takes dtype float32 or float64, got int32.")
    #expect(failure("nn.dropout(ones([4]), 1.0)") == "<calls>:1:23: rate must be a scalar tensor or a float in the range [0, 1), got 1.0.")
    #expect(failure("nn.dropout(constant([1, 2]), 0.5)") == "<calls>:1:12: x.dtype must be a floating point tensor, got int32.")
    #expect(failure("stateless_uniform([2], seed=[1, 2, 3])") == "<calls>:1:29: seed must have shape [2], got 3 element(s).")
    #expect(failure("uniform([1])", seed: nil, options: ["enable_op_determinism": "true"]) == "<calls>:1:1: Random ops require a seed to be set when determinism is enabled; call tf.random.set_seed(seed) first.")
  }

  /// `split`, `fold_in`, `stateless_shuffle` and `alg=`: TensorFlow 2.21's
  /// errors for the same calls, in rngdiff's words.
  @Test func statelessSeedOpsRejectWhatTensorFlowRejects() {
    #expect(failure("split([1, 2], num=-1)") == "<calls>:1:19: Dimension -1 must be >= 0 (num is the first dimension of the [num, 2] result).")
    #expect(failure("split([1, 2, 3])") == "<calls>:1:7: seed must have shape [2], got 3 element(s).")
    #expect(failure("split([1, 2], num=None)") == "<calls>:1:19: split() argument 'num' must be an int such as 2, got None")
    #expect(failure("split([1.5, 2])") == "<calls>:1:7: split() argument 'seed' must be an int32 or int64 seed such as [1, 2], got a float32 tensor")
    #expect(failure("fold_in([1, 2], [3])") == "<calls>:1:17: Shapes of all inputs must match: values[0].shape = [] != values[1].shape = [1] (data must be a scalar).")
    #expect(failure("experimental.stateless_fold_in([1, 2], 1.5)") == "<calls>:1:40: stateless_fold_in() argument 'data' must be an int32 or int64 scalar such as 3, got a float32 tensor")
    #expect(failure("experimental.stateless_shuffle([1, 2], seed=[1])") == "<calls>:1:45: seed must have shape [2], got 1 element(s).")
    #expect(failure("stateless_uniform([3], seed=[1, 2], alg='threefry')") == "<calls>:1:41: alg \"threefry\" (ThreeFry) fails on CPU in TensorFlow: its counter is one 64-bit word and the CPU kernels need Philox's two (InvalidArgumentError: counter must be a vector with length at least 2); use \"philox\" or \"auto_select\".")
    #expect(failure("stateless_uniform([3], seed=[1, 2], alg=2)").hasPrefix("<calls>:1:41: alg \"threefry\" (ThreeFry) fails on CPU"))
    #expect(failure("split([1, 2], alg='foo')") == "<calls>:1:19: Argument `alg` got unsupported value foo. Supported values are philox for the Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.")
    #expect(failure("experimental.stateless_shuffle([1, 2], seed=[1, 2], alg=7)") == "<calls>:1:57: Unsupported algorithm id: 7.")
  }

  @Test func seedsAndOptionsTensorFlowDoesNotTake() {
    #expect(failure("uniform([2])", seed: "'a'") == "--seed:1:1: set_seed() argument 'seed' must be an int or None, got str 'a'")
    #expect(failure("uniform([2])", seed: "1.5") == "--seed:1:1: set_seed() argument 'seed' must be an int or None; TensorFlow accepts a float seed such as 1.5 but rngdiff does not emulate it")
    #expect(failure("uniform([2])", options: ["foo": "1"]) == "--config:1:1: unknown tensorflow config 'foo'; accepted: enable_op_determinism")
    #expect(failure("uniform([2])", options: ["enable_op_determinism": "yes"]) == "--config:1:1: --config enable_op_determinism takes true or false (also True, False, 1, 0), got 'yes'")
  }

  /// One report per op, contiguous counters per stream (stateless streams
  /// restart at 0 by design), and op-seed draws only for seedless ops.
  @Test func everyCallReportsOnceWithContiguousCounters() throws {
    let log = DrawLog()
    let calls = """
      uniform([3]); uniform([3], seed=5); uniform([7], seed=5); nn.dropout(ones([5]), 0.5, seed=5); \
      truncated_normal([9]); shuffle(list(range(10)), seed=2); categorical([[0.0, 1.0]], 5, seed=3); \
      stateless_uniform([3], seed=[1, 2]); nn.experimental.stateless_dropout(ones([4]), 0.5, seed=[1, 2]); \
      f = function(lambda: [uniform([2]), normal([2])]); f(); f()
      """
    _ = try run(calls, seed: "1234", observer: log)
    let philox = log.draws.filter { $0.stream.algorithm == .philox4x32_10 }
    #expect(philox.count == 13)
    #expect(log.draws.filter { $0.stream.name == "eager-op-seeds" }.count == 2)
    var next: [StreamIdentity: UInt64] = [:]
    for draw in log.draws {
      if draw.stream.name.hasPrefix("stateless(") {
        #expect(draw.counterBefore == 0)
        continue
      }
      #expect(draw.counterBefore == next[draw.stream] ?? 0, "\(draw.stream.name)")
      next[draw.stream] = draw.counterAfter
    }
    // The traced function's two nodes are kernels of their own, replayed by the second call.
    let nodes = philox.filter { $0.stream.name.hasPrefix("function#1/") }
    #expect(nodes.map(\.stream.name) == [
      "function#1/0:op(1234,0)/RandomUniform/float32", "function#1/1:op(1234,1)/RandomStandardNormal/float32",
      "function#1/0:op(1234,0)/RandomUniform/float32", "function#1/1:op(1234,1)/RandomStandardNormal/float32",
    ])
  }

  /// No seed at all: seedless ops are seeded from entropy and differ from
  /// run to run; an op seed alone is deterministic (graph seed 87654321).
  @Test func withoutASeedOnlyOpSeedsRepeat() throws {
    let a = try run("uniform([16]); uniform([16], seed=3)")
    let b = try run("uniform([16]); uniform([16], seed=3)")
    #expect(a[0].tensor != b[0].tensor)
    #expect(a[1].tensor == b[1].tensor)
    let log = DrawLog()
    _ = try run("uniform([2])", observer: log)
    #expect(log.draws.first?.stream.seeding == .entropy)
  }
}
