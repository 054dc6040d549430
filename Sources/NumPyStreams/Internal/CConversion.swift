/// C's conversions as NumPy's compiled samplers perform them on x86-64. Internal.
enum CConversion {
  /// `(int64_t)x` / `(long)x`: truncation toward zero; out-of-range values
  /// and NaN give `INT64_MIN`, what `cvttsd2si` returns (C leaves it
  /// undefined; Swift would trap).
  ///
  /// ```swift
  /// CConversion.int64(-2.7)    // -2
  /// CConversion.int64(1e300)   // Int64.min
  /// ```
  @inline(__always)
  static func int64(_ x: Double) -> Int64 {
    guard x > -9.2233720368547758e18 - 1024, x < 9.2233720368547758e18 else { return .min }
    return Int64(x)
  }
}
