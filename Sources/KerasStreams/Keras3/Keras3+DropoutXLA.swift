import RNGBits
import RNGStreams
import TensorFlowStreams

extension Keras3.GlobalState {
  /// ``dropout(_:rate:noiseShape:seed:)`` on TensorFlow as an XLA-compiled
  /// train step runs it (`compile(jit_compile=True)`): the same seed cast,
  /// key, counter and Philox words as TensorFlow's CPU kernel, but each
  /// float is made from the **high** 23 bits of its word
  /// (`(w >> 9) | 0x3F800000`, minus 1) instead of the low 23 bits. Keep
  /// where `u >= float32(rate)`, kept values times `float32(1 / (1 - rate))`.
  ///
  /// ```swift
  /// let y = try keras.dropoutXLA(x, rate: 0.5, seed: .generator(sg))   // seed [s, k], then k + 1
  /// ```
  ///
  /// Edge cases: `rate == 1` returns zeros and `rate == 0` the input, both
  /// without drawing a seed (as ``dropout(_:rate:noiseShape:seed:)``);
  /// there is no noise shape (the mask has the input's shape).
  ///
  /// - Throws: ``FrameworkError`` for an input that is not float32, a rate
  ///   outside `[0, 1]` or a bad seed.
  public mutating func dropoutXLA(_ inputs: Keras3.Tensor, rate: Double, seed: Keras3.Seed) throws -> Keras3.Tensor {
    guard let x = inputs.values.float32 else {
      throw FrameworkError("the XLA dropout is emulated for float32 inputs, got \(inputs.dtype.rawValue).", parameter: "inputs")
    }
    guard rate >= 0 && rate <= 1 else { throw FrameworkError("rate must be in [0, 1], got \(rate).", parameter: "rate") }
    if rate == 1.0 { return Keras3.Tensor(shape: inputs.shape, values: .float32(Array(repeating: 0, count: x.count))) }
    if rate == 0.0 { return inputs }
    let key = try StatelessKey(seed: tensorFlowSeed(try drawSeed(seed)))
    let blocks = (x.count + 3) / 4
    let threshold = Float(rate)
    var keep: [Bool] = []
    keep.reserveCapacity(blocks * 4)
    for b in 0..<blocks {
      let words = Philox4x32.block(counter: Philox4x32.add(key.counter, UInt64(b)), key: key.key)
      for w in 0..<4 { keep.append(Float(bitPattern: (words[w] >> 9) | 0x3F80_0000) - 1 >= threshold) }
    }
    keep.removeLast(keep.count - x.count)
    let scale = Float(1 / (1 - rate))
    observer?.observe(DrawReport(
      stream: key.stream, counterBefore: 0, count: UInt64(blocks), operation: "stateless_dropout", distribution: "bernoulli",
      parameters: [.init("rate", "\(rate)"), .init("noise_shape", "\(inputs.shape)"), .init("float_bits", "high (XLA)")],
      shape: inputs.shape, values: .bool(keep)))
    return Keras3.Tensor(shape: inputs.shape, values: .float32(x.indices.map { keep[$0] ? x[$0] * scale : 0 }))
  }
}
