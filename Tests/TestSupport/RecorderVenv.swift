import Foundation

/// The virtual environments the recorder's tests run the real libraries in:
/// `.build/recorder-venv` (NumPy) and `.build/recorder-venv-frameworks`
/// (TensorFlow, Keras 3 and JAX, on the CPU), ignored by git, made by
/// `python3 -m venv` and pip from PyPI on first use, with the pinned
/// versions below. They are separate so that the NumPy tests never wait for
/// the frameworks' install (about 2 GB; 5 minutes on a loaded 2-core
/// machine).
///
/// ```swift
/// let python = try RecorderVenv.python()             // .build/recorder-venv/bin/python, numpy 2.4.6
/// let frameworks = try RecorderVenv.frameworksPython()  // tensorflow-cpu 2.21.0, keras 3.15.1, jax 0.10.2
/// let torch = try RecorderVenv.torchPython()         // torch 2.13.0+cpu (about 200 MB of wheels)
/// ```
///
/// Edge cases: a machine without `python3` on PATH, or pip that cannot
/// reach PyPI, fails the calling test with one sentence saying what to
/// install (tests never skip for a missing tool); the environment is built
/// in a temporary folder beside it and renamed into place, so a run
/// interrupted half-way never leaves a broken one behind.
public enum RecorderVenv {
  /// What the tests pin; change it here and the environment is rebuilt.
  public static let requirements = ["numpy==2.4.6"]
  /// The frameworks' environment: the versions of the reference environment
  /// the engine's fixtures were generated with (fixtures/scripts/keras/expected.json).
  public static let frameworkRequirements = [
    "tensorflow-cpu==2.21.0", "keras==3.15.1", "jax==0.10.2", "jaxlib==0.10.2", "numpy==2.4.6",
  ]

  /// PyTorch's environment (`.build/recorder-venv-torch`): the CPU build the project's torch
  /// references use, with its NumPy.
  public static let torchRequirements = ["torch==2.13.0+cpu", "numpy==2.4.6"]

  public struct SetupError: Error, CustomStringConvertible {
    public var description: String
  }

  public static var folder: URL { Fixtures.repositoryRoot().appendingPathComponent(".build/recorder-venv") }
  public static var frameworksFolder: URL {
    Fixtures.repositoryRoot().appendingPathComponent(".build/recorder-venv-frameworks")
  }

  public static var torchFolder: URL {
    Fixtures.repositoryRoot().appendingPathComponent(".build/recorder-venv-torch")
  }

  nonisolated(unsafe) private static var made: [String: Result<URL, SetupError>] = [:]
  private static let lock = NSLock()

  /// The NumPy environment's interpreter, made on first use (once per test process).
  public static func python() throws -> URL {
    try python(in: folder, requirements: requirements)
  }

  /// The frameworks' environment's interpreter, made on first use (once per test process).
  public static func frameworksPython() throws -> URL {
    try python(in: frameworksFolder, requirements: frameworkRequirements)
  }

  /// PyTorch's environment's interpreter, made on first use (once per test process).
  public static func torchPython() throws -> URL {
    try python(in: torchFolder, requirements: torchRequirements)
  }

  private static func python(in folder: URL, requirements: [String]) throws -> URL {
    lock.lock()
    defer { lock.unlock() }
    if let done = made[folder.path] { return try done.get() }
    let result = Result { () throws(SetupError) -> URL in try make(folder, requirements) }
    made[folder.path] = result
    return try result.get()
  }

  private static func make(_ folder: URL, _ requirements: [String]) throws(SetupError) -> URL {
    let manager = FileManager.default
    let marker = folder.appendingPathComponent("rngdiff-requirements.txt")
    let wanted = requirements.joined(separator: "\n") + "\n"
    if let have = try? String(contentsOf: marker, encoding: .utf8), have == wanted {
      return folder.appendingPathComponent("bin/python")
    }
    let staging = folder.deletingLastPathComponent().appendingPathComponent(
      "\(folder.lastPathComponent).\(UUID().uuidString)")
    defer { try? manager.removeItem(at: staging) }
    try run(["python3", "-m", "venv", staging.path], what: "create the recorder's test environment with 'python3 -m venv' (install python3 and its venv module, e.g. apt-get install python3-venv)")
    let pip = staging.appendingPathComponent("bin/python").path
    try run([pip, "-m", "pip", "install", "--disable-pip-version-check", "--quiet"] + requirements,
            what: "install \(requirements.joined(separator: " ")) from PyPI into the recorder's test environment (pip needs network access to PyPI)")
    do {
      try wanted.write(to: staging.appendingPathComponent("rngdiff-requirements.txt"), atomically: true, encoding: .utf8)
      try? manager.removeItem(at: folder)
      try manager.moveItem(at: staging, to: folder)
    } catch {
      throw SetupError(description: "could not move the recorder's test environment into \(folder.path): \(error)")
    }
    // A venv's scripts name its folder; the interpreter itself is relocatable, `-m pip` is not needed again.
    return folder.appendingPathComponent("bin/python")
  }

  private static func run(_ command: [String], what: String) throws(SetupError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    do {
      try process.run()
    } catch {
      throw SetupError(description: "could not \(what): \(error)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let tail = String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(5).joined(separator: "\n")
      throw SetupError(description: "could not \(what); \(command.joined(separator: " ")) exited with \(process.terminationStatus):\n\(tail)")
    }
  }
}
