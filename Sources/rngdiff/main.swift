import RNGDiffCLI

// The executable is a thin shell: all behaviour lives in RNGDiffCLI so it can be tested in-process.
exit(withStatus: CommandLine.run())
