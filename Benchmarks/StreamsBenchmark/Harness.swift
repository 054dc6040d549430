import Foundation

/// A measurement in reference.py's output to compare a case with.
struct Reference {
  /// The key in reference.py's rates, e.g. "numpy.mt19937.raw32".
  var key: String
  /// How many of the case's values one reference value is worth, when they
  /// differ in width (2 for 32-bit words against NumPy's 64-bit raw draws):
  /// the reference rate is multiplied by it, so the ratio compares equal bits.
  var scale = 1.0
  /// Printed after the ratio, e.g. why the reference is a different algorithm.
  var note: String? = nil
}

/// One throughput measurement: a bulk call that makes `draws` values.
struct BenchmarkCase {
  /// What is measured, e.g. "MT19937 u32".
  var name: String
  /// What to compare it with, best first: the first whose key the
  /// reference run measured is used (the same algorithm in another library
  /// before a near one).
  var references: [Reference]
  /// Values produced per call of `body`.
  var draws: Int
  /// One bulk call; returns something derived from the values so the work
  /// cannot be optimised away.
  var body: () -> UInt64

  init(name: String, references: [Reference], draws: Int, body: @escaping () -> UInt64) {
    self.name = name
    self.references = references
    self.draws = draws
    self.body = body
  }

  /// A case with one reference measurement of the same thing, or none.
  init(name: String, reference: String?, draws: Int, body: @escaping () -> UInt64) {
    self.init(name: name, references: reference.map { [Reference(key: $0)] } ?? [], draws: draws, body: body)
  }
}

/// Keeps results alive so the optimiser cannot drop the measured work.
nonisolated(unsafe) var blackHole: UInt64 = 0

/// Best-of-`repeats` draws per second.
func measure(_ c: BenchmarkCase, repeats: Int) -> Double {
  blackHole ^= c.body()  // warm up
  var best = Double.infinity
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    blackHole ^= c.body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    best = min(best, seconds)
  }
  return Double(c.draws) / best
}

/// Runs reference.py with `python` and returns its rates and versions.
func referenceRates(python: String, count: Int) -> (rates: [String: Double], versions: [String: String])? {
  let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference.py").path
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = [script, String(count)]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do { try process.run() } catch { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let rates = object["rates"] as? [String: Double]
  else { return nil }
  let versions = (object["versions"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
  return (rates, versions)
}

/// Runs reference.py with each of `pythons` and merges what they measured;
/// a key measured by several keeps the first Python's rate.
func referenceRates(pythons: [String], count: Int) -> (rates: [String: Double], versions: [String: String])? {
  var merged: (rates: [String: Double], versions: [String: String])? = nil
  for python in pythons {
    guard let one = referenceRates(python: python, count: count) else { continue }
    var result = merged ?? ([:], [:])
    result.rates.merge(one.rates) { first, _ in first }
    result.versions.merge(one.versions) { first, _ in first }
    merged = result
  }
  return merged
}

func formatRate(_ r: Double) -> String {
  r >= 1e9 ? String(format: "%7.2f G/s", r / 1e9) : String(format: "%7.1f M/s", r / 1e6)
}
