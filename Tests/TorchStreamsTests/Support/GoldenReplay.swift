import RNGStreams
import TorchStreams

/// Replays golden cases through the TorchStreams API and compares bit for bit.
enum GoldenReplay {
  struct Result {
    var cases = 0
    var values = 0
    var failures: [String] = []
  }

  static func generator(seed: GoldenSeed, kernel: TorchCPUKernel) throws -> TorchGenerator {
    switch seed {
    case .signed(let s): return try TorchGenerator(seed: s, kernel: kernel)
    case .unsigned(let s): return try TorchGenerator(seed: s, kernel: kernel)
    }
  }

  /// Runs every case of `cases` on a fresh generator emulating `kernel`.
  static func run(_ cases: [GoldenCase], kernel: TorchCPUKernel, where include: (GoldenCase) -> Bool = { _ in true }) -> Result {
    var result = Result()
    for golden in cases where include(golden) {
      result.cases += 1
      let label = "seed \(golden.seed): \(golden.calls.joined(separator: "; "))"
      do {
        var evaluator = CallEvaluator(generator: try generator(seed: golden.seed, kernel: kernel))
        var produced: [CallEvaluator.Output] = []
        for call in golden.calls { produced += try evaluator.run(call) }
        guard produced.count == golden.outputs.count else {
          result.failures.append("\(label): \(produced.count) outputs, expected \(golden.outputs.count)")
          continue
        }
        for (output, expected) in zip(produced, golden.outputs) {
          result.values += expected.count
          if let problem = compare(output, expected) { result.failures.append("\(label) [\(expected.expr)]: \(problem)") }
        }
      } catch {
        result.failures.append("\(label): threw \(error)")
      }
    }
    return result
  }

  /// `nil` when `output` equals `expected` in dtype, shape, name and every bit.
  static func compare(_ output: CallEvaluator.Output, _ expected: GoldenOutput) -> String? {
    if output.dtype.name != expected.dtype { return "dtype \(output.dtype.name), expected \(expected.dtype)" }
    if output.shape != expected.shape { return "shape \(output.shape), expected \(expected.shape)" }
    if output.name != expected.name { return "name \(output.name ?? "-"), expected \(expected.name ?? "-")" }
    if output.values.count != expected.count { return "\(output.values.count) values, expected \(expected.count)" }
    switch output.values {
    case .float32(let v):
      // Goldens hold float32 values widened to double: widen ours and compare bits.
      return firstMismatch(v.map { Double($0).bitPattern }, expected.floats.map(\.bitPattern))
    case .float64(let v):
      return firstMismatch(v.map(\.bitPattern), expected.floats.map(\.bitPattern))
    case .bool(let v):
      return v == expected.bools ? nil : "bools differ: \(v.prefix(8)) vs \(expected.bools.prefix(8))"
    default:
      let ints = output.values.integers ?? []
      return ints == expected.integers ? nil : "integers differ: \(ints.prefix(8)) vs \(expected.integers.prefix(8))"
    }
  }

  /// Both arrays hold float64 bit patterns.
  private static func firstMismatch(_ got: [UInt64], _ want: [UInt64]) -> String? {
    let bad = zip(got, want).enumerated().filter { $0.element.0 != $0.element.1 }
    guard let first = bad.first else { return nil }
    return "\(bad.count) of \(got.count) values differ; first at \(first.offset): \(Double(bitPattern: first.element.0)) vs \(Double(bitPattern: first.element.1))"
  }
}
