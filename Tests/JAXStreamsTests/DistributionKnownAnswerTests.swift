import JAXStreams
import RNGStreams
import Testing

/// Values printed by jax 0.10.2 on CPU (default flags) for the
/// distribution samplers; jax_samplers.jsonl covers them at scale, in both
/// counter layouts and under x64.
@Suite struct JAXDistributionKnownAnswerTests {
  let random = JAXRandom()

  @Test func logTransformsOfUniforms() throws {
    let key = try random.key(7)
    #expect(try random.exponential(key, shape: [5])
      == .float32([1.121133804321289, 3.673671007156372, 0.36074545979499817, 0.5869123935699463, 1.312622308731079]))
    #expect(try random.gumbel(key, shape: [5])
      == .float32([0.9304105043411255, 3.6608431339263916, -0.17776018381118774, 0.20822525024414062, 1.1599655151367188]))
    #expect(try random.laplace(key, shape: [5])
      == .float32([-0.42798662185668945, -2.980525016784668, 0.501391589641571, 0.11887689679861069, -0.619475245475769]))
    #expect(try random.logistic(key, shape: [5])
      == .float32([0.7267420291900635, 3.6479601860046387, -0.8337934017181396, -0.225111722946167, 0.9991253614425659]))
    // 12.51364 needs π rounded to nearest (Swift's Float.pi rounds toward zero and gives 12.51362).
    #expect(try random.cauchy(key, shape: [5])
      == .float32([0.6088750958442688, 12.513639450073242, -0.7129808664321899, -0.1779012531042099, 0.886581301689148]))
  }

  @Test func signsAndClasses() throws {
    #expect(try random.rademacher(random.key(5), shape: [9], dtype: .float32)
      == .float32([1, -1, -1, 1, -1, -1, 1, 1, 1]))
    #expect(try random.categorical(random.key(4), logits: .float32([1, 2, 3]), logitsShape: [3]) == .int32([1]))
  }

  @Test func refusals() throws {
    let key = try random.key(0)
    #expect(throws: FrameworkError.self) { try random.exponential(key, shape: [2], dtype: .int32) }
    #expect(throws: FrameworkError.self) { try random.gumbel(key, shape: [2], dtype: .bfloat16) }
    #expect(throws: FrameworkError.self) { try random.categorical(key, logits: .float32([]), logitsShape: [0]) }
    #expect(throws: FrameworkError.self) { try random.categorical(key, logits: .float32([1]), logitsShape: []) }
    #expect(throws: FrameworkError.self) { try random.categorical(key, logits: .float32([1, 2]), logitsShape: [3]) }
  }

  @Test func gammaLogGammaAndTInFloat64() throws {
    // jax_enable_x64=True, jax 0.10.2 on CPU.
    let x64 = JAXRandom(config: JAXConfig(enableX64: true))
    #expect(try x64.gamma(x64.key(6), a: [3.0], aShape: []) == .float64([2.302201390189795]))
    #expect(try x64.gamma(x64.key(2), a: [0.5, 1.0, 7.5], aShape: [3], logSpace: true)
      == .float64([-1.8985311489841572, -1.6402886105793653, 1.1671224059844199]))
    #expect(try x64.t(x64.key(2), df: [1.0, 10.0], dfShape: [2]) == .float64([-0.2037273556493595, -0.8862565991228144]))
    // float32 gamma depends on the processor's approximate rsqrt: refused.
    #expect(throws: FrameworkError.self) { try random.gamma(random.key(0), a: [2.0], aShape: []) }
    #expect(throws: FrameworkError.self) { try x64.gamma(x64.key(0), a: [2.0], aShape: [], dtype: .float32) }
  }

  @Test func poissonKnuthAndRejection() throws {
    #expect(try random.poisson(random.key(3), lam: [0, 1, 2.5, 7], lamShape: [4]) == .int32([0, 1, 1, 8]))
    #expect(try random.poisson(random.key(6), lam: [1, 5], lamShape: [2, 1], shape: [2, 3]) == .int32([0, 1, 0, 3, 5, 4]))
    // lam ≥ 10: JAX's transformed rejection (jax 0.10.2 on CPU), next to a Knuth element.
    #expect(try random.poisson(random.key(0), lam: [10], lamShape: []) == .int32([5]))
    #expect(try random.poisson(random.key(3), lam: [12, 3, 500], lamShape: [3]) == .int32([11, 4, 471]))
    #expect(throws: FrameworkError.self) { try random.poisson(random.key(0), lam: [.infinity], lamShape: []) }
    #expect(throws: FrameworkError.self) { try random.poisson(random.key(0), lam: [1, 2], lamShape: [2], shape: [3]) }
  }
}
