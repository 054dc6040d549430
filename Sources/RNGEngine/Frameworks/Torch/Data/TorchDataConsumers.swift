import RNGRecording

/// Who a data pipeline's draws belong to in a `rngdiff run` trace, with the
/// real-process recorder's conventions: a `DataLoader` pass's base seed is
/// drawn by the loader (`loader`, role `seed`, its workers' seeds derived
/// under it); a `RandomSampler` the loader iterates draws its seed (role
/// `seed`) and its orders (role `shuffle`) as `<loader>.sampler`; a sampler
/// walked on its own is `sampler`.
///
/// A loader is named after the variable that holds it when it is first
/// iterated (`train_loader`), as the recorder names it, else after a global
/// that holds it when the run ends, else `loader`; draws carry the loader's
/// token (`@torchdata1@`) until the run ends (``TorchScript/renamed(_:globals:)``).
///
/// ```python
/// loader = DataLoader(data, batch_size=4, shuffle=True)
/// for x, y in loader: ...   # loader (seed), loader.sampler (seed), loader.sampler (shuffle)
/// ```
///
/// Without a recorder (`rngdiff sample`) nothing is attributed and no token is given.
final class TorchDataConsumers {
  /// The trace's recorder, set by a script run.
  var recorder: TraceRecorder?
  /// Every loader made, in creation order, with its token.
  private(set) var loaders: [(token: String, loader: TorchDataLoader)] = []

  /// Loaders iterated since the script's variables were last looked at: the
  /// recorder names a loader when it is iterated, from the variables then.
  var iteratedUnnamed: [TorchDataLoader] = []

  /// A token for a new loader.
  func register(_ loader: TorchDataLoader) -> String {
    let token = "@torchdata\(loaders.count + 1)@"
    loaders.append((token, loader))
    return token
  }

  /// Runs `body` with its draws attributed to `path` and `role`.
  func consuming<T>(_ path: String, role: String, _ body: () throws -> T) rethrows -> T {
    guard let recorder else { return try body() }
    return try recorder.consuming(path, role: role, body)
  }
}
