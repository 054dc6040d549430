import Foundation

/// One throughput measurement: a bulk call that makes `draws` values.
struct BenchmarkCase {
  /// What is measured, e.g. "MT19937 u32".
  var name: String
  /// The key of the same measurement in reference.py's output, if any.
  var reference: String?
  /// Values produced per call of `body`.
  var draws: Int
  /// How many of this case's values one reference value is worth, when they
  /// differ in width (2 for 32-bit words against NumPy's 64-bit raw draws):
  /// the reference rate is multiplied by it, so the ratio compares equal bits.
  var referenceScale = 1.0
  /// Printed after the ratio, e.g. why the reference is a different algorithm.
  var note: String? = nil
  /// One bulk call; returns something derived from the values so the work
  /// cannot be optimised away.
  var body: () -> UInt64

  init(
    name: String, reference: String?, draws: Int, referenceScale: Double = 1, note: String? = nil,
    body: @escaping () -> UInt64
  ) {
    self.name = name
    self.reference = reference
    self.draws = draws
    self.referenceScale = referenceScale
    self.note = note
    self.body = body
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

func formatRate(_ r: Double) -> String {
  r >= 1e9 ? String(format: "%7.2f G/s", r / 1e9) : String(format: "%7.1f M/s", r / 1e6)
}
