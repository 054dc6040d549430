import RNGStreams

/// The element loop of every distribution call, generic over the state that
/// draws (``RandomState`` or ``NumPyGenerator``): each output element calls
/// the sampler once with its broadcast parameters, in C order, as NumPy's
/// `cont`/`disc` loops do. Internal.
enum DistributionDriver {
  /// Float64 results: `sample(&state, a, b, c)` per element (missing
  /// parameters are 0).
  @inline(__always)
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
      let k = parameters.count
      let none = [0.0]
      let first = k > 0 ? parameters[0].values : none
      let second = k > 1 ? parameters[1].values : none
      let third = k > 2 ? parameters[2].values : none
      for i in 0..<n {
        let a = first[k > 0 ? plan.index(0, i) : 0]
        let b = second[k > 1 ? plan.index(1, i) : 0]
        let c = third[k > 2 ? plan.index(2, i) : 0]
        out[i] = sample(&state, a, b, c)
      }
    }
    return out
  }

  /// Int64 results; integer parameters arrive as their exact `Int64`
  /// (through `integers`), float ones as `Double`.
  @inline(__always)
  static func discrete<S>(
    _ state: inout S, _ plan: DistributionPlan, _ parameters: [NumPyParameter],
    _ sample: (inout S, Element, Element, Element) -> Int64
  ) -> [Int64] {
    let n = plan.count
    var out = [Int64](repeating: 0, count: n)
    var columns = parameters.map { ($0.values, $0.integers ?? []) }
    while columns.count < 3 { columns.append(([0], [0])) }
    func element(_ p: Int, _ j: Int) -> Element {
      let (doubles, integers) = columns[p]
      return Element(double: doubles[j], integer: integers.isEmpty ? 0 : integers[j])
    }
    if plan.allScalar {
      let a = element(0, 0), b = element(1, 0), c = element(2, 0)
      for i in 0..<n { out[i] = sample(&state, a, b, c) }
    } else {
      let k = parameters.count
      for i in 0..<n {
        let a = element(0, k > 0 ? plan.index(0, i) : 0)
        let b = element(1, k > 1 ? plan.index(1, i) : 0)
        let c = element(2, k > 2 ? plan.index(2, i) : 0)
        out[i] = sample(&state, a, b, c)
      }
    }
    return out
  }

  /// One parameter value of one element, as a float and (for integer
  /// parameters) as its exact integer.
  struct Element {
    var double: Double
    var integer: Int64
  }
}
