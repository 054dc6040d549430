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
struct KerasProgressBar {
  /// 1 (a bar redrawn in place) or 2 (one line at the end).
  let verbose: Int
  /// The steps of the epoch, the evaluation or the prediction.
  let target: Int
  private let write: (String) -> Void
  private let start: Double
  private var lastUpdate = 0.0
  private var timeAfterFirstStep: Double?
  private var previousWidth = 0
  private static let width = 20
  private static let interval = 0.05

  init(verbose: Int, target: Int, write: @escaping (String) -> Void) {
    self.verbose = verbose
    self.target = target
    self.write = write
    start = Self.now()
  }

  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  /// After step `current` (1-based) with the logs so far (`values`, in the
  /// order shown; made only when something is printed), or at the end (`finalize`).
  mutating func update(_ current: Int, _ makeValues: @autoclosure () -> [(String, Float)], finalize: Bool) {
    let now = Self.now()
    let perStep = stepDuration(current, now)
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
        info = " \u{1B}[1m\(Self.eta(perStep * Double(target - current)))\u{1B}[0m"
      } else {
        info = " \u{1B}[1m" + String(format: "%.0f", now - start) + "s\u{1B}[0m"
      }
      special += 8
      info += Self.time(perStep)
      for (name, value) in values {
        let v = Double(value)
        info += " - \(name): " + (abs(v) > 1e-3 ? String(format: "%.4f", v) : String(format: "%.4e", v))
      }
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
      line += " - " + String(format: "%.0f", now - start) + "s -" + Self.time(perStep)
      for (name, value) in values {
        let v = Double(value)
        line += " - \(name): " + (v > 1e-3 ? String(format: "%.4f", v) : String(format: "%.4e", v))
      }
      write(line + "\n")
    }
    lastUpdate = now
  }

  /// Keras' estimate of one step's duration: the first step alone, later ones without it.
  private mutating func stepDuration(_ current: Int, _ now: Double) -> Double {
    guard current > 0 else { return 0 }
    let perStep: Double
    if let after = timeAfterFirstStep, current > 1 {
      perStep = (now - after) / Double(current - 1)
    } else {
      perStep = (now - start) / Double(current)
    }
    if current == 1 { timeAfterFirstStep = now }
    return perStep
  }

  /// ` 44ms/step`, ` 2s/step`, ` 310us/step`.
  private static func time(_ perStep: Double) -> String {
    if perStep >= 1 || perStep == 0 { return " " + String(format: "%.0f", perStep) + "s/step" }
    if perStep >= 1e-3 { return " " + String(format: "%.0f", perStep * 1000) + "ms/step" }
    return " " + String(format: "%.0f", perStep * 1_000_000) + "us/step"
  }

  /// The time left: `7s`, `1:05`, `2:00:00`.
  private static func eta(_ seconds: Double) -> String {
    let s = Int(seconds)
    if seconds > 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
    if seconds > 60 { return String(format: "%d:%02d", s / 60, s % 60) }
    return "\(s)s"
  }
}
