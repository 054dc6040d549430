import RNGTrace

/// Diffs two traces: aligns them by consumer, finds the first divergence in
/// execution order, names its cause, and collects what it knocked on.
///
/// The differ streams: it reads both traces once, side by side, keeping only
/// a bounded window of events around each difference (``DiffOptions/window``),
/// so memory does not grow with trace length and time is linear.
///
/// ```swift
/// // Two files:
/// let report = try TraceDiffer.diff(a: "a.trace", b: "b.trace")
/// // Standard input on one side (the CLI's `-`):
/// let stdin = try TraceReader(fileDescriptor: 0, name: "-")
/// let report2 = try TraceDiffer.diff(a: TraceReader(path: "a.trace"), b: stdin)
///
/// print(report.text(TextOptions()))
/// exit(report.exitStatus)
/// ```
///
/// Errors: every problem reading either trace is a ``TraceError`` (exit
/// status 2) whose description is one sentence with `file:line:col`. Counter
/// gaps, truncation and other findings do not stop the diff; they appear in
/// the report. When one trace is cut off, the diff stops at its end and the
/// other trace's remaining events are counted as not compared.
public enum TraceDiffer {
  /// Diffs the traces at two paths.
  public static func diff(a: String, b: String, options: DiffOptions = DiffOptions()) throws(TraceError) -> DiffReport {
    let readerA = try TraceReader(path: a, options: options.reader)
    let readerB = try TraceReader(path: b, options: options.reader)
    return try diff(a: readerA, b: readerB, options: options)
  }

  /// Diffs two open readers (files, standard input, memory). Both are read to
  /// their end.
  public static func diff(a: TraceReader, b: TraceReader, options: DiffOptions = DiffOptions()) throws(TraceError) -> DiffReport {
    let engine = DiffEngine(a: a, b: b, options: options)
    return try engine.run().attributingHashOrder()
  }
}
