import Foundation

/// What Keras 3 prints while `fit`, `evaluate` and `predict` run with
/// `verbose=1` (the default, `"auto"`) or `verbose=2`, in Keras' own format
/// (keras/src/utils/progbar.py and callbacks/progbar_logger.py, Keras 3.15):
///
/// ```text
/// Epoch 1/2                                       (fit, when epochs > 1)
/// \r[1m1/5[0m [32m━━━━[0m[37m━━━━━━━━━━━━━━━━[0m [1m0s[0m 44ms/step - loss: 0.5925     verbose=1, first step
/// \b…\r[1m5/5[0m [32m━━━━━━━━━━━━━━━━━━━━[0m[37m[0m [1m0s[0m 9ms/step - loss: 0.5370     verbose=1, the end
/// 4/4 - 1s - 212ms/step - loss: 0.5384 - val_loss: 0.6398                                verbose=2
/// ```
///
/// The numbers are the engine's: its losses and metrics, and the time its
/// own steps take (Keras' timings are the real run's and differ in every
/// run). With `verbose=1` Keras redraws the bar at the first step, then at
/// most every 0.05 s, then at the end (on Linux it always draws in place,
/// with backspaces and `\r`); a value is printed with four decimals, or in
/// `e` notation when its magnitude is at most 1e-3 (`verbose=2` tests the
/// value itself, so a negative one too).
struct KerasProgressBar: KerasProgressDisplay {
  /// 1 (a bar redrawn in place) or 2 (one line at the end).
  let verbose: Int
  /// The steps of the epoch, the evaluation or the prediction.
  let target: Int
  private let write: (String) -> Void
  private var clock = KerasProgressClock()
  private var lastUpdate = 0.0
  private var previousWidth = 0
  private static let width = 20
  private static let interval = 0.05

  init(verbose: Int, target: Int, write: @escaping (String) -> Void) {
    self.verbose = verbose
    self.target = target
    self.write = write
  }

  mutating func update(_ current: Int, _ makeValues: @autoclosure () -> [(String, Float)], finalize: Bool) {
    let now = KerasProgressClock.now()
    let perStep = clock.stepDuration(current, now)
    if verbose == 1 {
      if now - lastUpdate < Self.interval && !finalize { return }
      let values = makeValues()
      var message = String(repeating: "\u{8}", count: previousWidth) + "\r"
      var special = 0
      let digits = String(target).count
      var bar = "\u{1B}[1m" + String(repeating: " ", count: max(0, digits - String(current).count)) + "\(current)/\(target)\u{1B}[0m "
      special += 8
      let done = Int(Double(Self.width) * (Double(current) / Double(target)))
      if done > 0 {
        bar += "\u{1B}[32m" + String(repeating: "━", count: done) + "\u{1B}[0m"
        special += 9
      }
      bar += "\u{1B}[37m" + String(repeating: "━", count: Self.width - done) + "\u{1B}[0m"
      special += 9
      var info: String
      if !finalize {
        info = " \u{1B}[1m\(KerasProgressClock.eta(perStep * Double(target - current)))\u{1B}[0m"
      } else {
        info = " \u{1B}[1m" + String(format: "%.0f", now - clock.start) + "s\u{1B}[0m"
      }
      special += 8
      info += KerasProgressClock.duration(perStep, per: "step")
      for (name, value) in values { info += " - \(name): " + KerasProgressClock.value(value, magnitude: true) }
      message += bar + info
      let total = bar.unicodeScalars.count + info.unicodeScalars.count - special
      if previousWidth > total { message += String(repeating: " ", count: previousWidth - total) }
      if finalize { message += "\n" }
      write(message)
      previousWidth = total
    } else if verbose == 2 && finalize {
      let values = makeValues()
      let digits = String(target).count
      var line = String(repeating: " ", count: max(0, digits - String(current).count)) + "\(current)/\(target)"
      line += " - " + String(format: "%.0f", now - clock.start) + "s -" + KerasProgressClock.duration(perStep, per: "step")
      for (name, value) in values { line += " - \(name): " + KerasProgressClock.value(value, magnitude: false) }
      write(line + "\n")
    }
    lastUpdate = now
  }
}
