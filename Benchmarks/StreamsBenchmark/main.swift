import Foundation

// StreamsBenchmark: draws per second of every rngdiff generator and main
// distribution, beside the same measurement in NumPy and PyTorch on the same
// machine. Release build only:
//
//   swift run -c release StreamsBenchmark [--count N] [--python PATH]... [--filter TEXT]
//
// PATH is a Python with numpy (and optionally torch, jax, tensorflow);
// default: python3. Give --python several times to merge the measurements of
// several environments (e.g. one with PyTorch, one with TensorFlow).
// Not part of `swift test`: speed is measured here, never in unit tests.

var count = 10_000_000
var pythons: [String] = []
var filter: String?
var arguments = CommandLine.arguments.dropFirst()
while let a = arguments.popFirst() {
  switch a {
  case "--count": count = Int(arguments.popFirst() ?? "") ?? count
  case "--python": if let p = arguments.popFirst() { pythons.append(p) }
  case "--filter": filter = arguments.popFirst()
  default:
    print("usage: StreamsBenchmark [--count N] [--python PATH]... [--filter TEXT]")
    exit(2)
  }
}
if pythons.isEmpty { pythons = [ProcessInfo.processInfo.environment["RNGDIFF_BENCH_PYTHON"] ?? "/usr/bin/python3"] }

#if DEBUG
print("warning: debug build; run with -c release for meaningful numbers")
#endif

let cases = allCases(count: count).filter { filter == nil || $0.name.localizedCaseInsensitiveContains(filter!) }
print("rngdiff StreamsBenchmark: \(count) draws per call, best of 5, one thread")
let reference = referenceRates(pythons: pythons, count: count)
if let reference {
  print("reference: " + reference.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
} else {
  print("reference: unavailable (\(pythons.joined(separator: ", ")) could not run reference.py with numpy)")
}
print("")
print("case".padding(toLength: 40, withPad: " ", startingAt: 0) + "   rngdiff        reference     ratio")
for c in cases {
  let rate = measure(c, repeats: 5)
  var line = c.name.padding(toLength: 40, withPad: " ", startingAt: 0) + formatRate(rate)
  if let r = c.references.first(where: { reference?.rates[$0.key] != nil }), let raw = reference?.rates[r.key] {
    let ref = raw * r.scale
    let scale = r.scale == 1 ? "" : String(format: " ×%g", r.scale)
    line += "   " + formatRate(ref) + String(format: "   %5.2fx", rate / ref) + "  (\(r.key)\(scale))"
    if let note = r.note { line += "  " + note }
  }
  print(line)
}
if blackHole == 42 { print("") }
