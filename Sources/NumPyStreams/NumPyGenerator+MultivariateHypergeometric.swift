import RNGBits
import RNGStreams

/// How `Generator.multivariate_hypergeometric` draws: NumPy's `method=`.
public enum MultivariateHypergeometricMethod: String, Sendable, CaseIterable {
  /// One `hypergeometric` draw per color but the last (NumPy's default).
  case marginals
  /// A partial Fisher–Yates shuffle of the whole population, then counting.
  case count
}

extension NumPyGenerator {
  /// `multivariate_hypergeometric(colors, nsample, size=None, method='marginals')`:
  /// one row of `colors.count` counts per variate, shape `size + [colors.count]`.
  ///
  /// ```swift
  /// var rng = try NumPyGenerator(seed: 0)
  /// try rng.multivariateHypergeometric(colors: [16, 8, 4], nsample: 15, size: [2])
  /// // np.random.default_rng(0).multivariate_hypergeometric([16, 8, 4], 15, size=2)
  /// ```
  ///
  /// `marginals` draws `hypergeometric(colors[j], rest, still_needed)` color by
  /// color; `count` lists the population (`[0, 0, …, 1, …]`), partially
  /// shuffles its first `nsample` places with `random_interval` and counts
  /// them, the list carrying over from one variate to the next. Both sample
  /// `total - nsample` instead when `nsample > total / 2` and take the
  /// complement.
  ///
  /// - Throws: ``FrameworkError`` with NumPy's message for a negative
  ///   `nsample`, a negative color, `sum(colors)` beyond int64, a
  ///   `marginals` total of 10⁹ or more, or `nsample > sum(colors)`; and
  ///   for a `size` whose product overflows. The `count` method lists the
  ///   whole population in memory, as NumPy does: callers bound `sum(colors)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func multivariateHypergeometric(
    colors: [Int64], nsample: Int64, size: [Int]?, method: MultivariateHypergeometricMethod = .marginals
  ) throws -> NumPySample {
    guard nsample >= 0 else { throw FrameworkError("nsample must be nonnegative.", parameter: "nsample") }
    guard colors.allSatisfy({ $0 >= 0 }) else {
      throw FrameworkError(
        "colors must be a one-dimensional sequence of nonnegative integers not exceeding \(Int64.max).",
        parameter: "colors")
    }
    var total: Int64 = 0
    for c in colors {
      let (sum, overflow) = total.addingReportingOverflow(c)
      guard !overflow else {
        throw FrameworkError(
          "sum(colors) must not exceed the maximum value of a 64 bit signed integer (\(Int64.max))", parameter: "colors")
      }
      total = sum
    }
    if method == .marginals && total >= 1_000_000_000 {
      throw FrameworkError("When method is \"marginals\", sum(colors) must be less than 1000000000.", parameter: "colors")
    }
    let maxIndex = Int64.max / 8
    if method == .count && total > maxIndex {
      throw FrameworkError("When method is 'count', sum(colors) must not exceed \(maxIndex)", parameter: "colors")
    }
    guard nsample <= total else { throw FrameworkError("nsample > sum(colors)", parameter: "nsample") }
    let shape = (size ?? []) + [colors.count]
    var variates = 1
    for d in shape {
      try ElementCount.check(d)
      let (product, overflow) = variates.multipliedReportingOverflow(by: d)
      guard !overflow else { throw FrameworkError("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.", parameter: "size") }
      variates = product
    }
    var out = [Int64](repeating: 0, count: variates)
    let before = bitGenerator.wordsDrawn
    let rows = colors.isEmpty ? 0 : variates / colors.count
    if total > 0 && nsample > 0 && rows > 0 {
      let complement = nsample > total / 2
      let needed = complement ? total - nsample : nsample
      switch method {
      case .marginals:
        drawing { bits in
          for row in 0..<rows {
            let base = row * colors.count
            var toSample = needed
            var remaining = total
            var j = 0
            while toSample > 0 && j + 1 < colors.count {
              remaining -= colors[j]
              let r = GeneratorHypergeometric.sample(&bits, good: colors[j], bad: remaining, sample: toSample)
              out[base + j] = r
              toSample -= r
              j += 1
            }
            if toSample > 0 { out[base + colors.count - 1] = toSample }
          }
        }
      case .count:
        var choices = [Int](repeating: 0, count: Int(total))
        var k = 0
        for (color, n) in colors.enumerated() {
          for _ in 0..<Int(n) {
            choices[k] = color
            k += 1
          }
        }
        drawing { bits in
          for row in 0..<rows {
            let base = row * colors.count
            for j in 0..<Int(needed) {
              let pick = j + Int(BoundedIntegers.interval(&bits, max: UInt64(total) - UInt64(j) - 1))
              choices.swapAt(pick, j)
            }
            for j in 0..<Int(needed) { out[base + choices[j]] += 1 }
          }
        }
      }
      if complement {
        for i in out.indices { out[i] = colors[i % colors.count] - out[i] }
      }
    }
    if observer != nil {
      report(
        "multivariate_hypergeometric", "multivariate_hypergeometric",
        [.init("colors", "[" + colors.map(String.init).joined(separator: ", ") + "]"), .init("nsample", "\(nsample)"),
         .init("method", method.rawValue)],
        shape: shape, from: before, values: .int64(out))
    }
    return NumPySample(values: .int64(out), shape: shape)
  }
}
