import RNGStreams

/// The JAX configuration flags that change random values: the profile a
/// JAX stream emulates.
///
/// ```swift
/// let current = JAXConfig()                                   // JAX ≥ 0.5.0, x32
/// let legacy = try JAXConfig(version: "0.4.35")               // partitionable off
/// let x64 = JAXConfig(threefryPartitionable: true, enableX64: true)
/// ```
///
/// - `threefryPartitionable` is `jax.config.jax_threefry_partitionable`. It
///   decides how counters are laid over an output array, so it changes every
///   `bits`, `uniform`, `normal`, `split`, … except `fold_in`. JAX 0.5.0
///   (January 2025) switched its default from `False` to `True`.
/// - `enableX64` is `jax.config.jax_enable_x64`. Off (the default), seeds are
///   cut to their low 32 bits, and 64-bit dtypes silently become their 32-bit
///   counterparts (`float64` → `float32`, `uint64` → `uint32`,
///   `int64` → `int32`). On, seeds keep 64 bits (`key(2**32 + 5)` is
///   `(1, 5)`) and the default float/int/uint dtypes are 64-bit.
/// - `defaultImpl` is `jax.config.jax_default_prng_impl`: the implementation
///   of keys made without `impl=` (and of raw `uint32` keys).
public struct JAXConfig: Hashable, Sendable {
  /// `jax_threefry_partitionable`.
  public var threefryPartitionable: Bool
  /// `jax_enable_x64`.
  public var enableX64: Bool
  /// `jax_default_prng_impl` (`threefry2x32` unless changed).
  public var defaultImpl: JAXPRNGImpl

  /// A configuration; the defaults are those of JAX ≥ 0.5.0.
  public init(threefryPartitionable: Bool = true, enableX64: Bool = false, defaultImpl: JAXPRNGImpl = .threefry2x32) {
    self.threefryPartitionable = threefryPartitionable
    self.enableX64 = enableX64
    self.defaultImpl = defaultImpl
  }

  /// The default configuration of a JAX release, such as `"0.4.35"` or
  /// `"0.10.2"` (partitionable from 0.5.0 on; x64 always off by default).
  ///
  /// Throws when `version` is not dotted decimal numbers.
  public init(version: String) throws {
    let parts = version.split(separator: ".").map { Int($0) }
    guard !parts.isEmpty, parts.count <= 4, let major = parts[0], parts.allSatisfy({ $0 != nil }) else {
      throw FrameworkError("JAX version must be dotted numbers such as \"0.4.35\", got \"\(version)\".", parameter: "version")
    }
    let minor = parts.count > 1 ? parts[1]! : 0
    self.init(threefryPartitionable: major > 0 || minor >= 5, enableX64: false)
  }

  /// The dtype JAX actually uses when `dtype` is requested: without x64,
  /// 64-bit types are narrowed to 32 bits (JAX warns and goes on).
  public func canonical(_ dtype: JAXDType) -> JAXDType {
    guard !enableX64 else { return dtype }
    switch dtype {
    case .float64: return .float32
    case .int64: return .int32
    case .uint64: return .uint32
    default: return dtype
    }
  }

  /// The default float dtype (`float32`, or `float64` with x64).
  public var defaultFloat: JAXDType { enableX64 ? .float64 : .float32 }
  /// The default signed integer dtype (`int32`, or `int64` with x64).
  public var defaultInt: JAXDType { enableX64 ? .int64 : .int32 }
  /// The default unsigned integer dtype (`uint32`, or `uint64` with x64).
  public var defaultUInt: JAXDType { enableX64 ? .uint64 : .uint32 }

  /// The profile in words, for traces: `"partitionable, x32"`, with
  /// `", default impl rbg"` when `jax_default_prng_impl` is not Threefry.
  public var summary: String {
    "\(threefryPartitionable ? "partitionable" : "non-partitionable"), \(enableX64 ? "x64" : "x32")"
      + (defaultImpl == .threefry2x32 ? "" : ", default impl \(defaultImpl.name)")
  }
}
