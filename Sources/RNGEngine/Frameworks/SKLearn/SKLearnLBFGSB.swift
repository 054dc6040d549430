/// scipy 1.17's `minimize(method="L-BFGS-B")` on an unbounded problem, as
/// scikit-learn's `LogisticRegression(solver="lbfgs")` calls it: Byrd, Lu,
/// Nocedal and Zhu's algorithm (version 3.0) with `m = 10` corrections kept
/// in compact form (`S'Y`, `S'S`, the Cholesky factor of `θS'S + LD⁻¹L'`),
/// the first step along `-g` (the Cauchy point without bounds, then
/// `stp = 1/‖g‖`), later steps along the quasi-Newton direction of the
/// subspace minimisation, each through ``SKLearnLineSearch``.
///
/// Stops as scipy does: the largest gradient component at most `pgtol`, a
/// relative decrease `(f_old - f)/max(|f_old|, |f|, 1)` at most `ftol`,
/// `maxIterations` iterations (scipy's count: one per accepted step), or a
/// line search that fails with no corrections kept (`ABNORMAL`). A failed
/// line search with corrections, or a correction matrix that is not positive
/// definite, drops the corrections and starts over from `-g`, as L-BFGS-B
/// does. Nothing here is random.
///
/// ```swift
/// let result = try SKLearnLBFGSB.minimize(x0: w0, maxIterations: 100, pgtol: 1e-4, ftol: 64 * .ulpOfOne) { w in (loss(w), gradient(w)) }
/// ```
///
/// The sums are plain loops, not OpenBLAS's `ddot`: a step may differ from
/// scipy's in its last bits (docs/scripts.md gives the measured agreement).
enum SKLearnLBFGSB {
  struct Result {
    var x: [Double]
    var f: Double
    /// scipy's `nit`: accepted steps.
    var iterations: Int
    var converged: Bool
  }

  static func minimize(
    x0: [Double], maxIterations: Int, pgtol: Double, ftol: Double, maxLineSearch: Int = 50, memory m: Int = 10,
    _ objective: ([Double]) throws -> (Double, [Double])
  ) rethrows -> Result {
    let n = x0.count
    var x = x0
    var (f, g) = try objective(x)
    var iterations = 0
    if maxGradient(g) <= pgtol { return Result(x: x, f: f, iterations: 0, converged: true) }
    var memory = SKLearnLBFGSBCorrections(n: n, m: m)
    var firstIteration = true
    while true {
      // The search direction: -g while no corrections are kept, else the quasi-Newton step.
      let z: [Double]
      if memory.count == 0 {
        z = (0..<n).map { x[$0] + -g[$0] }
      } else if let step = memory.direction(minusGradient: g.map { -$0 }) {
        z = (0..<n).map { x[$0] + step[$0] }
      } else {
        memory = SKLearnLBFGSBCorrections(n: n, m: m)
        continue
      }
      var d = (0..<n).map { z[$0] - x[$0] }
      let dtd = dot(d, d)
      let stp0 = firstIteration ? min(1 / dtd.squareRoot(), 1e10) : 1
      let (start, startF, startG) = (x, f, g)
      let gdold = dot(g, d)
      var failed = gdold >= 0
      var search = SKLearnLineSearch(f: f, slope: gdold, step: stp0, maxStep: 1e10)
      var stp = stp0
      var gd = gdold
      var evaluations = 0
      if !failed {
        var trial = stp0
        while true {
          if evaluations >= maxLineSearch {
            failed = true
            break
          }
          x = trial == 1 ? z : (0..<n).map { trial * d[$0] + start[$0] }
          evaluations += 1
          (f, g) = try objective(x)
          gd = dot(g, d)
          let outcome = search.next(f: f, slope: gd)
          if case .evaluate(let next) = outcome {
            trial = next
            continue
          }
          if case .done(let accepted) = outcome { stp = accepted }
          break
        }
      }
      if failed {
        (x, f, g) = (start, startF, startG)
        if memory.count == 0 { return Result(x: x, f: f, iterations: iterations, converged: false) }
        memory = SKLearnLBFGSBCorrections(n: n, m: m)
        continue
      }
      firstIteration = false
      iterations += 1
      if iterations >= maxIterations { return Result(x: x, f: f, iterations: iterations, converged: false) }
      if maxGradient(g) <= pgtol { return Result(x: x, f: f, iterations: iterations, converged: true) }
      if startF - f <= ftol * max(abs(startF), abs(f), 1) { return Result(x: x, f: f, iterations: iterations, converged: true) }
      // The correction pair.
      let r = (0..<n).map { g[$0] - startG[$0] }
      let rr = dot(r, r)
      let dr: Double, bound: Double
      if stp == 1 {
        dr = gd - gdold
        bound = -gdold
      } else {
        dr = (gd - gdold) * stp
        d = d.map { stp * $0 }
        bound = -gdold * stp
      }
      if dr <= Double.ulpOfOne * bound { continue }
      memory.add(s: d, y: r, rr: rr, dr: dr, ss: stp == 1 ? dtd : stp * stp * dtd)
      if !memory.factor() { memory = SKLearnLBFGSBCorrections(n: n, m: m) }
    }
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
  }

  private static func maxGradient(_ g: [Double]) -> Double { g.reduce(0) { max($0, abs($1)) } }
}
