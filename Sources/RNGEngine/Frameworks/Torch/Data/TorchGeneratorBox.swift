import TorchStreams

/// A Python object that holds a PyTorch CPU generator the data utilities can
/// draw from: `torch.default_generator`, or a `torch.Generator()` passed as
/// `generator=` to a sampler, `random_split` or a `DataLoader`.
///
/// ```python
/// g = torch.Generator().manual_seed(7)
/// torch.utils.data.DataLoader(ds, shuffle=True, generator=g)   # order and worker seeds from g
/// ```
///
/// The `torch.Generator` class of `rngdiff sample torch` and that of
/// `import torch` in `rngdiff run` both conform, so one loader works in both.
protocol TorchGeneratorBox: PythonObject {
  /// The emulated generator; draws mutate it in place.
  var state: TorchGenerator { get set }
}

extension TorchDefaultGenerator: TorchGeneratorBox {}
