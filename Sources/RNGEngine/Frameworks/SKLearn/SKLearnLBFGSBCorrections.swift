/// L-BFGS-B's limited memory in compact form: the last `m` correction pairs
/// `sᵢ` (steps) and `yᵢ` (gradient changes), `θ = y'y/s'y` of the newest,
/// the matrices `S'Y` (lower triangle) and `S'S` (upper triangle), and the
/// Cholesky factor `J'` of `T = θS'S + LD⁻¹L'`, kept as version 3.0 keeps
/// them (`matupd`, `formt`, `formk`, `subsm` without bounds); used by
/// ``SKLearnLBFGSB``.
///
/// ```swift
/// var memory = SKLearnLBFGSBCorrections(n: 3, m: 10)
/// memory.add(s: s, y: y, rr: rr, dr: dr, ss: ss); _ = memory.factor()
/// let step = memory.direction(minusGradient: r)   // -B⁻¹g, nil when K is not positive definite
/// ```
///
/// Edge case: `factor()` is false (or `direction` nil) when `T` (or `K`) is
/// not positive definite; the caller then drops every correction, as L-BFGS-B does.
struct SKLearnLBFGSBCorrections {
  let n: Int, m: Int
  private(set) var count = 0
  private var theta = 1.0
  private var head = 0, tail = 0, updates = 0
  private var ws: [[Double]], wy: [[Double]]
  /// `sy[i][j] = sᵢ'yⱼ` and `ss[i][j] = sᵢ'sⱼ`, oldest first.
  private var sy: [[Double]], ss: [[Double]]
  /// The upper-triangular Cholesky factor of `T`.
  private var wt: [[Double]]

  init(n: Int, m: Int) {
    self.n = n
    self.m = m
    ws = Array(repeating: [Double](repeating: 0, count: n), count: m)
    wy = ws
    sy = Array(repeating: [Double](repeating: 0, count: m), count: m)
    ss = sy
    wt = sy
  }

  /// `matupd`: keeps the pair `s`, `y` (`rr = y'y`, `dr = s'y`, `ss = s's`), dropping the oldest past `m`.
  mutating func add(s: [Double], y: [Double], rr: Double, dr: Double, ss newSS: Double) {
    updates += 1
    if updates <= m {
      count = updates
      tail = (head + updates - 1) % m
    } else {
      tail = (tail + 1) % m
      head = (head + 1) % m
    }
    ws[tail] = s
    wy[tail] = y
    theta = rr / dr
    if updates > m {
      for j in 0..<(count - 1) {
        for i in 0...j { ss[i][j] = ss[i + 1][j + 1] }
        for i in j..<(count - 1) { sy[i][j] = sy[i + 1][j + 1] }
      }
    }
    var pointer = head
    let last = count - 1
    for j in 0..<last {
      sy[last][j] = SKLearnLBFGSB.dot(s, wy[pointer])
      ss[j][last] = SKLearnLBFGSB.dot(ws[pointer], s)
      pointer = (pointer + 1) % m
    }
    ss[last][last] = newSS
    sy[last][last] = dr
  }

  /// `formt`: `T = θS'S + LD⁻¹L'` (upper triangle) and its Cholesky factor (LINPACK's `dpofa`); false when not positive definite.
  mutating func factor() -> Bool {
    for j in 0..<count { wt[0][j] = theta * ss[0][j] }
    if count > 1 {
      for i in 1..<count {
        for j in i..<count {
          var sum = 0.0
          for k in 0..<i { sum += sy[i][k] * sy[j][k] / sy[k][k] }
          wt[i][j] = sum + theta * ss[i][j]
        }
      }
    }
    return Self.cholesky(&wt, from: 0, size: count)
  }

  /// `formk` and `subsm` with every variable free and no bounds: the
  /// quasi-Newton step `r/θ + Z'W K⁻¹ W'Z r / θ²` for `r = -g`, with
  /// `K = [[-D - Y'Y/θ, -R'], [-R, 0]]` (`R` the upper triangle of `S'Y`)
  /// factored as `L E L'`; nil when a Cholesky factor is not positive definite.
  func direction(minusGradient r: [Double]) -> [Double]? {
    let c = count
    let pointers = (0..<c).map { (head + $0) % m }
    func sum(_ a: [Double], _ b: [Double]) -> Double {
      var t = 0.0
      for k in 0..<n { t += a[k] * b[k] }
      return t
    }
    // The upper triangle of WN = [[D + Y'Y/θ, R'], [R, 0]].
    var wn = Array(repeating: [Double](repeating: 0, count: 2 * c), count: 2 * c)
    for iy in 0..<c {
      for jy in 0...iy { wn[jy][iy] = sum(wy[pointers[iy]], wy[pointers[jy]]) / theta }
      for jy in iy..<c { wn[jy][c + iy] = sum(ws[pointers[iy]], wy[pointers[jy]]) }
      wn[iy][iy] += sy[iy][iy]
    }
    guard Self.cholesky(&wn, from: 0, size: c) else { return nil }
    for js in c..<(2 * c) {
      for j in 0..<c {
        var b = wn[j][js]
        for l in 0..<j { b -= wn[l][j] * wn[l][js] }
        wn[j][js] = b / wn[j][j]
      }
    }
    for i in c..<(2 * c) {
      for j in i..<(2 * c) {
        var t = 0.0
        for k in 0..<c { t += wn[k][i] * wn[k][j] }
        wn[i][j] += t
      }
    }
    guard Self.cholesky(&wn, from: c, size: c) else { return nil }
    // wv = W'r, then K⁻¹wv: L'⁻¹ E L⁻¹.
    var wv = [Double](repeating: 0, count: 2 * c)
    for i in 0..<c {
      var t1 = 0.0, t2 = 0.0
      for k in 0..<n {
        t1 += wy[pointers[i]][k] * r[k]
        t2 += ws[pointers[i]][k] * r[k]
      }
      wv[i] = t1
      wv[c + i] = theta * t2
    }
    let size = 2 * c
    for j in 0..<size {
      var b = wv[j]
      for l in 0..<j { b -= wn[l][j] * wv[l] }
      wv[j] = b / wn[j][j]
    }
    for i in 0..<c { wv[i] = -wv[i] }
    wv[size - 1] /= wn[size - 1][size - 1]
    for j in stride(from: size - 2, through: 0, by: -1) {
      let t = -wv[j + 1]
      for l in 0...j { wv[l] = wv[l] + t * wn[l][j + 1] }
      wv[j] /= wn[j][j]
    }
    var d = r
    for j in 0..<c {
      for i in 0..<n { d[i] = d[i] + wy[pointers[j]][i] * wv[j] / theta + ws[pointers[j]][i] * wv[c + j] }
    }
    let scale = 1 / theta
    return d.map { scale * $0 }
  }

  /// LINPACK's `dpofa` on the `size × size` block of `a` at `(from, from)`:
  /// its upper Cholesky factor in place; false when not positive definite.
  private static func cholesky(_ a: inout [[Double]], from o: Int, size: Int) -> Bool {
    for j in 0..<size {
      var s = 0.0
      for k in 0..<j {
        var t = a[o + k][o + j]
        for l in 0..<k { t -= a[o + l][o + k] * a[o + l][o + j] }
        t /= a[o + k][o + k]
        a[o + k][o + j] = t
        s += t * t
      }
      s = a[o + j][o + j] - s
      guard s > 0 else { return false }
      a[o + j][o + j] = s.squareRoot()
    }
    return true
  }
}
