import RNGStreams

extension JAXRandom {
  /// `jax.random.poisson(key, lam, shape=None, dtype=None)`: Knuth's
  /// algorithm where `lam < 10`, Hörmann's transformed rejection elsewhere
  /// (``poissonRejection(_:rates:scalarRate:)``), both over the whole array
  /// from `key`, as JAX runs them.
  ///
  /// ```swift
  /// try random.poisson(random.key(0), lam: [3.0], lamShape: [], shape: [5])
  /// ```
  ///
  /// `lam` is rounded to float32. Each round splits the running key,
  /// draws one float32 `uniform` for every element from the new subkey, and
  /// for each element still running (`log_prod > −lam`) counts one more;
  /// then `log_prod += log(u)` (XLA's float32 `log`). The result is the
  /// count minus one, or 0 where `lam == 0` (−1 for a negative `lam`, as in
  /// JAX). Rounds continue while any element runs, so an element's value
  /// does not depend on the others (Knuth's loop sees `lam = 0` for the
  /// rejection elements; the rejection loop sees 10⁵ for Knuth's, which do
  /// decide how many rounds it runs).
  ///
  /// One draw is reported on `key`, counting one block per round of either
  /// loop (the split that feeds it).
  ///
  /// - Throws: ``FrameworkError`` for an `rbg` or `unsafe_rbg` key (JAX
  ///   implements `poisson` for Threefry keys only), for an infinite `lam`
  ///   or one above 10⁹ (not measured), a dtype other than int32/int64, a
  ///   `lam` that does not broadcast to `shape`, or a bad shape.
  public func poisson(
    _ key: JAXKey, lam: [Double], lamShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    guard key.impl == .threefry2x32 else {
      // JAX raises NotImplementedError before looking at lam or the shape.
      throw FrameworkError("`poisson` is only implemented for the threefry2x32 RNG, not \(key.impl.name).", parameter: "key")
    }
    let dtype = config.canonical(dtype ?? config.defaultInt)
    guard dtype == .int32 || dtype == .int64 else {
      throw FrameworkError("poisson is emulated for int32 and int64 results, got \(dtype.name).", parameter: "dtype")
    }
    let (lams, shape) = try broadcastParameter(lam, lamShape, to: shape, name: "lam", function: "poisson")
    let rates = lams.map { Float($0) }
    if let bad = rates.first(where: { $0.isInfinite || $0 > 1e9 }) {
      throw FrameworkError(
        "poisson with lam \(bad) is not emulated: rngdiff reproduces lam up to 1e9 (its rejection sampler's float32 k is cast to \(dtype.name) beyond that).",
        parameter: "lam")
    }
    // As _poisson: Knuth where lam < 10 (or NaN), the rejection sampler elsewhere; both run from `key`.
    let useKnuth = rates.map { $0.isNaN || $0 < 10 }
    let knuthRates = zip(rates, useKnuth).map { $1 ? $0 : 0 }
    var counts = [Int64](repeating: 0, count: rates.count)
    var logProducts = [Float](repeating: 0, count: rates.count)
    var running = key
    var rounds: UInt64 = 0
    while zip(logProducts, knuthRates).contains(where: { $0 > -$1 }) {
      rounds += 1
      guard rounds <= 100_000 else {
        throw FrameworkError("poisson did not finish after 100000 rounds.", parameter: "lam")
      }
      let keys = derivedKeys(running, count: 2)
      running = keys[0]
      let (uniforms, _) = uniformValues(keys[1], count: rates.count, dtype: .float32, minval: 0, maxval: 1)
      guard case .float32(let u) = uniforms else { preconditionFailure("float32 uniforms are held as Float") }
      for i in rates.indices {
        if logProducts[i] > -knuthRates[i] { counts[i] += 1 }
        logProducts[i] = logProducts[i] + XLAFloat32Math.log(u[i])
      }
    }
    var results = zip(counts, rates).map { count, rate in rate == 0 ? 0 : count - 1 }
    if useKnuth.contains(false) {
      let rejectionRates = zip(rates, useKnuth).map { $1 ? 100_000 : $0 }
      let (samples, extra) = try poissonRejection(key, rates: rejectionRates, scalarRate: lamShape.isEmpty && !shape.isEmpty)
      for i in rates.indices where !useKnuth[i] { results[i] = Int64(samples[i]) }
      rounds += extra
    }
    let values: DrawnValues = dtype == .int64 ? .int64(results) : .int32(results.map { Int32($0) })
    report(key, blocks: rounds, operation: "poisson", distribution: "poisson",
           parameters: [.init("lam", lam.count == 1 ? String(lam[0]) : "array\(Self.pythonTuple(lamShape))"), .init("dtype", dtype.name)],
           shape: shape, values: values)
    return values
  }
}
