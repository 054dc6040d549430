import JAXStreams
import PythonSubset

extension JAXConfig {
  /// The flags `--config NAME=VALUE` can set, by JAX's own names.
  static let optionNames = ["jax_default_prng_impl", "jax_enable_x64", "jax_threefry_partitionable"]

  /// The configuration `--config` options describe, starting from the
  /// defaults of JAX 0.10.2 (partitionable, x32), as
  /// `jax.config.update(NAME, VALUE)` would set it.
  ///
  /// ```swift
  /// try JAXConfig(options: ["jax_threefry_partitionable": "false"])   // JAX before 0.5.0
  /// ```
  ///
  /// Values are `true`/`false`, also spelled `True`/`False`/`1`/`0`;
  /// `jax_default_prng_impl` takes `threefry2x32`, `rbg` or `unsafe_rbg`.
  /// Throws a ``SourceError`` in `--config` for an unknown name or value.
  init(options: [String: String]) throws(SourceError) {
    self.init()
    for (name, text) in options.sorted(by: { $0.key < $1.key }) {
      guard Self.optionNames.contains(name) else {
        throw SourceError(
          "unknown jax config '\(name)'; accepted: \(Self.optionNames.joined(separator: ", "))", at: .init(line: 1, column: 1),
          in: "--config")
      }
      if name == "jax_default_prng_impl" {
        guard let impl = JAXPRNGImpl(name: text) else {
          throw SourceError(
            "--config jax_default_prng_impl takes threefry2x32, rbg or unsafe_rbg, got '\(text)'", at: .init(line: 1, column: 1),
            in: "--config")
        }
        defaultImpl = impl
        continue
      }
      let value: Bool
      switch text {
      case "true", "True", "1": value = true
      case "false", "False", "0": value = false
      default:
        throw SourceError(
          "--config \(name) takes true or false (also True, False, 1, 0), got '\(text)'", at: .init(line: 1, column: 1),
          in: "--config")
      }
      if name == "jax_enable_x64" { enableX64 = value } else { threefryPartitionable = value }
    }
  }
}
