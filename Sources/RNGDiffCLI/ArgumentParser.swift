/// A command-line usage mistake: one sentence, and the command whose help
/// explains what is accepted.
public struct UsageError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var command: String?

  public init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }

  public var description: String {
    let help = command.map { "rngdiff \($0) --help" } ?? "rngdiff --help"
    return "\(message) (see '\(help)')"
  }
}

/// The options one command accepts.
struct CommandOptions {
  /// Options that take no value (`--json`).
  var flags: [String]
  /// Options that take a value (`--seed S`), with the value's placeholder.
  var valued: [(name: String, placeholder: String)]
  /// Names of the positional arguments, for messages.
  var positionals: [String]
  /// How many positionals may follow the last named one (nil: exactly `positionals.count`).
  var command: String
}

/// Parsed command-line arguments of one command.
struct ParsedArguments {
  var positionals: [String] = []
  var flags: Set<String> = []
  var values: [String: String] = [:]
  /// Every value of each valued option, in order (for repeatable options).
  var allValues: [String: [String]] = [:]
  var wantsHelp = false

  func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A small parser in the conventions of swift-argument-parser:
/// `--name value`, `--name=value`, `--` ends options, `-` is a positional
/// (standard input), `-h`/`--help` asks for help.
enum ArgumentParser {
  static func parse(_ arguments: [String], _ options: CommandOptions) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") || isNegativeNumber(argument) {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "-h" || argument == "--help" {
        parsed.wantsHelp = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let eq = argument.firstIndex(of: "=") {
        name = String(argument[..<eq])
        inlineValue = String(argument[argument.index(after: eq)...])
      }
      if options.flags.contains(name) {
        if inlineValue != nil { throw UsageError("option '\(name)' takes no value", command: options.command) }
        parsed.flags.insert(name)
      } else if let valued = options.valued.first(where: { $0.name == name }) {
        let value: String
        if let inlineValue {
          value = inlineValue
        } else {
          guard index < arguments.count else {
            throw UsageError("option '\(name)' needs a value: \(name) \(valued.placeholder)", command: options.command)
          }
          value = arguments[index]
          index += 1
        }
        parsed.values[name] = value
        parsed.allValues[name, default: []].append(value)
      } else {
        let accepted = (options.valued.map { "\($0.name) \($0.placeholder)" } + options.flags).joined(separator: ", ")
        throw UsageError(
          "unknown option '\(name)'\(accepted.isEmpty ? "" : "; accepted: \(accepted)")", command: options.command)
      }
    }
    return parsed
  }

  /// `-1` or `-0.5` as a positional (a seed or a call string may start with a minus).
  static func isNegativeNumber(_ s: String) -> Bool {
    guard s.count > 1, s.first == "-" else { return false }
    return s.dropFirst().allSatisfy { $0.isNumber || $0 == "." || $0 == "_" }
  }
}
