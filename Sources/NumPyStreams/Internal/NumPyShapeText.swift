/// Shapes printed as Python tuples, as NumPy's messages show them. Internal.
enum NumPyShapeText {
  static func tuple(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }
}
