import PythonSubset

extension ScriptModules {
  /// `torch.utils` and `torch.utils.data` as importable modules, so that
  /// `from torch.utils.data import DataLoader` and `import torch.utils.data`
  /// work as in PyTorch: the very namespaces `torch.utils.data` reaches
  /// through the `torch` module (one default generator for both).
  ///
  /// ```python
  /// from torch.utils.data import DataLoader, TensorDataset
  /// loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True)
  /// ```
  ///
  /// Edge case: without `torch` in the engine the import fails as
  /// `import torch` does, with the same message.
  func torchDataModule(_ name: String, at range: SourceRange) throws -> Value {
    var value = try module("torch", at: range)
    for part in name.split(separator: ".").dropFirst() {
      guard case .object(let object) = value, let next = try object.attribute(String(part)) else {
        throw EvaluationError("No module named '\(name)' in the engine", at: range, type: "ModuleNotFoundError")
      }
      value = next
    }
    return value
  }
}
