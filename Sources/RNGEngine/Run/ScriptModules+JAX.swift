import PythonSubset
import RNGRecording
import RNGTrace

/// `import jax`, `jax.numpy`, `jax.random`, `jax.nn`, `flax`, `flax.linen`
/// and `optax` in `rngdiff run`: one ``JAXRunSession`` per process.
///
/// ```python
/// import jax, jax.numpy as jnp
/// from jax import random
/// import flax.linen as nn, optax
/// ```
///
/// Importing JAX runs `jax._src.clusters.k8s_cluster`, which draws five
/// doubles from NumPy's global stream (`np.random.rand(5)`), once per
/// process, shared with Keras's import; importing Flax imports `rich`,
/// which takes one 24-bit word of Python's `random` (checked with the real
/// libraries: docs/scripts.md, "JAX and Flax").
extension ScriptModules {
  func jaxModule(_ name: String, at range: SourceRange) throws -> Value {
    let session = try jaxSession()
    switch name {
    case "jax":
      return .object(session.jax)
    case "jax.numpy":
      return .object(session.numpy)
    case "jax.random":
      return .object(session.random)
    case "jax.nn":
      return .object(session.nn)
    case "flax", "flax.linen":
      try importRich()
      let linen = try session.flaxLinen()
      let flax = Namespace(name: "flax", members: ["linen": .object(linen), "__version__": .string("0.12.8")])
      loaded["flax.linen"] = .object(linen)
      loaded["flax"] = .object(flax)
      session.importedFlax = true
      return loaded[name]!
    default:
      session.importedOptax = true
      let optax = session.optax()
      loaded["optax"] = .object(optax)
      return .object(optax)
    }
  }

  /// The process's JAX, made (with its import draw) at the first import.
  func jaxSession() throws -> JAXRunSession {
    if let jax { return jax }
    try importJAXClusters()
    let made = try JAXRunSession(observer: recorder)
    made.recorder = recorder
    jax = made
    for (name, module) in [("jax", made.jax), ("jax.numpy", made.numpy), ("jax.random", made.random), ("jax.nn", made.nn)] {
      loaded[name] = .object(module)
    }
    return made
  }

  /// `jax._src.clusters.k8s_cluster` evaluates `np.random.rand(5)` on NumPy's
  /// global stream when JAX is first imported (by a script, TensorFlow or Keras).
  func importJAXClusters() throws {
    guard !importedJAXClusters else { return }
    importedJAXClusters = true
    let draw = { [self] in _ = try numPy().global.state.rand(count: 5, shape: [5]) }
    if let recorder {
      try recorder.consuming("import jax._src.clusters.k8s_cluster", role: "import") { try draw() }
    } else {
      try draw()
    }
  }

  /// `rich`'s import (by Keras or Flax) takes one word of Python's `random`.
  func importRich() throws {
    guard !importedRich else { return }
    importedRich = true
    try recorder?.consuming("import rich.style", role: "import") {
      _ = try python.global.stream.getrandbitsWords(24)
    }
    if recorder == nil { _ = try python.global.stream.getrandbitsWords(24) }
  }

  /// The `jax` profile and the versions of JAX (and Flax, Optax when imported).
  func jaxProfile(_ jax: JAXRunSession, _ libraries: [NamedValue]) -> (profile: TraceProfile, libraries: [NamedValue]) {
    var libraries = libraries
    libraries.append(NamedValue("jax", "0.10.2"))
    libraries.append(NamedValue("jaxlib", "0.10.2"))
    if jax.importedFlax { libraries.append(NamedValue("flax", "0.12.8")) }
    if jax.importedOptax { libraries.append(NamedValue("optax", "0.2.8")) }
    return (TraceProfile(framework: .jax, version: "0.10.2", semantics: jax.semantics), libraries)
  }
}
