#if canImport(Glibc)
import Glibc  // float64 `log` is the C library's, as on XLA CPU
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNGStreams

extension JAXRandom {
  /// `jax.random.geometric(key, p, shape=None, dtype=None)` for one `p`:
  /// `floor(log(u) / log1p(-p)) + 1` for `u` uniform in `[0, 1)` (a `u` of 0
  /// taken as 1), in the float dtype of `p` (float32, float64 under x64),
  /// then converted to the integer dtype (int32, int64 under x64).
  ///
  /// ```swift
  /// try random.geometric(random.key(0), p: 0.3, shape: [5])
  /// ```
  ///
  /// Throws for an integer dtype other than int32/int64, or a bad shape.
  public func geometric(_ key: JAXKey, p: Double, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    try geometric(key, p: [p], pShape: [], shape: shape, dtype: dtype)
  }

  /// `geometric` with an array `p` broadcast to `shape` (default: its own shape).
  public func geometric(_ key: JAXKey, p: [Double], pShape: [Int], shape: [Int]?, dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultInt)
    guard dtype == .int32 || dtype == .int64 else {
      throw FrameworkError("geometric is emulated for int32 and int64 results only, got \(dtype.name).", parameter: "dtype")
    }
    let (ps, shape) = try broadcastParameter(p, pShape, to: shape, name: "p", function: "geometric")
    let count = try Self.elementCount(shape)
    let floatType = config.defaultFloat
    let (uniforms, blocks) = uniformValues(key, count: count, dtype: floatType, minval: 0, maxval: 1)
    let draws: [Double]
    switch uniforms {
    case .float32(let u):
      let denominators = ps.map { XLAFloat32Math.log1p(-Float($0)) }
      draws = u.indices.map { Double((XLAFloat32Math.log(u[$0] == 0 ? 1 : u[$0]) / denominators[$0]).rounded(.down) + 1) }
    case .float64(let u):
      let denominators = ps.map { XLAFloat64Math.log1p(-$0) }
      draws = u.indices.map { (log(u[$0] == 0 ? 1 : u[$0]) / denominators[$0]).rounded(.down) + 1 }
    default: preconditionFailure("samplers run in float32 or float64")
    }
    let values: DrawnValues = dtype == .int32
      ? .int32(draws.map { Int32(clamping: Int64(exactly: $0) ?? Int64.max) })
      : .int64(draws.map { Int64(exactly: $0) ?? Int64.max })
    report(key, blocks: blocks, operation: "geometric", distribution: "geometric",
           parameters: [.init("p", Self.parameterText(p, pShape)), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }
}
