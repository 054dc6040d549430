#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The activations the scenarios' models use, in float32.
///
/// ```swift
/// Activation.relu(-2)        // 0
/// Activation.sigmoid(0)      // 0.5
/// ```
public enum Activation: String, Sendable, Hashable, CaseIterable {
  /// `x` (Keras's `linear`).
  case linear
  /// `max(x, 0)`.
  case relu
  /// `1 / (1 + exp(-x))`, with the C library's `expf`.
  case sigmoid

  /// The activation of `x`.
  public func callAsFunction(_ x: Float) -> Float {
    switch self {
    case .linear: return x
    case .relu: return x > 0 ? x : 0
    case .sigmoid: return 1 / (1 + expf(-x))
    }
  }
}

/// The loss every scenario reports: the mean squared error of predictions
/// against targets, in float32.
///
/// ```swift
/// let loss = MeanSquaredError.of(prediction, target)   // sequential sum
/// ```
public enum MeanSquaredError {
  /// `mean((prediction - target)²)` over all elements, summed in `summation` order.
  public static func of(_ prediction: Float32Matrix, _ target: Float32Matrix, summation: Summation = .sequential) -> Float {
    precondition(prediction.shape == target.shape, "loss of \(prediction.shape) against \(target.shape)")
    let squares = zip(prediction.values, target.values).map { p, t -> Float in
      let d = p - t
      return d * d
    }
    return summation.mean(squares)
  }
}
