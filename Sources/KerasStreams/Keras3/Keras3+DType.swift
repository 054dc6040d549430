import RNGStreams

extension Keras3 {
  /// The element types Keras 3 tensors have in this emulation, spelled as
  /// Keras spells them.
  ///
  /// ```swift
  /// Keras3.DType(name: "float64")   // .float64
  /// Keras3.DType(name: "float16")   // nil: not emulated
  /// ```
  ///
  /// Random values are emulated in float32 and float64; integer dtypes
  /// appear in seeds (`int64` on TensorFlow, `uint32` on JAX) and in
  /// `ones`/`zeros`.
  public enum DType: String, FrameworkDType, Sendable, Hashable, CaseIterable {
    case float32, float64, int32, int64, uint32

    /// The dtype named `name` (`"float32"`, `"float"`, `"double"`, …), or
    /// nil for a name that is not emulated.
    public init?(name: String) {
      switch name {
      case "float32", "float": self = .float32
      case "float64", "double": self = .float64
      case "int32": self = .int32
      case "int64": self = .int64
      case "uint32": self = .uint32
      default: return nil
      }
    }

    /// Whether values of this dtype are floating point.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
  }
}
