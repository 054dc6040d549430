import RNGStreams

extension TensorFlowEagerContext {
  /// Runs one stateful op: resolves seeds, runs the kernel, applies the
  /// wrapper's arithmetic, reports one draw.
  mutating func runStatefulOp(
    _ op: RandomOpType, dtype: TensorFlowDType, shape: [Int], count: Int, seed: Int64?,
    integerRange: (Int64, Int64)? = nil, operation: String, parameters: [DrawReport.Parameter],
    finish: (DrawnValues) -> DrawnValues
  ) throws -> DrawnValues {
    let key = try prepareKernel(op, dtype: dtype, opSeed: seed)
    let observer = self.observer
    return try withKernel(key) { kernel in
      let (raw, run) = try kernel.run(count: count, integerRange: integerRange)
      let values = finish(raw)
      observer?.observe(
        kernel.report(run, operation: operation, parameters: parameters, shape: shape, values: values))
      return values
    }
  }

  /// The dtype check TensorFlow's float-only random ops make.
  static func requireFloat(_ dtype: TensorFlowDType, _ function: String) throws {
    guard dtype.isFloatingPoint else {
      throw FrameworkError("\(function) takes dtype float32 or float64, got \(dtype.rawValue).", parameter: "dtype")
    }
  }
}
