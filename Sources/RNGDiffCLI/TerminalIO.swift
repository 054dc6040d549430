#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads and writes: the process's streams, or buffers in
/// tests.
///
/// ```swift
/// let io = TerminalIO.capturing()
/// let status = RNGDiffCommand.run(["sample", "numpy", "--seed", "0", "random(1)"], io: io)
/// io.standardOutputText   // "0.5488135039273248\n"
/// ```
public final class TerminalIO: @unchecked Sendable {
  public let write: (String) -> Void
  public let writeError: (String) -> Void
  /// Reads all of standard input (for a `-` trace path).
  public let readStandardInput: () -> [UInt8]
  /// The file descriptor of standard input when it can be streamed (the
  /// process's own); nil for captured IO, which uses ``readStandardInput``.
  public let standardInputDescriptor: Int32?
  /// Whether standard output is a terminal (for colour).
  public let outputIsTerminal: Bool
  /// Environment variables (for `NO_COLOR`).
  public let environment: [String: String]

  private var capturedOutput: [String] = []
  private var capturedError: [String] = []

  public init(
    write: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
    readStandardInput: @escaping () -> [UInt8], standardInputDescriptor: Int32? = nil, outputIsTerminal: Bool,
    environment: [String: String]
  ) {
    self.write = write
    self.writeError = writeError
    self.readStandardInput = readStandardInput
    self.standardInputDescriptor = standardInputDescriptor
    self.outputIsTerminal = outputIsTerminal
    self.environment = environment
  }

  private init(stdin: [UInt8], terminal: Bool, environment: [String: String]) {
    var box: TerminalIO?
    self.write = { box?.capturedOutput.append($0) }
    self.writeError = { box?.capturedError.append($0) }
    self.readStandardInput = { stdin }
    self.standardInputDescriptor = nil
    self.outputIsTerminal = terminal
    self.environment = environment
    box = self
  }

  /// An IO that captures everything, for tests.
  public static func capturing(standardInput: [UInt8] = [], terminal: Bool = false, environment: [String: String] = [:]) -> TerminalIO {
    TerminalIO(stdin: standardInput, terminal: terminal, environment: environment)
  }

  /// Whether to colour output: `--color always|never|auto` (auto: only on a
  /// terminal), and never when `NO_COLOR` is set to anything non-empty.
  func useColor(_ choice: String?) throws(UsageError) -> Bool {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    switch choice ?? "auto" {
    case "auto": return outputIsTerminal
    case "always": return true
    case "never": return false
    case let other: throw UsageError("unknown --color value '\(other)'; accepted: auto, always, never")
    }
  }

  /// What was written to standard output (capturing IO only).
  public var standardOutputText: String { capturedOutput.joined() }
  /// What was written to standard error (capturing IO only).
  public var standardErrorText: String { capturedError.joined() }

  /// The process's own streams (file descriptors 0, 1 and 2).
  public static func process() -> TerminalIO {
    var environment: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let eq = text.firstIndex(of: "=") { environment[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
      pointer += 1
    }
    return TerminalIO(
      write: { writeAll($0, to: 1) },
      writeError: { writeAll($0, to: 2) },
      readStandardInput: {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
          let n = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
          if n <= 0 { break }
          data += buffer[0..<n]
        }
        return data
      },
      standardInputDescriptor: 0,
      outputIsTerminal: isatty(1) != 0,
      environment: environment)
  }

  /// Writes all of `text` to a file descriptor, retrying short writes.
  static func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if n <= 0 {
          if n < 0 && errno == EINTR { continue }
          return
        }
        offset += n
      }
    }
  }
}
