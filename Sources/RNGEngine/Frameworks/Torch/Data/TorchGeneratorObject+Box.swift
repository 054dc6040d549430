/// `torch.Generator()` of `import torch` in `rngdiff run` as a `generator=`
/// of the data utilities.
extension TorchGeneratorObject: TorchGeneratorBox {}
