#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGDiffCLI

// The executable is a thin shell: all behaviour lives in RNGDiffCLI so it can be tested in-process.
let status = CommandLine.runRNGDiff()
exit(status)
