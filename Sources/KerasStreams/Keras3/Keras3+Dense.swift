import RNGStreams

extension Keras3 {
  /// `keras.layers.Dense(units, use_bias=True, kernel_initializer="glorot_uniform",
  /// bias_initializer="zeros", dtype=None)`: a layer whose weights are a
  /// kernel of shape `(input_dim, units)` and a bias of shape `(units,)`.
  ///
  /// ```swift
  /// try keras.setRandomSeed(.int(5))
  /// var dense = try Keras3.Dense(units: 3, state: &keras)   // draws the kernel seed here
  /// try dense.build([nil, 4], state: &keras)
  /// dense.kernel?.floats?.first                             // TF 0.446488618850708, JAX 0.784735918045044
  /// ```
  ///
  /// The initializers are made **when the layer is constructed**
  /// (`initializers.get`), so an unseeded kernel initializer takes its seed
  /// from Python's `random` then — before any later
  /// `keras.utils.set_random_seed` — and the order of construction, not of
  /// building, decides which layer gets which seed. `build` runs the kernel
  /// initializer, then the bias initializer.
  public struct Dense: Sendable, Hashable {
    public let units: Int
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    /// The weights' dtype (float32 unless `dtype` said otherwise).
    public let dtype: DType
    /// The layer's name (`dense`, `dense_1`, …).
    public let name: String
    /// The kernel, once built.
    public internal(set) var kernel: Tensor?
    /// The bias, once built with `useBias`.
    public internal(set) var bias: Tensor?

    /// An initializer argument: a name for `initializers.get`, or an instance.
    public enum InitializerArgument: Sendable, Hashable, ExpressibleByStringLiteral {
      case name(String)
      case instance(Initializer)
      public init(stringLiteral value: String) { self = .name(value) }
    }

    /// - Throws: ``FrameworkError`` when `units` is not positive, `dtype` is
    ///   not floating point, or an initializer name is unknown.
    public init(
      units: Int, useBias: Bool = true, kernelInitializer: InitializerArgument = "glorot_uniform",
      biasInitializer: InitializerArgument = "zeros", dtype: DType? = nil, name: String? = nil,
      state: inout GlobalState
    ) throws {
      guard units > 0 else {
        throw FrameworkError(
          "Received an invalid value for `units`, expected a positive integer. Received: units=\(units)", parameter: "units")
      }
      let dtype = dtype ?? .float32
      guard dtype.isFloatingPoint else {
        throw FrameworkError("Dense weights must be floating point, got dtype=\(dtype.rawValue).", parameter: "dtype")
      }
      self.units = units
      self.useBias = useBias
      self.dtype = dtype
      self.name = name ?? state.uniqueName("dense")
      self.kernelInitializer = try Self.resolve(kernelInitializer, "kernel_initializer", state: &state)
      self.biasInitializer = try Self.resolve(biasInitializer, "bias_initializer", state: &state)
    }

    /// `initializers.get(argument)`; an unknown name is an error about `parameter`.
    static func resolve(_ argument: InitializerArgument, _ parameter: String, state: inout GlobalState) throws -> Initializer {
      switch argument {
      case .instance(let initializer): return initializer
      case .name(let name):
        do {
          return try Initializer.named(name, state: &state)
        } catch var error as FrameworkError {
          error.parameter = parameter
          throw error
        }
      }
    }

    /// Whether ``build(_:state:)`` has run.
    public var isBuilt: Bool { kernel != nil }

    /// `layer.build(input_shape)`: the kernel `(input_shape[-1], units)`,
    /// then the bias `(units,)`.
    ///
    /// - Throws: ``FrameworkError`` when the input shape is empty or its
    ///   last dimension is unknown, or when the layer is already built (as
    ///   in Keras, the kernel initializer has run again by then).
    public mutating func build(_ inputShape: [Int?], state: inout GlobalState) throws {
      guard let last = inputShape.last else {
        throw FrameworkError("Dense needs an input shape with at least one dimension, got ().", parameter: "input_shape")
      }
      guard let inputDim = last else {
        throw FrameworkError(
          "The last dimension of the input shape of a Dense layer must be defined, got None.", parameter: "input_shape")
      }
      let newKernel = try kernelInitializer([inputDim, units], dtype: dtype, state: &state)
      guard !isBuilt else {
        throw FrameworkError(
          "You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method.")
      }
      kernel = newKernel
      bias = useBias ? try biasInitializer([units], dtype: dtype, state: &state) : nil
    }

    /// `layer.weights`: kernel, then bias when there is one; empty until built.
    public var weights: [(name: String, value: Tensor)] {
      guard let kernel else { return [] }
      return [("kernel", kernel)] + (bias.map { [("bias", $0)] } ?? [])
    }
  }
}
