import PythonSubset
import TorchStreams

/// The seed `torch.manual_seed(seed)` uses for a Python value: `int(seed)`
/// first (so `1.7` is 1, `-1.7` is -1, `'42'` is 42, `True` is 1), then
/// PyTorch's range check, `[-2**63, 2**64 - 1]`.
///
/// ```swift
/// try torchSeed(Located(.float(1.7), range))     // 1
/// try torchSeed(Located(.string("x"), range))    // throws "invalid literal for int() with base 10: 'x'"
/// ```
///
/// - Throws: ``EvaluationError`` at the seed's range: CPython's `int()` error
///   for values `int()` rejects, PyTorch's overflow error outside the range.
func torchSeed(_ seed: Located<Value>) throws -> Int128 {
  let value = try Builtins.int(of: seed.value, at: seed.range)
  if let unsigned = value.uint64 { return Int128(unsigned) }
  if let signed = value.int64 { return Int128(signed) }
  throw EvaluationError(TorchGenerator.seedOutOfRange(value.description).message, at: seed.range)
}
