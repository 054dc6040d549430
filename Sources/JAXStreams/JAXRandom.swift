import RNGStreams

/// JAX's `jax.random` module for the `threefry2x32` (default), `rbg` and
/// `unsafe_rbg` PRNG implementations, bit for bit, under one ``JAXConfig``.
///
/// ```swift
/// let random = JAXRandom()                        // JAX ≥ 0.5.0 defaults
/// let key = try random.key(0)
/// let u = try random.uniform(key, shape: [3])     // [0.947667, 0.97858, 0.3322915]
/// let keys = try random.split(key)                // two new keys
/// let z = try random.normal(keys[1], shape: [2, 2])
/// ```
///
/// JAX keeps no generator state: every value is a hash of a key and a
/// counter. This type therefore holds only the configuration and an optional
/// observer. Each key a sampling call uses is reported as a stream named
/// `"key(hi,lo)"` whose counter is measured in Threefry blocks (one hash
/// evaluation, two 32-bit words); an `rbg` key's stream is named
/// `"key<rbg>(a,b,c,d)"` and counts Philox blocks (four words). A call reports the first block it hashed
/// and how many blocks it hashed. Reusing a key therefore shows up as two
/// reports over the same counters, which is exactly the JAX bug of using a
/// key twice. `key`, `split` and `fold_in` report a ``SeedDerivation`` for
/// every key they produce.
///
/// Edge cases: user-controlled values JAX itself would reject (a negative
/// dimension, a seed beyond 64 bits, `fold_in` data beyond 32 bits, an
/// integer dtype for `uniform`, …) throw ``FrameworkError``. One call may
/// produce at most ``maximumElements`` values.
public struct JAXRandom {
  /// The flags that change values.
  public var config: JAXConfig
  /// Receives one ``DrawReport`` per sampling call and one
  /// ``SeedDerivation`` per derived key. Nil costs one check per call.
  public var observer: (any DrawObserver)?

  /// The most elements one call may produce (2²⁸), a limit of this
  /// emulation (memory), not of JAX.
  public static let maximumElements = 1 << 28

  /// A `jax.random` emulation under `config`.
  public init(config: JAXConfig = JAXConfig(), observer: (any DrawObserver)? = nil) {
    self.config = config
    self.observer = observer
  }
}

// MARK: - Internal helpers shared by the samplers

extension JAXRandom {
  /// The number of elements of `shape`, validated like JAX validates it.
  static func elementCount(_ shape: [Int]) throws -> Int {
    var count = 1
    for d in shape {
      guard d >= 0 else {
        throw FrameworkError("shape dimensions must be non-negative integers, got \(pythonTuple(shape)).", parameter: "shape")
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow, product <= maximumElements else {
        throw FrameworkError(
          "shape \(pythonTuple(shape)) has more than \(maximumElements) elements, more than rngdiff emulates in one call.",
          parameter: "shape")
      }
      count = product
    }
    return count
  }

  /// Elements per row along axis 0 of an array of `shape`.
  static func rowLength(_ shape: [Int]) -> Int { shape.dropFirst().reduce(1, *) }

  /// Throws unless an array argument holds the element count of its shape.
  static func requireShape(_ values: DrawnValues, _ shape: [Int], _ parameter: String) throws {
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0 &* $1 }) == values.count else {
      throw FrameworkError(
        "\(parameter) has \(values.count) elements, which does not match its shape \(shape).", parameter: parameter)
    }
  }

  /// A shape as Python prints a tuple: `(3,)`, `(2, 3)`, `()`.
  static func pythonTuple(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  /// The stream a key keys: Threefry-2x32 blocks for a `threefry2x32`
  /// key, Philox-4x32-10 blocks of XLA's `RngBitGenerator` for `rbg` and
  /// `unsafe_rbg` keys.
  public func stream(for key: JAXKey) -> StreamIdentity {
    let words = key.data.map(String.init).joined(separator: ", ")
    return StreamIdentity(
      framework: .jax, name: key.description, algorithm: key.impl == .threefry2x32 ? .threefry2x32_20 : .philox4x32_10,
      seedMaterial: "\(key.impl.name) key_data=(\(words)); \(config.summary)",
      seeding: .explicit(call: "key_data (\(words))"))
  }

  /// Reports one sampling call on `key`'s stream.
  func report(
    _ key: JAXKey, firstBlock: UInt64 = 0, blocks: UInt64, operation: String, distribution: String,
    parameters: @autoclosure () -> [DrawReport.Parameter], shape: [Int], values: @autoclosure () -> DrawnValues?
  ) {
    guard let observer else { return }
    observer.observe(
      DrawReport(
        stream: stream(for: key), counterBefore: firstBlock, count: blocks, operation: operation,
        distribution: distribution, parameters: parameters(), shape: shape, values: values()))
  }

  /// Reports the keys `rule` derived from `inputs`.
  func reportDerived(_ keys: [JAXKey], rule: String, inputs: [DrawReport.Parameter]) {
    guard let observer else { return }
    for (i, derived) in keys.enumerated() {
      let extra = keys.count > 1 ? [DrawReport.Parameter("index", String(i))] : []
      observer.observe(
        SeedDerivation(rule: rule, inputs: inputs + extra, result: derived.description, derived: stream(for: derived)))
    }
  }
}
