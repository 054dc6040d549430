/// The data helpers of report 001's script (docs/walkthroughs/001-input-shape.md),
/// shared by the scenarios built on it: `get_data()` draws its inputs from
/// Python's global `random`, which is what moves the kernels' seeds.
///
/// ```swift
/// let text = """
///   import math
///   \(ReportData.functions)
///   inputs, outputs = get_data()
///   """
/// ```
enum ReportData {
  /// `func(x)` and `get_data(n=8)`, as the report wrote them.
  static let functions = """
    def func(x):
        return math.sin(x) * 5 + math.sin(x * 1.8) * 4 + math.sin(x / 4) * 5


    def get_data(n=8):
        inputs = np.zeros((n, 4), np.float32)
        outputs = np.zeros((n, 1), np.float32)
        for r in range(n):
            xx = random.uniform(0.1, 9.9)
            inputs[r] = [math.sin(xx), math.sin(xx * 1.8), math.sin(xx / 4), xx / 10]
            outputs[r] = func(xx)
        return inputs, outputs
    """
}
