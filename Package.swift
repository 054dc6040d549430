// swift-tools-version:6.0
//
// rngdiff — a determinism diagnostic tool for ML random streams.
//
// Layers (dependencies point one way, down this list; see docs/architecture.md):
//   RNGBits      raw bit generators (MT19937, Philox4x32-10, Threefry2x32-20, PCG64)
//   RNGStreams   each framework's exact samplers and seed rules, and the draw observer seam
//   RNGTrace     the trace event model, its codec and validation
//   RNGEngine    Python values, tensors, and the framework namespaces the engine evaluates
//   PythonSubset the Python-subset front end (lexer, parser, syntax tree)
//   RNGDiffer    aligns two traces and diagnoses the first divergence
//   RNGDiffCLI   argument parsing and printing for the `rngdiff` command
//
// The package has no dependencies beyond the toolchain (Foundation, XCTest, Swift Testing).
import PackageDescription

let package = Package(
  name: "rngdiff",
  products: [
    .executable(name: "rngdiff", targets: ["rngdiff"]),
    .library(name: "RNGStreams", targets: ["RNGStreams"]),
    .library(name: "RNGTrace", targets: ["RNGTrace"]),
    .library(name: "RNGDiffer", targets: ["RNGDiffer"]),
  ],
  targets: [
    // Streams layer.
    .target(name: "RNGDigest"),
    .target(name: "RNGBits"),
    .target(name: "RNGStreams", dependencies: ["RNGBits", "RNGDigest"]),
    // Trace layer.
    .target(name: "RNGTrace", dependencies: ["RNGDigest"]),
    // Front end.
    .target(name: "PythonSubset"),
    // Engine.
    .target(name: "RNGEngine", dependencies: ["RNGStreams", "RNGTrace", "PythonSubset", "RNGDigest"]),
    // Differ.
    .target(name: "RNGDiffer", dependencies: ["RNGTrace"]),
    // Command line.
    .target(name: "RNGDiffCLI", dependencies: ["RNGEngine", "RNGDiffer", "RNGTrace", "RNGStreams", "PythonSubset"]),
    .executableTarget(name: "rngdiff", dependencies: ["RNGDiffCLI"]),

    // Benchmarks (release builds; never run by `swift test`).
    .executableTarget(
      name: "StreamsBenchmark", dependencies: ["RNGBits", "RNGStreams"],
      path: "Benchmarks/StreamsBenchmark"),

    // Tests.
    .target(name: "TestSupport", dependencies: [], path: "Tests/TestSupport"),
    .testTarget(name: "RNGDigestTests", dependencies: ["RNGDigest"]),
    .testTarget(name: "RNGBitsTests", dependencies: ["RNGBits"]),
    .testTarget(name: "RNGStreamsTests", dependencies: ["RNGStreams", "RNGBits", "TestSupport"]),
    .testTarget(name: "PythonSubsetTests", dependencies: ["PythonSubset"]),
    .testTarget(name: "RNGEngineTests", dependencies: ["RNGEngine", "PythonSubset", "TestSupport"]),
    .testTarget(name: "RNGTraceTests", dependencies: ["RNGTrace", "TestSupport"]),
    .testTarget(name: "RNGDifferTests", dependencies: ["RNGDiffer", "RNGTrace", "TestSupport"]),
    .testTarget(name: "RNGDiffCLITests", dependencies: ["RNGDiffCLI", "TestSupport"]),
  ]
)
