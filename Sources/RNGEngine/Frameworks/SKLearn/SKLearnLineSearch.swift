/// The line search of scipy's L-BFGS-B (MINPACK-2's `dcsrch`, Moré and
/// Thuente's safeguarded cubic/quadratic search for a step meeting the strong
/// Wolfe conditions), as L-BFGS-B calls it: `ftol = 1e-3`, `gtol = 0.9`,
/// `xtol = 0.1`, `stpmin = 0`. A reverse-communication state machine: `start`
/// takes the value and slope at step 0 and the first trial step; each `next`
/// takes the value and slope at the trial step and says whether to stop or
/// which step to try next.
///
/// ```swift
/// var search = SKLearnLineSearch(f: f0, slope: g0, step: 1, maxStep: 1e10)
/// while case .evaluate(let step) = search.next(f: f(step), slope: g(step)) { … }
/// ```
///
/// Edge case: when rounding stops progress (`stp` outside the bracket, or the
/// bracket under `xtol`), the search ends with a warning at the best step so
/// far, as `dcsrch` does; L-BFGS-B takes that step as converged.
struct SKLearnLineSearch {
  enum Outcome: Equatable {
    /// Evaluate the function and slope at this step.
    case evaluate(Double)
    /// The step satisfies the Wolfe conditions (or a warning stopped the search).
    case done(Double)
  }

  private let ftol = 1e-3, gtol = 0.9, xtol = 0.1, stpmin = 0.0
  private let stpmax: Double
  private let finit: Double, ginit: Double, gtest: Double
  private var stage = 1
  private var brackt = false
  private var width: Double, width1: Double
  private var stx = 0.0, fx: Double, gx: Double
  private var sty = 0.0, fy: Double, gy: Double
  private var stmin = 0.0, stmax: Double
  private(set) var step: Double

  /// The search from the value `f` and slope `slope` at step 0, to try `step` first.
  init(f: Double, slope: Double, step: Double, maxStep: Double) {
    stpmax = maxStep
    finit = f
    ginit = slope
    gtest = ftol * slope
    width = maxStep - stpmin
    width1 = width / 0.5
    (fx, gx, fy, gy) = (f, slope, f, slope)
    stmax = step + 4.0 * step
    self.step = step
  }

  /// The value and slope at the current trial step: stop, or the next step to try.
  mutating func next(f: Double, slope g: Double) -> Outcome {
    var stp = step
    let ftest = finit + stp * gtest
    if stage == 1 && f <= ftest && g >= 0 { stage = 2 }
    var stop = false
    if brackt && (stp <= stmin || stp >= stmax) { stop = true }
    if brackt && stmax - stmin <= xtol * stmax { stop = true }
    if stp == stpmax && f <= ftest && g <= gtest { stop = true }
    if stp == stpmin && (f > ftest || g >= gtest) { stop = true }
    if f <= ftest && abs(g) <= gtol * -ginit { stop = true }
    if stop { return .done(stp) }

    if stage == 1 && f <= fx && f > ftest {
      // The modified function ψ(α) = f(α) - f(0) - α·gtest while stage 1 lasts.
      var (x, y) = (stx, sty)
      var fxm = fx - stx * gtest, fym = fy - sty * gtest
      var gxm = gx - gtest, gym = gy - gtest
      Self.cubicStep(&x, &fxm, &gxm, &y, &fym, &gym, &stp, f - stp * gtest, g - gtest, &brackt, stmin, stmax)
      (stx, sty) = (x, y)
      fx = fxm + stx * gtest
      fy = fym + sty * gtest
      gx = gxm + gtest
      gy = gym + gtest
    } else {
      var (x, fxv, gxv, y, fyv, gyv) = (stx, fx, gx, sty, fy, gy)
      Self.cubicStep(&x, &fxv, &gxv, &y, &fyv, &gyv, &stp, f, g, &brackt, stmin, stmax)
      (stx, fx, gx, sty, fy, gy) = (x, fxv, gxv, y, fyv, gyv)
    }
    if brackt {
      if abs(sty - stx) >= 0.66 * width1 { stp = stx + 0.5 * (sty - stx) }
      width1 = width
      width = abs(sty - stx)
      stmin = min(stx, sty)
      stmax = max(stx, sty)
    } else {
      stmin = stp + 1.1 * (stp - stx)
      stmax = stp + 4.0 * (stp - stx)
    }
    stp = min(max(stp, stpmin), stpmax)
    if brackt && (stp <= stmin || stp >= stmax) || brackt && stmax - stmin <= xtol * stmax { stp = stx }
    step = stp
    return .evaluate(stp)
  }

  /// `dcstep`: the safeguarded step from the interval's best end (`stx`), its
  /// other end (`sty`) and the trial (`stp`), each with its value and slope;
  /// moves the interval and sets `stp` to the next trial
  /// (`brackt` once a minimum is bracketed; `lower`, `upper`: the bounds on the step).
  private static func cubicStep(
    _ stx: inout Double, _ fx: inout Double, _ dx: inout Double,
    _ sty: inout Double, _ fy: inout Double, _ dy: inout Double,
    _ stp: inout Double, _ fp: Double, _ dp: Double,
    _ brackt: inout Bool, _ lower: Double, _ upper: Double
  ) {
    let sgnd = dp * (dx / abs(dx))
    var stpf: Double
    if fp > fx {
      // A higher value: the minimum is bracketed.
      let theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
      let s = max(abs(theta), abs(dx), abs(dp))
      var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp < stx { gamma = -gamma }
      let p = (gamma - dx) + theta
      let q = ((gamma - dx) + gamma) + dp
      let stpc = stx + p / q * (stp - stx)
      let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx)
      stpf = abs(stpc - stx) < abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2.0
      brackt = true
    } else if sgnd < 0 {
      // Slopes of opposite sign: bracketed.
      let theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
      let s = max(abs(theta), abs(dx), abs(dp))
      var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp > stx { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = ((gamma - dp) + gamma) + dx
      let stpc = stp + p / q * (stx - stp)
      let stpq = stp + (dp / (dp - dx)) * (stx - stp)
      stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
      brackt = true
    } else if abs(dp) < abs(dx) {
      // Same sign, the slope decreasing in magnitude.
      let theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
      let s = max(abs(theta), abs(dx), abs(dp))
      var gamma = s * max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp > stx { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = (gamma + (dx - dp)) + gamma
      let r = p / q
      let stpc: Double
      if r < 0 && gamma != 0 {
        stpc = stp + r * (stx - stp)
      } else {
        stpc = stp > stx ? upper : lower
      }
      let stpq = stp + (dp / (dp - dx)) * (stx - stp)
      if brackt {
        stpf = abs(stpc - stp) < abs(stpq - stp) ? stpc : stpq
        stpf = stp > stx ? min(stp + 0.66 * (sty - stp), stpf) : max(stp + 0.66 * (sty - stp), stpf)
      } else {
        stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
        stpf = max(lower, min(upper, stpf))
      }
    } else if brackt {
      // Same sign, the slope not decreasing: the cubic through the trial and sty.
      let theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp
      let s = max(abs(theta), abs(dy), abs(dp))
      var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
      if stp > sty { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = ((gamma - dp) + gamma) + dy
      stpf = stp + p / q * (sty - stp)
    } else {
      stpf = stp > stx ? upper : lower
    }
    if fp > fx {
      sty = stp
      fy = fp
      dy = dp
    } else {
      if sgnd < 0 {
        sty = stx
        fy = fx
        dy = dx
      }
      stx = stp
      fx = fp
      dx = dp
    }
    stp = stpf
  }
}
