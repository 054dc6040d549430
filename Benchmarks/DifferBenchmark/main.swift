// DifferBenchmark: rngdiff's streaming differ against cmp(1) and GNU diff(1).
//
//   swift build -c release --product DifferBenchmark
//   .build/release/DifferBenchmark [--events N] [--runs N] [--dir DIR] [--keep] [--diff-timeout S]
//
// Generates, under a temporary directory (never in the repository), a base
// trace of N events (default 10,000,000) and three traces to compare it with:
// an identical one, one with an extra draw early on (every later draw on its
// stream shifts), and one whose values diverge late (at 95%). For each pair
// it runs cmp, the differ (this program with --time-diff) and GNU diff as
// child processes under /usr/bin/time -v, `--runs` times (default 5),
// interleaved, and prints the medians of wall time, CPU time (user + system,
// all threads) and peak RSS, and their ratios.
//
// Internal modes: --time-diff A B (one diff in this process), --time-html A B
// OUT (the diff with every divergence listed, then the HTML page, written to
// OUT; prints the page's size and both times), --time-read F
// (read one trace), --time-scan F (the line scanner alone, fast path and
// general, on a file held in memory).

import Foundation
import RNGDiffer
import RNGTrace

// MARK: Arguments

var events = 10_000_000
var directory: String? = nil
var keep = false
var diffTimeout = 300.0
var runs = 5
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
  let arg = arguments.removeFirst()
  switch arg {
  case "--events": events = Int(arguments.removeFirst()) ?? events
  case "--dir": directory = arguments.removeFirst()
  case "--keep": keep = true
  case "--diff-timeout": diffTimeout = Double(arguments.removeFirst()) ?? diffTimeout
  case "--runs": runs = max(1, Int(arguments.removeFirst()) ?? runs)
  case "--time-read":
    // Internal: time reading (scanning and checking) one trace, nothing else.
    let path = arguments.removeFirst()
    let t = now(), c = cpuSeconds(), u = userSeconds()
    let reader = try TraceReader(path: path)
    var n = 0
    while try reader.advance() { n += 1 }
    print(String(format: "read %d events in %.3f s wall, %.3f s CPU (%.3f user)", n, now() - t, cpuSeconds() - c, userSeconds() - u))
    exit(0)
  case "--time-scan":
    // Internal: time the JSON scan alone over every line of a file held in memory.
    let path = arguments.removeFirst()
    let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) + [0]
    let storage = LayoutStorage()
    var layout = storage.layout
    var lines = 0, memchrTime = 0.0
    let t0 = now()
    data.withUnsafeBufferPointer { buf in
      var start = 0
      let base = buf.baseAddress!
      while start < buf.count - 1 {
        guard let nl = memchr(base + start, 0x0A, buf.count - 1 - start) else { break }
        let end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
        lines += 1
        start = end + 1
      }
      memchrTime = now() - t0
      for general in [false, true] {
        var best = Double.infinity
        for _ in 0..<5 {
          let t1 = now()
          start = 0
          while start < buf.count - 1 {
            guard let nl = memchr(base + start, 0x0A, buf.count - 1 - start) else { break }
            let end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
            var cursor = JSONCursor(base: base + start, count: end - start)
            if general { try? cursor.scanGeneralEventObject(into: &layout) } else { try? cursor.scanEventObject(into: &layout) }
            start = end + 1
          }
          best = min(best, now() - t1)
        }
        print(String(format: "%d lines: memchr %.3f s, memchr+scan (%@) %.3f s (best of 5)", lines, memchrTime,
                     (general ? "general scanner" : "canonical fast path") as NSString, best))
      }
      // How many lines the fast path takes on its own.
      var fast = 0
      start = 0
      while start < buf.count - 1 {
        guard let nl = memchr(base + start, 0x0A, buf.count - 1 - start) else { break }
        let end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
        var cursor = JSONCursor(base: base + start, count: end - start)
        if cursor.scanCanonicalEvent(into: &layout) != nil { fast += 1 }
        start = end + 1
      }
      print("\(fast) of \(lines) lines take the fast path")
    }
    exit(0)
  case "--time-prescan":
    // Internal: the read-ahead thread's work (split, scan, check) on one thread, best of 5.
    let path = arguments.removeFirst()
    let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var best = Double.infinity
    for _ in 0..<5 {
      let t = now()
      let lines = LineBatch.prescanAll(data)
      best = min(best, now() - t)
      if best == now() - t { print("\(lines) lines") }
    }
    print(String(format: "split + scan + check: %.3f s (best of 5)", best))
    exit(0)
  case "--time-diff":
    // Internal: time one diff in this process.
    let a = arguments.removeFirst(), b = arguments.removeFirst()
    let t = now(), c = cpuSeconds(), u = userSeconds()
    let report = try TraceDiffer.diff(a: a, b: b)
    let kinds = report.diagnoses.prefix(2).map(\.kind.rawValue).joined(separator: ", ")
    print(String(format: "%@ in %.3f s wall, %.3f s CPU (%.3f user), peak RSS %@", report.verdict.rawValue as NSString, now() - t,
                 cpuSeconds() - c, userSeconds() - u, mb(peakRSSKiB()) as NSString))
    print("\(report.verdict.rawValue)\(kinds.isEmpty ? "" : " (\(kinds))"), \(report.diagnoses.count) cause(s), "
          + "\(report.diagnoses.first?.effectEvents ?? 0) effect events")
    exit(0)
  case "--time-html":
    // Internal: time the diff and the --html page of one pair in this
    // process, write the page, and print its size.
    let a = arguments.removeFirst(), b = arguments.removeFirst(), out = arguments.removeFirst()
    var options = DiffOptions()
    options.all = true
    let t = now(), c = cpuSeconds()
    let report = try TraceDiffer.diff(a: a, b: b, options: options)
    let t1 = now(), c1 = cpuSeconds()
    let page = try report.html(a: TraceReader(path: a), b: TraceReader(path: b))
    let t2 = now(), c2 = cpuSeconds()
    try Data(page.utf8).write(to: URL(fileURLWithPath: out))
    print(String(format: "%@: diff %.3f s wall (%.3f s CPU), page %.3f s wall (%.3f s CPU), %d bytes, peak RSS %@",
                 report.verdict.rawValue as NSString, t1 - t, c1 - c, t2 - t1, c2 - c1, page.utf8.count, mb(peakRSSKiB()) as NSString))
    exit(0)
  case "--generate":
    // Child mode: write the four traces into the given directory.
    let dir = arguments.removeFirst()
    let n = Int(arguments.removeFirst()) ?? events
    try generate(into: dir, events: n)
    exit(0)
  default:
    FileHandle.standardError.write("usage: DifferBenchmark [--events N] [--runs N] [--dir DIR] [--keep] [--diff-timeout S]\n".data(using: .utf8)!)
    exit(2)
  }
}

// MARK: Generation

/// Buffered raw writes to a file.
final class Sink {
  let handle: FileHandle
  var buffer: [UInt8] = []
  init(_ path: String) throws {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    buffer.reserveCapacity(1 << 22)
  }
  func write(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    buffer.append(0x0A)
    if buffer.count >= 1 << 22 { try flush() }
  }
  func flush() throws {
    try handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }
  func close() throws {
    try flush()
    try handle.close()
  }
}

/// The event at position `k` of a synthetic training run: per batch a phase
/// begin, three dropout masks from a torch generator, one sampler draw from
/// numpy's global stream and a phase end; per 1,000 batches an epoch with a
/// shuffle, a weight snapshot and a loss.
struct Run {
  var seq: UInt64 = 0
  var np: UInt64 = 0
  var gen: UInt64 = 0
  var batch = 0
  var epoch = 0
  var json = JSONWriter()

  mutating func emit(_ event: TraceEvent) -> [UInt8] {
    var e = event
    switch e {
    case .draw(var d): d.seq = seq; e = .draw(d)
    case .phase(var p): p.seq = seq; e = .phase(p)
    case .tensor(var t): t.seq = seq; e = .tensor(t)
    case .metric(var m): m.seq = seq; e = .metric(m)
    case .stream(var s): s.seq = seq; e = .stream(s)
    default: break
    }
    seq += 1
    json.reset()
    e.encode(into: &json)
    return json.bytes
  }

  static func digest(_ seed: String, _ counter: UInt64, _ count: UInt64) -> String {
    // A cheap stand-in with the shape of a real digest (hashing 10 million
    // values would time the generator, not the differ).
    var h = UInt64(counter &* 0x9E37_79B9_7F4A_7C15) ^ (count &* 0xBF58_476D_1CE4_E5B9) ^ UInt64(seed.utf8.count)
    h ^= h >> 31
    h = h &* 0x94D0_49BB_1331_11EB
    h ^= h >> 29
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The next batch's events (and the epoch's, when one ends), as lines.
  /// `extra` inserts a draw on numpy's stream first; `perturb` changes the
  /// values of this batch's first mask.
  mutating func nextBatch(extra: Bool, perturb: Bool) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    if batch % 1000 == 0 {
      epoch += 1
      lines.append(emit(.phase(PhaseEvent(phase: "epoch", edge: .begin, index: epoch))))
      lines.append(emit(.draw(DrawEvent(
        seq: 0, stream: "np", counter: np, count: 1000, operation: "shuffle", distribution: "permutation",
        dtype: "int64", shape: [1000], consumer: Consumer("fit/epoch", role: "shuffle"), source: "train.py:52",
        digest: Run.digest("np", np, 1000)))))
      np += 1000
    }
    if extra {
      lines.append(emit(.draw(DrawEvent(
        seq: 0, stream: "np", counter: np, count: 20, operation: "randn", distribution: "normal",
        parameters: [NamedValue("loc", "0.0"), NamedValue("scale", "1.0")], dtype: "float32", shape: [20],
        consumer: Consumer("model/probe/kernel", role: "init"), source: "train.py:33", digest: Run.digest("np", np, 20)))))
      np += 20
    }
    lines.append(emit(.phase(PhaseEvent(phase: "batch", edge: .begin, index: batch))))
    for (k, layer) in ["model/dropout", "model/dropout_1", "model/dropout_2"].enumerated() {
      var digest = Run.digest("gen", gen, 8)
      if perturb && k == 0 { digest = Run.digest("other", gen, 8) }
      lines.append(emit(.draw(DrawEvent(
        seq: 0, stream: "gen", counter: gen, count: 8, operation: "bernoulli_", distribution: "bernoulli",
        parameters: [NamedValue("p", "0.5")], dtype: "bool", shape: [32, 32], consumer: Consumer(layer, role: "mask"),
        source: "train.py:41", digest: digest))))
      gen += 8
    }
    lines.append(emit(.draw(DrawEvent(
      seq: 0, stream: "np", counter: np, count: 1, operation: "randint", distribution: "integers",
      parameters: [NamedValue("low", "0"), NamedValue("high", "60000")], dtype: "int64", shape: [],
      consumer: Consumer("data/sampler", role: "sample"), source: "train.py:47", digest: Run.digest("np", np, 1)))))
    np += 1
    lines.append(emit(.phase(PhaseEvent(phase: "batch", edge: .end, index: batch))))
    batch += 1
    if batch % 1000 == 0 {
      lines.append(emit(.tensor(TensorEvent(
        name: "model/dense/kernel", moment: .afterEpoch(epoch), dtype: "float32", shape: [784, 128],
        digest: Run.digest("w", np, gen)))))
      lines.append(emit(.metric(MetricEvent(name: "loss", epoch: epoch, value: 2.302585092994046 / Double(epoch)))))
      lines.append(emit(.phase(PhaseEvent(phase: "epoch", edge: .end, index: epoch))))
    }
    return lines
  }

  mutating func start() -> [[UInt8]] {
    [
      emit(.stream(StreamEvent(id: "np", framework: .numpy, name: "global", algorithm: .mt19937, seedMaterial: "init_genrand(0)",
                               seeding: .explicit(call: "np.random.seed(0)", source: "train.py:3")))),
      emit(.stream(StreamEvent(id: "gen", framework: .torch, name: "cpu-default", algorithm: .philox4x32_10, seedMaterial: "philox(0)",
                               seeding: .explicit(call: "torch.manual_seed(0)", source: "train.py:4")))),
    ]
  }
}

func generate(into dir: String, events: Int) throws {
  var config = RunConfig(pythonHashSeed: "0", device: "cpu")
  config.libraries = [NamedValue("torch", "2.15.0"), NamedValue("numpy", "2.4.6")]
  let header = RunHeader(producer: "DifferBenchmark", producerVersion: "1", profile: TraceProfile(framework: .torch, version: "2.15.0"),
                         label: "benchmark", config: config)
  var headerJSON = JSONWriter()
  TraceEvent.header(header).encode(into: &headerJSON)
  let names = ["a.trace", "identical.trace", "insertion.trace", "late.trace"]
  let sinks = try names.map { try Sink("\(dir)/\($0)") }
  for s in sinks { try s.write(headerJSON.bytes) }
  var base = Run(), shifted = Run()
  for line in base.start() { for k in [0, 1, 3] { try sinks[k].write(line) } }
  for line in shifted.start() { try sinks[2].write(line) }
  let batches = events / 6
  let insertAt = 100
  let perturbAt = batches * 95 / 100
  for batch in 0..<batches {
    let before = base
    let lines = base.nextBatch(extra: false, perturb: false)
    for line in lines { try sinks[0].write(line); try sinks[1].write(line) }
    if batch == perturbAt {
      // The same batch with one mask's values changed.
      var copy = before
      for line in copy.nextBatch(extra: false, perturb: true) { try sinks[3].write(line) }
    } else {
      for line in lines { try sinks[3].write(line) }
    }
    for line in shifted.nextBatch(extra: batch == insertAt, perturb: false) { try sinks[2].write(line) }
  }
  for s in sinks { try s.close() }
}

// MARK: Measurement

func peakRSSKiB() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
  }
  return 0
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

struct ChildResult {
  var seconds: Double
  /// User plus system CPU seconds, from /usr/bin/time -v.
  var cpu: Double?
  var peakKiB: Int?
  var status: Int32
  var timedOut: Bool
  var output = ""
}

/// User plus system CPU seconds this process has used.
func userSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
}

func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  return s(usage.ru_utime) + s(usage.ru_stime)
}

/// Runs a tool under /usr/bin/time -v (when present) with stdout discarded.
func runChild(_ tool: String, _ args: [String], timeout: Double, keepOutput: Bool = false) throws -> ChildResult {
  let process = Process()
  let timeTool = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
  process.executableURL = URL(fileURLWithPath: timeTool ? "/usr/bin/time" : tool)
  process.arguments = timeTool ? ["-v", tool] + args : args
  let outPipe = Pipe()
  process.standardOutput = keepOutput ? outPipe : FileHandle(forWritingAtPath: "/dev/null")
  let errPipe = Pipe()
  process.standardError = errPipe
  let start = now()
  try process.run()
  var timedOut = false
  let deadline = start + timeout
  while process.isRunning {
    if now() > deadline {
      timedOut = true
      kill(-process.processIdentifier, SIGKILL)
      process.terminate()
      // /usr/bin/time forwards nothing; kill its child too.
      let pgrep = Process()
      pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
      pgrep.arguments = ["-KILL", "-P", String(process.processIdentifier)]
      try? pgrep.run()
      pgrep.waitUntilExit()
      break
    }
    usleep(20_000)
  }
  process.waitUntilExit()
  let seconds = now() - start
  let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  let out = keepOutput ? String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
  var peak: Int? = nil
  var user: Double? = nil, system: Double? = nil
  for line in err.split(separator: "\n") {
    let value = line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""
    if line.contains("Maximum resident set size") { peak = Int(value) }
    if line.contains("User time (seconds)") { user = Double(value) }
    if line.contains("System time (seconds)") { system = Double(value) }
  }
  let cpu = user.flatMap { u in system.map { u + $0 } }
  // /usr/bin/time reports the child's status as its own; a killed child shows as a failure.
  return ChildResult(seconds: seconds, cpu: cpu, peakKiB: peak, status: process.terminationStatus, timedOut: timedOut, output: out)
}

func mb(_ kib: Int?) -> String { kib.map { String(format: "%.0f MB", Double($0) / 1024) } ?? "?" }

// MARK: Main

let dir = directory ?? NSTemporaryDirectory() + "rngdiff-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let files = ["a.trace", "identical.trace", "insertion.trace", "late.trace"].map { "\(dir)/\($0)" }
if !files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
  print("generating 4 traces of \(events) events in \(dir) …")
  let t = now()
  // In a child, so the generator's memory does not count in this process's peak RSS.
  let child = try runChild(CommandLine.arguments[0], ["--generate", dir, String(events)], timeout: 3600)
  guard child.status == 0 else { print("generation failed"); exit(1) }
  print(String(format: "  generated in %.1f s", now() - t))
}
let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
print(String(format: "trace size: %.2f GB each (a.trace %d bytes)", Double(sizes[0]) / 1e9, sizes[0]))
print("baseline peak RSS of this process before diffing: \(mb(peakRSSKiB()))")

// Warm the page cache so every tool reads from memory.
_ = try runChild("/usr/bin/cat", [files[0], files[1], files[2], files[3]], timeout: 600)

func loadAverage() -> String {
  (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

/// Medians (and the spread) of several runs of one tool.
struct Runs {
  var results: [ChildResult] = []
  var wall: [Double] { results.map(\.seconds) }
  var cpu: [Double] { results.compactMap(\.cpu) }
  var peak: [Int] { results.compactMap(\.peakKiB) }
  static func median<T: Comparable>(_ xs: [T]) -> T? {
    guard !xs.isEmpty else { return nil }
    let s = xs.sorted()
    return s[s.count / 2]
  }
  var medianWall: Double { Self.median(wall) ?? .nan }
  var medianCPU: Double? { Self.median(cpu) }
  var medianPeak: Int? { Self.median(peak) }
  var spread: String {
    guard let lo = wall.min(), let hi = wall.max() else { return "" }
    return String(format: "wall %.2f–%.2f s", lo, hi)
  }
}

print("")
print("each tool runs \(runs) times per pair, interleaved (cmp, rngdiff, diff, cmp, …), each as a child process under")
print("/usr/bin/time, each after the two files were read once more (page cache); medians are shown. CPU is user + system")
print("time of all threads. load average at start: \(loadAverage())")
print(pad("pair", 17) + " " + pad("tool", 8) + " " + padLeft("wall", 9) + " " + padLeft("CPU", 9) + "  " + padLeft("peak RSS", 8) + "  result")
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func padLeft(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
func row(_ pair: String, _ tool: String, _ r: Runs, _ note: String) {
  let cpuText = r.medianCPU.map { String(format: "%.2f s", $0) } ?? "?"
  print(pad(pair, 17) + " " + pad(tool, 8) + " " + padLeft(String(format: "%.2f s", r.medianWall), 9) + " " + padLeft(cpuText, 9)
        + "  " + padLeft(mb(r.medianPeak), 8) + "  " + note)
}
var identicalRun: Runs? = nil
for (name, other) in [("identical", files[1]), ("early insertion", files[2]), ("late divergence", files[3])] {
  var cmp = Runs(), ours = Runs(), gnu = Runs()
  var verdict = ""
  var gnuTimedOut = false
  // Before every run the two files are read once more, so that each tool
  // finds them in the page cache even after GNU diff's gigabytes.
  func warm() throws { _ = try runChild("/usr/bin/cat", [files[0], other], timeout: 600) }
  for _ in 0..<runs {
    try warm()
    cmp.results.append(try runChild("/usr/bin/cmp", [files[0], other], timeout: 600))
    try warm()
    let child = try runChild(CommandLine.arguments[0], ["--time-diff", files[0], other], timeout: 3600, keepOutput: true)
    ours.results.append(child)
    verdict = child.output.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
    if !gnuTimedOut {
      try warm()
      let g = try runChild("/usr/bin/diff", [files[0], other], timeout: diffTimeout)
      gnu.results.append(g)
      gnuTimedOut = g.timedOut
    }
  }
  row(name, "rngdiff", ours, verdict + " (" + ours.spread + ")")
  row("", "cmp", cmp, "exit \(cmp.results.last?.status ?? -1) (" + cmp.spread + ")")
  row("", "diff", gnu, gnuTimedOut ? "killed after \(Int(diffTimeout)) s" : "exit \(gnu.results.last?.status ?? -1) (" + gnu.spread + ")")
  var ratios = "rngdiff/cmp "
  if name == "early insertion" {
    ratios += "not meaningful (cmp stops at the first differing byte, near the start)"
  } else if let c = cmp.medianCPU, let o = ours.medianCPU {
    ratios += String(format: "%.1f× wall, %.1f× CPU", ours.medianWall / max(cmp.medianWall, 0.001), o / max(c, 0.01))
  }
  if !gnuTimedOut, let g = gnu.medianCPU, let o = ours.medianCPU {
    ratios += String(format: "; rngdiff/diff %.2f× wall, %.2f× CPU", ours.medianWall / gnu.medianWall, o / g)
  }
  if let same = identicalRun, name != "identical", let o = ours.medianCPU, let i = same.medianCPU {
    ratios += String(format: "; against rngdiff on the identical pair %.2f× wall, %.2f× CPU", ours.medianWall / same.medianWall, o / i)
  }
  if name == "identical" { identicalRun = ours }
  print(String(repeating: " ", count: 18) + ratios)
  print(String(repeating: " ", count: 18) + "load average after: \(loadAverage())")
}
if !keep && directory == nil {
  try? FileManager.default.removeItem(atPath: dir)
}
