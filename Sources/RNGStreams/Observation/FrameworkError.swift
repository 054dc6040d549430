/// An input the emulated framework itself would reject, such as a negative
/// NumPy seed or `randint(5, 5)`.
///
/// The message is one sentence in the user's terms and says what is accepted
/// (`"seed must be between 0 and 2**32 - 1, got -1"`). Samplers throw it; the
/// front end adds where in the user's text the offending value came from.
public struct FrameworkError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  /// The parameter the problem is about, when there is one (`"seed"`, `"high"`).
  public var parameter: String?

  public init(_ message: String, parameter: String? = nil) {
    self.message = message
    self.parameter = parameter
  }

  public var description: String { message }
}
