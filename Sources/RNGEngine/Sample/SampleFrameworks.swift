import PythonSubset

/// The registry of framework sessions `rngdiff sample` can create.
///
/// Each framework's binding lives in `Sources/RNGEngine/Frameworks/<Name>/`
/// and registers its factory here.
public enum SampleFrameworks {
  static let factories: [SampleFrameworkName: SampleFrameworkFactory] = [
    .numpy: { try NumPySampleFramework(configuration: $0) },
    .numpyGenerator: { try NumPyGeneratorSampleFramework(configuration: $0) },
    .python: { try PythonSampleFramework(configuration: $0) },
    .torch: { try TorchSampleFramework(configuration: $0) },
    .tensorflow: { try TensorFlowSampleFramework(configuration: $0) },
    .keras: { try KerasSampleFramework(configuration: $0) },
    .tfKeras: { try TFKerasSampleFramework(configuration: $0) },
    .jax: { try JAXSampleFramework(configuration: $0) },
  ]

  /// Creates a seeded session for `name`.
  public static func make(_ name: SampleFrameworkName, _ configuration: SampleConfiguration) throws -> any SampleFramework {
    guard let factory = factories[name] else {
      throw SourceError(
        "\(name.rawValue) is not available in this build yet; available: \(available.map(\.rawValue).joined(separator: ", "))",
        at: .init(line: 1, column: 1), in: "FRAMEWORK")
    }
    return try factory(configuration)
  }

  /// Frameworks with a binding, in command-line order.
  public static var available: [SampleFrameworkName] {
    SampleFrameworkName.allCases.filter { factories[$0] != nil }
  }
}
