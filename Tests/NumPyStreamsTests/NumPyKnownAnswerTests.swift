import NumPyStreams
import RNGStreams
import Testing

/// Known answers from NumPy's own test suite, numpy/random/tests/test_random.py
/// at v2.4.6, class `TestRandomDist` (each test runs `RandomState(1234567890)`
/// and draws `size=(3, 2)`). The literals are NumPy's; every value printed
/// there with 17 or more digits is the exact double, so the comparison is
/// bit for bit.
@Suite struct NumPyKnownAnswerTests {
  static let seed: Int128 = 1_234_567_890

  func doubles(_ sample: NumPySample) -> [Double] {
    if case .float64(let v) = sample.values { return v }
    return []
  }

  func ints(_ sample: NumPySample) -> [Int64] {
    if case .int64(let v) = sample.values { return v }
    return []
  }

  @Test func testExponential() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.exponential(scale: .init("scale", 1.1234), size: [3, 2])
    #expect(sample.shape == [3, 2])
    #expect(doubles(sample) == [
      1.08342649775011624, 1.00607889924557314, 2.46628830085216721, 2.49668106809923884,
      0.68717433461363442, 1.69175666993575979,
    ])
  }

  @Test func testGamma() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.gamma(shape: .init("shape", 5), scale: .init("scale", 3), size: [3, 2])
    #expect(doubles(sample) == [
      24.60509188649287182, 28.54993563207210627, 26.13476110204064184, 12.56988482927716078,
      31.71863275789960568, 33.30143302795922011,
    ])
  }

  @Test func testBeta() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.beta(a: .init("a", 0.1), b: .init("b", 0.9), size: [3, 2])
    #expect(doubles(sample) == [
      1.45341850513746058e-02, 5.31297615662868145e-04, 1.85366619058432324e-06, 4.19214516800110563e-03,
      1.58405155108498093e-04, 1.26252891949397652e-04,
    ])
  }

  @Test func testStandardT() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.standardT(df: .init("df", 10), size: [3, 2])
    #expect(doubles(sample) == [
      0.97140611862659965, -0.08830486548450577, 1.36311143689505321, -0.55317463909867071,
      -0.18473749069684214, 0.61181537341755321,
    ])
  }

  @Test func testVonmises() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.vonmises(mu: .init("mu", 1.23), kappa: .init("kappa", 1.54), size: [3, 2])
    #expect(doubles(sample) == [
      2.28567572673902042, 2.89163838442285037, 0.38198375564286025, 2.57638023113890746,
      1.19153771588353052, 1.83509849681825354,
    ])
  }

  @Test func testWald() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.wald(mean: .init("mean", 1.23), scale: .init("scale", 1.54), size: [3, 2])
    #expect(doubles(sample) == [
      3.82935265715889983, 5.13125249184285526, 0.35045403618358717, 1.50832396872003538,
      0.24124319895843183, 0.22031101461955038,
    ])
  }

  @Test func testBinomial() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.binomial(n: .init("n", integer: 100), p: .init("p", 0.456), size: [3, 2])
    #expect(ints(sample) == [37, 43, 42, 48, 46, 45])
  }

  @Test func testNegativeBinomial() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.negativeBinomial(n: .init("n", 100), p: .init("p", 0.12345), size: [3, 2])
    #expect(ints(sample) == [848, 841, 892, 611, 779, 647])
  }

  @Test func testHypergeometric() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.hypergeometric(
      ngood: .init("ngood", integer: 10), nbad: .init("nbad", integer: 5), nsample: .init("nsample", integer: 14), size: [3, 2])
    #expect(ints(sample) == [10, 10, 10, 10, 9, 9])
  }

  @Test func testPoisson() throws {
    var rs = try RandomState(seed: Self.seed)
    let sample = try rs.poisson(lam: .init("lam", 0.123456789), size: [3, 2])
    #expect(ints(sample) == [0, 0, 1, 0, 0, 0])
  }
}
