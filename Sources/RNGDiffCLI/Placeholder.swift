#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CommandLine {
  /// Runs `rngdiff` with the process arguments and returns the exit status.
  public static func run() -> Int32 { 0 }
}

/// Exits the process with `status`.
public func exit(withStatus status: Int32) -> Never { exit(status) }
