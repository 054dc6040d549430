import RNGTrace

/// `import torch`, `import torch.nn as nn`, `from torch import nn`,
/// `import torch.nn.functional as F`: one ``TorchScript`` per run, made at
/// the first of them, as Python's `sys.modules` keeps one `torch`.
extension ScriptModules {
  func torchModule(_ name: String) throws -> Value {
    if let m = loaded[name] { return m }
    let script = TorchScript(recorder: recorder)
    let globals = script.session.workerGlobals
    globals.python = python.global
    globals.numpy = { [unowned self] in loadedNumPy?.global }
    globals.observer = recorder
    let made = try script.makeModules()
    torch = script
    loaded["torch"] = .object(made.torch)
    loaded["torch.nn"] = .object(made.nn)
    loaded["torch.nn.functional"] = .object(made.functional)
    loaded["torch.nn.init"] = .object(made.initModule)
    return loaded[name] ?? .none
  }

  /// The profile of a run that imported torch (and not Keras): PyTorch
  /// 2.13.0+cpu, the build the golden cases were made with, named as
  /// `torch.__version__` and the recorder name it.
  func torchProfile(_ libraries: [NamedValue]) -> (profile: TraceProfile, libraries: [NamedValue]) {
    (TraceProfile(framework: .torch, version: "2.13.0+cpu"), libraries + [NamedValue("torch", "2.13.0+cpu")])
  }
}
