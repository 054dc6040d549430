import Foundation

/// NumPy's `logfactorial(k)`: `log(k!)` correctly rounded for `k < 126`
/// (NumPy keeps a table; rngdiff computes `k!` as a double-double product
/// and takes `log` of it, which gives the same 126 values), Stirling's
/// series truncated at `1/k³` above. Internal.
///
/// ```swift
/// LogFactorial.value(3)     // log(6)
/// LogFactorial.value(1000)  // Stirling
/// ```
enum LogFactorial {
  static let table: [Double] = {
    var values = [0.0]
    var hi = 1.0
    var lo = 0.0
    for k in 1..<126 {
      let f = Double(k)
      let product = hi * f
      let error = (-product).addingProduct(hi, f)  // hi·f − product, exactly (one FMA)
      let low = lo * f + error
      hi = product + low
      lo = low - (hi - product)
      values.append(log(hi) + lo / hi)
    }
    return values
  }()

  static func value(_ k: Int64) -> Double {
    if k < 126 { return table[Int(max(k, 0))] }
    let dk = Double(k)
    let halfLn2Pi = 0.9189385332046728
    return (dk + 0.5) * log(dk) - dk + (halfLn2Pi + (1.0 / dk) * (1 / 12.0 - 1 / (360.0 * dk * dk)))
  }
}
