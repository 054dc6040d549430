import PythonStreams
import PythonSubset
import RNGStreams

/// Argument rules of CPython 3.11's `random` functions, on top of
/// ``BoundArguments``'s typed accessors. Internal to the Python binding.
enum PythonRandomArguments {
  /// The most bits `getrandbits` and `randbytes` produce in one call here.
  static let maximumBits = 1 << 30

  /// A `randrange` bound: an int, or (before Python 3.12) a float with an
  /// integral value (3.10 and 3.11 accept those with a DeprecationWarning);
  /// nil when absent or None.
  ///
  /// - Throws: CPython's "non-integer arg 1 for randrange()" for a fractional
  ///   float before 3.12, "'float' object cannot be interpreted as an
  ///   integer" for any float from 3.12; a type error for anything else;
  ///   rngdiff's limit past 2**127.
  static func randrangeBound(
    _ args: BoundArguments, _ name: String, ordinal: String, version: PythonVersion = .default
  ) throws -> Int128? {
    guard let value = args.value(name), !value.isNone else { return nil }
    let int: PythonInt
    if let i = BoundArguments.asInt(value) {
      int = i
    } else if case .float = value, version.isAtLeast(12) {
      throw args.error(name, "'float' object cannot be interpreted as an integer")
    } else if case .float(let d) = value {
      guard d.isFinite, d == d.rounded(.towardZero), let i = Int64(exactly: d) else {
        throw args.error(name, "non-integer \(ordinal) for randrange()")
      }
      int = PythonInt(i)
    } else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be an int, got \(value.typeName) \(value.repr)")
    }
    guard let wide = int.asInt128 else {
      throw args.error(name, "\(args.signature.name)() bounds and widths beyond 2**127 are not supported by rngdiff")
    }
    return wide
  }

  /// Refuses a call that leaves out parameters whose defaults `version`
  /// does not have yet (`gauss()` before Python 3.11, `expovariate()` before
  /// 3.12), with CPython's `TypeError` text and the release that added them.
  static func requireDefaults(_ args: BoundArguments, _ names: [String], since minor: Int, version: PythonVersion) throws {
    guard !version.isAtLeast(minor) else { return }
    let missing = names.filter { args.values[$0] == nil }
    guard !missing.isEmpty else { return }
    let quoted = missing.map { "'\($0)'" }
    let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
    let noun = missing.count == 1 ? "argument" : "arguments"
    throw EvaluationError(
      "\(args.signature.name)() missing \(missing.count) required positional \(noun): \(list) (the default\(missing.count == 1 ? " is" : "s are") new in Python 3.\(minor); this run follows Python \(version))",
      at: args.callRange)
  }

  /// An int that fits in `Int` (`k`, `n`), with a clear error otherwise.
  static func count(_ args: BoundArguments, _ name: String) throws -> Int {
    guard let n = try args.intValue(name) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be an int, got None")
    }
    return n
  }

  /// A required number (`uniform(a, b)`).
  static func requiredNumber(_ args: BoundArguments, _ name: String) throws -> Double {
    guard let d = try args.double(name) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a number, got None")
    }
    return d
  }

  /// A list of numbers (`weights`, `cum_weights`), or nil when absent.
  static func numbers(_ args: BoundArguments, _ name: String) throws -> [Double]? {
    guard let value = args.value(name), !value.isNone else { return nil }
    guard let items = Builtins.items(of: value) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a sequence of numbers, got \(value.typeName)")
    }
    return try items.map { item in
      guard let d = BoundArguments.asDouble(item) else {
        throw args.error(name, "\(args.signature.name)() argument '\(name)' must hold numbers, got \(item.typeName) \(item.repr)")
      }
      return d
    }
  }

  /// A sequence argument (`seq`, `population`).
  static func sequence(_ args: BoundArguments, _ name: String) throws -> PythonSequenceArgument {
    let value = args.value(name) ?? .none
    guard let sequence = PythonSequenceArgument(value) else {
      throw args.error(
        name, "\(args.signature.name)() argument '\(name)' must be a sequence (list, tuple, range or str), got \(value.typeName)")
    }
    return sequence
  }

  /// The int a 128-bit result is in Python.
  static func int(_ value: Int128) -> Value { .int(PythonInt(int128: value)) }
}
