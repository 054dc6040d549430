import JAXStreams
import RNGStreams
import Testing

/// Every golden case of fixtures/reference/jax, bit for bit.
@Suite struct JAXGoldenTests {
  static let files = ["jax_keys", "jax_bits", "jax_uniform", "jax_normal", "jax_integers", "jax_x64"]

  @Test(arguments: files)
  func goldenFileMatchesBitForBit(_ file: String) throws {
    let cases = try GoldenFile.cases(file)
    #expect(!cases.isEmpty)
    var compared = 0
    for c in cases {
      var evaluator = GoldenEvaluator(config: c.jaxConfig)
      for output in c.outputs {
        let rendered: GoldenRendering
        do {
          rendered = try GoldenRendering(try evaluator.evaluate(c.calls[output.call]))
        } catch {
          Issue.record("\(file): \(output.expr) [\(c.jaxConfig.summary)] threw \(error)")
          continue
        }
        #expect(rendered.dtype == output.dtype, "\(output.expr) [\(c.jaxConfig.summary)]")
        #expect(rendered.shape == output.shape, "\(output.expr) [\(c.jaxConfig.summary)]")
        if let i = rendered.firstMismatch(output.values) {
          Issue.record("\(file): \(output.expr) [\(c.jaxConfig.summary)] differs at \(i) of \(output.values.count): got \(i < rendered.values.count ? "\(rendered.values[i])" : "nothing"), expected \(i < output.values.count ? "\(output.values[i])" : "nothing")")
        }
        compared += output.values.count
      }
    }
    #expect(compared > 1000)
  }
}
