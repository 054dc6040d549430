import Foundation

/// What tf-keras 2.21 prints while `fit`, `evaluate` and `predict` run
/// with `verbose=1` (the default, `"auto"`) or `verbose=2`, in its own
/// (Keras 2) format (tf_keras/src/utils/generic_utils.py `Progbar`, driven
/// by callbacks.py `ProgbarLogger` counting steps):
///
/// ```text
/// Epoch 1/2                                                         (fit, when epochs > 1)
/// \r1/4 [======>.......................] - ETA: 0s - loss: 0.6855 - accuracy: 0.3750      verbose=1, first step
/// \b…\r4/4 [==============================] - 0s 3ms/step - loss: 0.6615 - accuracy: 0.4667   verbose=1, the end
/// 4/4 - 0s - loss: 0.6637 - accuracy: 0.4667 - val_loss: 0.5692 - 185ms/epoch - 46ms/step     verbose=2
/// ```
///
/// The logs come in tf-keras' order (the loss, the compiled metrics, then
/// their `val_` counterparts) and are shown as they are (the model's
/// metrics are the logger's stateful metrics: nothing is averaged again);
/// `predict` shows none. The numbers are the engine's: its losses and
/// metrics, and the time its own steps take. The bar is redrawn at the
/// first step, then at most every 0.05 s, then at the end. tf-keras draws
/// in place (backspaces and `\r`) when stdout is a terminal, in IPython, or
/// when the `posix` module is loaded — always on Linux and macOS, so also
/// when the output is piped or redirected (what the reference output,
/// fixtures/reference/keras-progress/verbose_fit_tf_keras.py, captures);
/// the engine always draws in place.
struct TFKerasProgressBar: KerasProgressDisplay {
  /// 1 (a bar redrawn in place) or 2 (one line at the end).
  let verbose: Int
  /// The steps of the epoch, the evaluation or the prediction.
  let target: Int
  private let write: (String) -> Void
  private var clock = KerasProgressClock()
  private var lastUpdate = 0.0
  private var previousWidth = 0
  private static let width = 30
  private static let interval = 0.05

  init(verbose: Int, target: Int, write: @escaping (String) -> Void) {
    self.verbose = verbose
    self.target = target
    self.write = write
  }

  mutating func update(_ current: Int, _ makeValues: @autoclosure () -> [(String, Float)], finalize: Bool) {
    let now = KerasProgressClock.now()
    let elapsed = " - " + String(format: "%.0f", now - clock.start) + "s"
    let count = String(repeating: " ", count: max(0, String(target).count - String(current).count)) + "\(current)/\(target)"
    if verbose == 1 {
      if now - lastUpdate < Self.interval && !finalize { return }
      let values = makeValues()
      var bar = count + " ["
      let done = Int(Double(Self.width) * (Double(current) / Double(target)))
      if done > 0 { bar += String(repeating: "=", count: done - 1) + (current < target ? ">" : "=") }
      bar += String(repeating: ".", count: Self.width - done) + "]"
      let perStep = clock.stepDuration(current, now)
      var info = finalize
        ? elapsed + KerasProgressClock.duration(perStep, per: "step")
        : " - ETA: " + KerasProgressClock.eta(perStep * Double(target - current))
      for (name, value) in values { info += " - \(name): " + KerasProgressClock.value(value, magnitude: true) }
      let total = bar.count + info.count
      if previousWidth > total { info += String(repeating: " ", count: previousWidth - total) }
      if finalize { info += "\n" }
      write(String(repeating: "\u{8}", count: previousWidth) + "\r" + bar + info)
      previousWidth = total
    } else if verbose == 2 && finalize {
      var line = count + elapsed
      for (name, value) in makeValues() { line += " - \(name): " + KerasProgressClock.value(value, magnitude: false) }
      let epoch = now - clock.start
      line += " -" + KerasProgressClock.duration(epoch, per: "epoch")
      line += " -" + KerasProgressClock.duration(epoch / Double(target), per: "step")
      write(line + "\n")
    }
    lastUpdate = now
  }
}
