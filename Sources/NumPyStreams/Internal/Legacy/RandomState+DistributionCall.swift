import RNGStreams

extension RandomState {
  /// Runs one distribution call: NumPy's parameter checks in order, the
  /// broadcast plan, one `sample` per output element in C order, and one
  /// ``DrawReport`` (counter in the bit generator's unit). Internal.
  mutating func continuousCall(
    _ operation: String, _ parameters: [NumPyParameter], _ constraints: [ParameterConstraint], size: [Int]?,
    _ sample: (inout LegacySource<Bits>, Double, Double, Double) -> Double
  ) throws -> NumPySample {
    try ParameterConstraint.check(parameters, constraints)
    let plan = try DistributionPlan(parameters, size: size)
    let before = bitGenerator.wordsDrawn
    let values = withLegacySource { DistributionDriver.continuous(&$0, plan, parameters, sample) }
    if observer != nil {
      report(operation, operation, parameters.map(\.described), shape: plan.shape ?? [], from: before, values: .float64(values))
    }
    return NumPySample(values: .float64(values), shape: plan.shape)
  }

  /// ``continuousCall(_:_:_:size:_:)`` for int64 results.
  mutating func discreteCall(
    _ operation: String, _ parameters: [NumPyParameter], _ constraints: [ParameterConstraint], size: [Int]?,
    _ sample: (inout LegacySource<Bits>, DistributionDriver.Element, DistributionDriver.Element, DistributionDriver.Element) -> Int64
  ) throws -> NumPySample {
    try ParameterConstraint.check(parameters, constraints)
    let plan = try DistributionPlan(parameters, size: size)
    let before = bitGenerator.wordsDrawn
    let values = withLegacySource { DistributionDriver.discrete(&$0, plan, parameters, sample) }
    if observer != nil {
      report(operation, operation, parameters.map(\.described), shape: plan.shape ?? [], from: before, values: .int64(values))
    }
    return NumPySample(values: .int64(values), shape: plan.shape)
  }
}
