// Test support: selected cases of fixtures/reference/keras/keras-<backend>.jsonl,
// looked up by their calls, for tests that drive the Keras3 Swift API directly.
// (Every case also runs through `rngdiff sample keras` in GoldenSampleCases.)

import KerasStreams
import TestSupport

/// One printed output of a golden case.
struct Keras3GoldenOutput {
  var call: Int
  var dtype: String
  var shape: [Int]
  /// The values as the JSON wrote them (`Double(text)` reads them exactly).
  var texts: [String]
}

enum Keras3GoldenCases {
  /// The golden file of `backend`, loaded once.
  static func file(_ backend: Keras3.Backend) throws -> GoldenFile {
    try GoldenFile.load(Fixtures.url("reference/keras/keras-\(backend.rawValue).jsonl").path)
  }

  /// The outputs of the case whose seed and calls are exactly these.
  static func outputs(_ backend: Keras3.Backend, seed: Int64?, calls: [String]) throws -> [Keras3GoldenOutput] {
    for c in try file(backend).cases {
      let caseCalls = (c["calls"]?.array ?? []).compactMap(\.string)
      let caseSeed = c["seed"]?.number.flatMap { Int64($0) }
      guard caseCalls == calls, caseSeed == seed else { continue }
      return (c["outputs"]?.array ?? []).map { o in
        Keras3GoldenOutput(
          call: o["call"]?.int ?? -1, dtype: o["dtype"]?.string ?? "",
          shape: (o["shape"]?.array ?? []).compactMap(\.int),
          texts: (o["values"]?.array ?? []).map { v in
            if case .bool(let b) = v { return b ? "1" : "0" }
            return v.number ?? "?"
          })
      }
    }
    throw GoldenCaseMissing(calls: calls)
  }

  struct GoldenCaseMissing: Error, CustomStringConvertible {
    var calls: [String]
    var description: String { "no golden case with calls \(calls)" }
  }

  /// nil when `tensor` equals the golden output bit for bit; else what differs.
  static func mismatch(_ tensor: Keras3.Tensor, _ want: Keras3GoldenOutput) -> String? {
    guard tensor.dtype.rawValue == want.dtype else { return "dtype \(tensor.dtype.rawValue), expected \(want.dtype)" }
    guard tensor.shape == want.shape else { return "shape \(tensor.shape), expected \(want.shape)" }
    let got =
      tensor.values.isFloatingPoint
      ? tensor.values.doubles.map { String($0.bitPattern) } : (tensor.values.integers ?? []).map { String($0) }
    let expected = tensor.dtype.isFloatingPoint ? want.texts.map { Double($0).map { String($0.bitPattern) } ?? $0 } : want.texts
    guard got.count == expected.count else { return "\(got.count) values, expected \(expected.count)" }
    if let i = got.indices.first(where: { got[$0] != expected[$0] }) {
      return "element \(i) differs (expected \(want.texts[i]))"
    }
    return nil
  }
}
