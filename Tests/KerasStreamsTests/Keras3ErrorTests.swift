import KerasStreams
import PythonStreams
import RNGStreams
import Testing

/// Inputs Keras 3 rejects throw one-sentence ``FrameworkError``s naming
/// what is accepted (messages as Keras 3.15 words them where it has one).
@Suite struct Keras3ErrorTests {
  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch let e as FrameworkError {
      return e.message
    } catch {
      return "\(error)"
    }
  }

  @Test func setRandomSeedRejectsWhatNumPyRejectsAfterSeedingPython() {
    var keras = Keras3.GlobalState(backend: .tensorflow, python: PythonRandom(seed: 0))
    _ = try? keras.uniform([1])   // creates the global SeedGenerator
    #expect(keras.globalGenerator != nil)
    #expect(message { try keras.setRandomSeed(.int(-1)) } == "Seed must be between 0 and 2**32 - 1")
    var reference = PythonRandom(seed: -1)
    #expect(keras.python.random() == reference.random())
    #expect(keras.globalGenerator == nil)
    #expect(message { try keras.setRandomSeed(.int(1 << 32)) } == "Seed must be between 0 and 2**32 - 1")
    #expect(message { try keras.setRandomSeed(.float(1.5)) }
      == "Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)")
    #expect(message { try keras.setRandomSeed(.string("a")) }
      == "Expected `seed` argument to be an integer. Received: seed='a' (of type <class 'str'>)")
    #expect(message { try keras.setRandomSeed(.bool(true)) } == "no error")
  }

  @Test func jaxSeedsMustFitUInt32() {
    var keras = Keras3.GlobalState(backend: .jax)
    #expect(message { _ = try keras.uniform([2], seed: .int(-1)) } == "Python integer -1 out of bounds for uint32")
    #expect(message { _ = try keras.makeSeedGenerator(seed: 1 << 32) } == "Python integer 4294967296 out of bounds for uint32")
    // An initializer stores the seed and fails at its first call.
    let glorot = Keras3.Initializer.glorotUniform(seed: .int(-1), state: &keras)
    #expect(message { _ = try glorot([2], state: &keras) } == "Python integer -1 out of bounds for uint32")
    var tf = Keras3.GlobalState(backend: .tensorflow)
    #expect(message { _ = try tf.uniform([2], seed: .int(-1)) } == "no error")
  }

  @Test(arguments: Keras3.Backend.allCases)
  func layerArguments(backend: Keras3.Backend) throws {
    var keras = Keras3.GlobalState(backend: backend, python: PythonRandom(seed: 0))
    #expect(message { _ = try Keras3.Dense(units: 0, state: &keras) }
      == "Received an invalid value for `units`, expected a positive integer. Received: units=0")
    #expect(message { _ = try Keras3.Dense(units: 2, kernelInitializer: "orthogonal", state: &keras) }.hasPrefix(
      "Could not interpret initializer identifier: orthogonal; rngdiff knows glorot_uniform, "))
    var dense = try Keras3.Dense(units: 2, state: &keras)
    #expect(message { try dense.build([4, nil], state: &keras) }
      == "The last dimension of the input shape of a Dense layer must be defined, got None.")
    try dense.build([nil, 3], state: &keras)
    #expect(message { try dense.build([nil, 3], state: &keras) }.hasPrefix(
      "You cannot add new elements of state (variables or sub-layers) to a layer that is already built."))
    #expect(message { _ = try Keras3.Dropout(rate: 1.5, state: &keras) }
      == "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5")
    #expect(message { _ = try Keras3.Dropout(rate: 0.5, noiseShape: [nil, 0], state: &keras) }
      == "Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index 1: 0")
  }

  @Test(arguments: Keras3.Backend.allCases)
  func opAndInitializerArguments(backend: Keras3.Backend) throws {
    var keras = Keras3.GlobalState(backend: backend, python: PythonRandom(seed: 0))
    #expect(message { _ = try keras.uniform([2], dtype: .int32, seed: .int(1)) }
      == "`keras.random.uniform` requires a floating point `dtype`. Received: dtype=int32")
    #expect(message { _ = try keras.normal([-1], seed: .int(1)) }.contains("-1"))
    #expect(message { _ = try keras.dropout(try keras.ones([4]), rate: 0.5, noiseShape: [3], seed: .int(1)) }
      .contains("noise_shape"))
    #expect(message { _ = try Keras3.Initializer.varianceScaling(scale: 0, state: &keras) }
      == "Argument `scale` must be positive float. Received: scale=0.0")
    #expect(message { _ = try Keras3.Initializer.varianceScaling(mode: "fan_sum", state: &keras) }
      == "Invalid `mode` argument: fan_sum. Please use one of {'fan_in', 'fan_out', 'fan_avg'}")
    #expect(message { _ = try Keras3.fans([3, 4], inputAxes: [2], outputAxes: [0]) }
      == "axis 2 is out of range for a weight of shape [3, 4].")
    // Bad arguments draw no default seed.
    var reference = PythonRandom(seed: 0)
    #expect(keras.python.random() == reference.random())
  }
}
