import Foundation
import Testing
import TestSupport

/// A draw's `source` is the first line of the script statement that made it,
/// as the real recorder reads it from Python's frames: inside a function,
/// the function's statement; once the function returns, the calling
/// statement's line again, even for later draws of that same statement
/// (`print(f(), np.random.rand(2))`), and for a function of another module.
@Suite struct RunSourceAfterReturnTests {
  @Test func aDrawAfterAFunctionReturnsIsTheCallingStatements() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    try """
      import numpy as np

      def helper_draw():
          return np.random.rand(3)

      """.write(to: out.appendingPathComponent("helper.py"), atomically: true, encoding: .utf8)
    let script = out.appendingPathComponent("after.py")
    try """
      import numpy as np
      import helper
      np.random.seed(0)
      def first():
          a = np.random.rand(1)
          return a
      print(first().shape,
            np.random.rand(2).shape)
      print(helper.helper_draw().shape, np.random.rand(4).shape)
      for i in range(2):
          x = first(), np.random.rand(5)

      """.write(to: script, atomically: true, encoding: .utf8)
    let trace = out.appendingPathComponent("after.trace").path
    let ran = try RNGDiffBinary.run(["run", script.path, "-o", trace])
    #expect(ran.status == 0, "\(ran.standardError)")
    #expect(ran.standardOutput == "(1,) (2,)\n(3,) (4,)\n")
    let draws = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").compactMap { line -> (Int, String)? in
      guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            event["event"] as? String == "draw", let shape = event["shape"] as? [Int], let source = event["source"] as? String
      else { return nil }
      return (shape.first ?? 0, source)
    }
    let name = script.path, helper = out.appendingPathComponent("helper.py").path
    #expect(draws.map(\.0) == [1, 2, 3, 4, 1, 5, 1, 5])
    #expect(draws.map(\.1) == [
      "\(name):5", "\(name):7",            // in first(), then the calling statement (its first line)
      "\(helper):4", "\(name):9",          // in the other module's function, then the script's line
      "\(name):5", "\(name):11", "\(name):5", "\(name):11",
    ])
  }
}
