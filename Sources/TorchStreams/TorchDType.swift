import RNGStreams

/// The PyTorch dtypes the CPU samplers here produce (`torch.float32`, `torch.int64`, …).
///
/// ```swift
/// var g = try TorchGenerator(seed: 0)
/// try g.rand([3], dtype: .float64)      // torch.rand(3, dtype=torch.float64)
/// TorchDType.int64.name                 // "int64"
/// ```
///
/// Edge cases:
/// - Half and bfloat16 are not emulated.
/// - Each sampler accepts the dtypes PyTorch accepts for it and throws a
///   ``RNGStreams/FrameworkError`` for the others (`randn(3, dtype=torch.int64)`).
public enum TorchDType: String, FrameworkDType, Sendable, Hashable, CaseIterable {
  case float32
  case float64
  case int64
  case int32
  case int16
  case int8
  case uint8
  case bool

  /// The NumPy-style name used in traces and golden files (`"float32"`).
  public var name: String { rawValue }

  /// True for `float32` and `float64`.
  public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

  /// The name PyTorch's C++ kernels print in error messages (`'Long'`, `'Float'`).
  var scalarTypeName: String {
    switch self {
    case .float32: return "Float"
    case .float64: return "Double"
    case .int64: return "Long"
    case .int32: return "Int"
    case .int16: return "Short"
    case .int8: return "Char"
    case .uint8: return "Byte"
    case .bool: return "Bool"
    }
  }

  /// The C type name PyTorch prints in bounds errors (`"int"`, `"unsigned char"`).
  var cTypeName: String {
    switch self {
    case .float32: return "float"
    case .float64: return "double"
    case .int64: return "long int"
    case .int32: return "int"
    case .int16: return "short int"
    case .int8: return "signed char"
    case .uint8: return "unsigned char"
    case .bool: return "bool"
    }
  }

  /// Smallest and largest integer the dtype holds exactly, as PyTorch bounds
  /// `random_(from, to)`: the integer range for integer types, ±2^digits for floats.
  var integerBounds: ClosedRange<Int64> {
    switch self {
    case .float32: return -(1 << 24)...(1 << 24)
    case .float64: return -(1 << 53)...(1 << 53)
    case .int64: return Int64.min...Int64.max
    case .int32: return Int64(Int32.min)...Int64(Int32.max)
    case .int16: return Int64(Int16.min)...Int64(Int16.max)
    case .int8: return Int64(Int8.min)...Int64(Int8.max)
    case .uint8: return 0...Int64(UInt8.max)
    case .bool: return 0...1
    }
  }
}
