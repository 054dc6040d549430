import Foundation

// StreamsBenchmark: draws per second of every rngdiff generator and main
// distribution, beside the same measurement in NumPy and PyTorch on the same
// machine. Release build only:
//
//   swift run -c release StreamsBenchmark [--count N] [--python PATH] [--filter TEXT]
//
// PATH is a Python with numpy (and optionally torch); default: python3.
// Not part of `swift test`: speed is measured here, never in unit tests.

var count = 10_000_000
var python = ProcessInfo.processInfo.environment["RNGDIFF_BENCH_PYTHON"] ?? "/usr/bin/env"
var pythonArguments: [String] = []
var filter: String?
var arguments = CommandLine.arguments.dropFirst()
while let a = arguments.popFirst() {
  switch a {
  case "--count": count = Int(arguments.popFirst() ?? "") ?? count
  case "--python": python = arguments.popFirst() ?? python
  case "--filter": filter = arguments.popFirst()
  default:
    print("usage: StreamsBenchmark [--count N] [--python PATH] [--filter TEXT]")
    exit(2)
  }
}
if python == "/usr/bin/env" { python = "/usr/bin/python3" }

#if DEBUG
print("warning: debug build; run with -c release for meaningful numbers")
#endif

let cases = allCases(count: count).filter { filter == nil || $0.name.localizedCaseInsensitiveContains(filter!) }
print("rngdiff StreamsBenchmark: \(count) draws per call, best of 5, one thread")
let reference = referenceRates(python: python, count: count)
if let reference {
  print("reference: " + reference.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
} else {
  print("reference: unavailable (\(python) could not run reference.py with numpy)")
}
print("")
print("case".padding(toLength: 40, withPad: " ", startingAt: 0) + "   rngdiff        reference     ratio")
for c in cases {
  let rate = measure(c, repeats: 5)
  var line = c.name.padding(toLength: 40, withPad: " ", startingAt: 0) + formatRate(rate)
  if let key = c.reference, let raw = reference?.rates[key] {
    let ref = raw * c.referenceScale
    let scale = c.referenceScale == 1 ? "" : String(format: " ×%g", c.referenceScale)
    line += "   " + formatRate(ref) + String(format: "   %5.2fx", rate / ref) + "  (\(key)\(scale))"
  }
  if let note = c.note { line += "  " + note }
  print(line)
}
if blackHole == 42 { print("") }
