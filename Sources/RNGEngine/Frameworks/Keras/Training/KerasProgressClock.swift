import Foundation

/// The timing and number formats Keras 3's and tf-keras' progress bars
/// share (keras/src/utils/progbar.py, tf_keras/src/utils/generic_utils.py
/// `Progbar`): the time a bar started, the estimate of one step's
/// duration, and how durations, the time left and logged values are written.
struct KerasProgressClock {
  /// When the bar was made (an epoch's, an evaluation's or a prediction's start).
  let start: Double
  private var timeAfterFirstStep: Double?

  init() { start = Self.now() }

  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  /// Keras' estimate of one step's duration after step `current` (1-based):
  /// the first step alone, later ones without it.
  mutating func stepDuration(_ current: Int, _ now: Double) -> Double {
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

  /// ` 44ms/step`, ` 2s/step`, ` 310us/step` (or `/epoch`): Keras' `_format_time`.
  static func duration(_ seconds: Double, per unit: String) -> String {
    if seconds >= 1 || seconds == 0 { return " " + String(format: "%.0f", seconds) + "s/" + unit }
    if seconds >= 1e-3 { return " " + String(format: "%.0f", seconds * 1000) + "ms/" + unit }
    return " " + String(format: "%.0f", seconds * 1_000_000) + "us/" + unit
  }

  /// The time left: `7s`, `1:05`, `2:00:00`.
  static func eta(_ seconds: Double) -> String {
    let s = Int(seconds)
    if seconds > 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) }
    if seconds > 60 { return String(format: "%d:%02d", s / 60, s % 60) }
    return "\(s)s"
  }

  /// A logged value: four decimals, or `e` notation when its magnitude is
  /// at most 1e-3 (`magnitude`, the bars' test) or when it is at most 1e-3
  /// (the one-line summaries' test, so a negative value too).
  static func value(_ value: Float, magnitude: Bool) -> String {
    let v = Double(value)
    return (magnitude ? abs(v) : v) > 1e-3 ? String(format: "%.4f", v) : String(format: "%.4e", v)
  }
}
