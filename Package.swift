// swift-tools-version:6.0
//
// rngdiff — a determinism diagnostic tool for ML random streams.
//
// Layers (dependencies point one way, down this list; see docs/architecture.md):
//   RNGBits      raw bit generators (MT19937, Philox4x32-10, Threefry2x32-20, PCG64, PCG64DXSM,
//                Philox4x64-10, SFC64)
//   RNGStreams   the draw observer seam every sampler reports through
//   *Streams     one module per framework: its exact samplers and seed rules
//                (PythonStreams, NumPyStreams, TorchStreams, TensorFlowStreams, JAXStreams,
//                 KerasStreams for Keras 3 and tf-keras)
//   RNGTrace     the trace event model (values as RNGStreams' DrawnValues), its codec and validation
//   RNGRecording the recorder: stream reports become trace events with their consumers
//   CTrainingKernels C kernels for the engine's float32 training: matrix products summed in a fixed
//                order, the Adam update (vectorised; the same bits on every processor)
//   RNGEngine    the interpreter and object model, the framework bindings, rngdiff sample and rngdiff run
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
    .target(name: "RNGStreams", dependencies: ["RNGBits"]),
    .target(name: "PythonStreams", dependencies: ["RNGBits", "RNGStreams", "RNGDigest"]),
    .target(name: "NumPyStreams", dependencies: ["RNGBits", "RNGStreams"]),
    .target(name: "TorchStreams", dependencies: ["RNGBits", "RNGStreams"]),
    .target(name: "TensorFlowStreams", dependencies: ["RNGBits", "RNGStreams", "PythonStreams"]),
    .target(name: "JAXStreams", dependencies: ["RNGBits", "RNGStreams"]),
    .target(name: "KerasStreams", dependencies: ["RNGBits", "RNGStreams", "PythonStreams", "TensorFlowStreams", "JAXStreams"]),
    // Trace layer.
    .target(name: "RNGTrace", dependencies: ["RNGDigest", "RNGStreams"]),
    // The recorder every producer in Swift writes traces with (the engine, the fixture scenarios).
    .target(name: "RNGRecording", dependencies: ["RNGStreams", "RNGTrace", "RNGDigest"]),
    // Front end.
    .target(name: "PythonSubset"),
    // The engine's float32 training kernels (C: vectorised, AVX2 chosen at run time; the same bits everywhere).
    .target(name: "CTrainingKernels"),
    // Engine.
    .target(name: "RNGEngine", dependencies: [
      "RNGStreams", "PythonStreams", "NumPyStreams", "TorchStreams", "TensorFlowStreams", "JAXStreams",
      "KerasStreams", "RNGTrace", "RNGRecording", "PythonSubset", "RNGDigest", "CTrainingKernels",
    ]),
    // Differ.
    .target(name: "RNGDiffer", dependencies: ["RNGTrace", "RNGStreams", "RNGDigest"]),
    // Command line.
    .target(name: "RNGDiffCLI", dependencies: ["RNGEngine", "RNGDiffer", "RNGTrace", "RNGStreams", "PythonSubset"]),
    .executableTarget(name: "rngdiff", dependencies: ["RNGDiffCLI"]),

    // Scenarios: the classic reports as programs over the real stream emulators,
    // and the tool that writes their trace pairs to fixtures/traces.
    .target(name: "RNGScenarios", dependencies: [
      "RNGEngine", "RNGRecording", "RNGTrace", "RNGStreams", "RNGDigest", "PythonStreams", "NumPyStreams", "TorchStreams",
      "TensorFlowStreams", "KerasStreams",
    ]),
    .executableTarget(name: "TraceFixtures", dependencies: ["RNGScenarios"]),

    // Benchmarks (release builds; never run by `swift test`).
    .executableTarget(
      name: "StreamsBenchmark",
      dependencies: ["RNGBits", "RNGStreams", "PythonStreams", "NumPyStreams", "TorchStreams", "TensorFlowStreams", "JAXStreams"],
      path: "Benchmarks/StreamsBenchmark", exclude: ["reference.py"]),
    .executableTarget(name: "DifferBenchmark", dependencies: ["RNGTrace", "RNGDiffer"], path: "Benchmarks/DifferBenchmark"),

    // Tests.
    .target(name: "TestSupport", dependencies: [], path: "Tests/TestSupport"),
    .testTarget(name: "RNGDigestTests", dependencies: ["RNGDigest"]),
    .testTarget(name: "RNGBitsTests", dependencies: ["RNGBits", "TestSupport"]),
    .testTarget(name: "RNGStreamsTests", dependencies: ["RNGStreams", "RNGBits", "TestSupport"]),
    .testTarget(name: "PythonStreamsTests", dependencies: ["PythonStreams", "RNGStreams", "TestSupport"]),
    .testTarget(name: "NumPyStreamsTests", dependencies: ["NumPyStreams", "RNGStreams", "TestSupport"]),
    .testTarget(name: "TorchStreamsTests", dependencies: ["TorchStreams", "RNGStreams", "TestSupport"]),
    .testTarget(name: "TensorFlowStreamsTests", dependencies: ["TensorFlowStreams", "PythonStreams", "RNGStreams", "TestSupport"]),
    .testTarget(name: "JAXStreamsTests", dependencies: ["JAXStreams", "RNGBits", "RNGStreams", "TestSupport"]),
    .testTarget(name: "KerasStreamsTests", dependencies: ["KerasStreams", "TensorFlowStreams", "JAXStreams", "PythonStreams", "RNGStreams", "TestSupport"]),
    .testTarget(name: "PythonSubsetTests", dependencies: ["PythonSubset", "TestSupport"]),
    .testTarget(name: "RNGEngineTests", dependencies: ["RNGEngine", "CTrainingKernels", "RNGRecording", "PythonSubset", "RNGTrace", "RNGStreams", "TorchStreams", "PythonStreams", "TestSupport"]),
    .testTarget(name: "RNGTraceTests", dependencies: ["RNGTrace", "RNGStreams", "TestSupport"]),
    .testTarget(name: "RNGDifferTests", dependencies: ["RNGDiffer", "RNGTrace", "RNGStreams", "TestSupport"], exclude: ["Expected"]),
    .testTarget(name: "RNGDiffCLITests", dependencies: ["RNGDiffCLI", "rngdiff", "RNGTrace", "TestSupport"]),
    .testTarget(
      name: "RNGScenariosTests", dependencies: ["RNGScenarios", "RNGDiffer", "RNGTrace", "TestSupport", "rngdiff"],
      exclude: ["Expected", "Goldens"]),
  ]
)
