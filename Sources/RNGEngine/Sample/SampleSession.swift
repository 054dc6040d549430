import PythonSubset
import RNGStreams

/// Runs `rngdiff sample`: seeds a framework as its own seeding call does,
/// evaluates the calls in order on that state, and collects every output.
///
/// ```swift
/// let outputs = try SampleSession.run(framework: .numpy, seed: "0", calls: "random(3); randn(2)")
/// outputs.map(\.tensor.shape)     // [[3], [2]]
/// ```
///
/// Errors are ``SourceError``s naming the problem and where: `<calls>:1:9`
/// for the call string, `--seed:1:1` for the seed.
public enum SampleSession {
  /// The source name used for the call string in messages.
  public static let callsSourceName = "<calls>"
  /// The source name used for `--seed` in messages.
  public static let seedSourceName = "--seed"

  /// Evaluates `calls` on `framework` seeded with `seed` (Python literal
  /// syntax: `0`, `-1`, `2**64-1`, `[1, 2]`, `'hello'`).
  public static func run(
    framework: SampleFrameworkName, seed: String?, backend: KerasBackend? = nil, calls: String,
    options: [String: String] = [:], observer: (any DrawObserver)? = nil
  ) throws(SourceError) -> [SampleOutput] {
    if backend != nil && framework != .keras {
      throw SourceError("--backend applies to keras only; \(framework.rawValue) has one backend", at: .init(line: 1, column: 1), in: "--backend")
    }
    let seedValue = try seed.map { (text) throws(SourceError) in try parseSeed(text) }
    let configuration = SampleConfiguration(
      seed: seedValue, backend: backend ?? (framework == .keras ? .tensorflow : nil), observer: observer, options: options)
    let session: any SampleFramework
    do {
      session = try SampleFrameworks.make(framework, configuration)
    } catch let e as SourceError {
      throw e
    } catch let e as EvaluationError {
      throw SourceError(e.message, at: e.range?.start ?? .init(line: 1, column: 1), in: seedSourceName)
    } catch let e as FrameworkError {
      throw SourceError(e.message, at: .init(line: 1, column: 1), in: seedSourceName)
    } catch {
      throw SourceError("\(error)", at: .init(line: 1, column: 1), in: seedSourceName)
    }
    return try evaluate(calls: calls, in: session, callDescription: "\(framework.rawValue) call")
  }

  /// Evaluates `calls` in an existing session; `callDescription` names the
  /// session's functions in messages ("numpy call").
  public static func evaluate(
    calls: String, in session: any SampleFramework, callDescription: String
  ) throws(SourceError) -> [SampleOutput] {
    let source = SourceText(name: callsSourceName, text: calls)
    let program = try Parser.parse(source)
    if program.statements.isEmpty {
      throw SourceError("no calls given; write calls separated by ';', e.g. 'random(3); randn(2)'", at: .init(line: 1, column: 1), in: callsSourceName)
    }
    let interpreter = Interpreter(source: source, globals: session.namespace, namesDescription: callDescription)
    var outputs: [SampleOutput] = []
    // A call's index counts every statement, assignments included, as
    // golden.py numbers the calls of a case; a call that gives None (and has
    // no first argument with values) prints nothing.
    let starts = program.statements.map(\.range.start)
    try interpreter.run(program) { value, range, expression in
      if value.isNone, case .call = expression { return }
      let text = source.excerpt(range).trimmingPythonWhitespace
      let callIndex = starts.firstIndex(of: range.start) ?? 0
      outputs += try SampleOutput.outputs(of: value, call: callIndex, expression: text, range: range)
    }
    return outputs
  }

  /// Parses and evaluates a `--seed` value as a Python literal expression.
  public static func parseSeed(_ text: String) throws(SourceError) -> Located<Value> {
    let source = SourceText(name: seedSourceName, text: text)
    let expression = try Parser.parseExpression(source)
    let interpreter = Interpreter(source: source, globals: [:])
    do {
      let value = try interpreter.evaluate(expression)
      return Located(value, expression.range)
    } catch let e as EvaluationError {
      throw SourceError(
        "\(e.message); a seed is an int, a list of ints or a quoted string", at: e.range?.start ?? expression.range.start,
        in: seedSourceName)
    } catch {
      throw SourceError("\(error)", at: expression.range.start, in: seedSourceName)
    }
  }
}
