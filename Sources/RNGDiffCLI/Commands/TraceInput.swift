import RNGTrace

/// Opens a trace argument: a path, or `-` for standard input.
enum TraceInput {
  static func open(_ argument: String, io: TerminalIO, options: TraceReader.Options = TraceReader.Options()) throws -> TraceReader {
    guard argument == "-" else { return try TraceReader(path: argument, options: options) }
    if let descriptor = io.standardInputDescriptor {
      return try TraceReader(fileDescriptor: descriptor, name: "-", options: options)
    }
    return try TraceReader(bytes: io.readStandardInput(), name: "-", options: options)
  }
}
