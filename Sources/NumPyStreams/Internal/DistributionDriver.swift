import RNGStreams

/// The element loop of every distribution call, generic over the state that
/// draws (``RandomState`` or ``NumPyGenerator``): each output element calls
/// the sampler once with its broadcast parameters, in C order, as NumPy's
/// `cont`/`disc` loops do. Internal.
enum DistributionDriver {
  /// Float64 results: `sample(&state, a, b, c)` per element (missing
  /// parameters are 0).
  static func continuous<S>(
    _ state: inout S, _ plan: DistributionPlan, _ parameters: [NumPyParameter],
    _ sample: (inout S, Double, Double, Double) -> Double
  ) -> [Double] {
    let n = plan.count
    var out = [Double](repeating: 0, count: n)
    if plan.allScalar {
      let a = parameters.count > 0 ? parameters[0].scalar : 0
      let b = parameters.count > 1 ? parameters[1].scalar : 0
      let c = parameters.count > 2 ? parameters[2].scalar : 0
      for i in 0..<n { out[i] = sample(&state, a, b, c) }
    } else {
      for i in 0..<n {
        let a = parameters.count > 0 ? parameters[0].values[plan.index(0, i)] : 0
        let b = parameters.count > 1 ? parameters[1].values[plan.index(1, i)] : 0
        let c = parameters.count > 2 ? parameters[2].values[plan.index(2, i)] : 0
        out[i] = sample(&state, a, b, c)
      }
    }
    return out
  }

  /// Int64 results; integer parameters arrive as their exact `Int64`
  /// (through `integers`), float ones as `Double`.
  static func discrete<S>(
    _ state: inout S, _ plan: DistributionPlan, _ parameters: [NumPyParameter],
    _ sample: (inout S, Element, Element, Element) -> Int64
  ) -> [Int64] {
    let n = plan.count
    var out = [Int64](repeating: 0, count: n)
    func element(_ p: Int, _ i: Int) -> Element {
      guard p < parameters.count else { return Element(double: 0, integer: 0) }
      let parameter = parameters[p]
      let j = plan.allScalar ? 0 : plan.index(p, i)
      return Element(double: parameter.values[j], integer: parameter.integers?[j] ?? 0)
    }
    for i in 0..<n { out[i] = sample(&state, element(0, i), element(1, i), element(2, i)) }
    return out
  }

  /// One parameter value of one element, as a float and (for integer
  /// parameters) as its exact integer.
  struct Element {
    var double: Double
    var integer: Int64
  }
}
