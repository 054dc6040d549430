import Foundation
import TestSupport
import Testing

/// What `rngdiff run` refuses in NumPy's array work rather than risk differing from NumPy 2.4.6: each
/// stops with exit 2 and one located sentence saying why, and writes no trace. (What it accepts is
/// checked against the real NumPy by fixtures/scripts/numpy, in RunCommandTests.)
@Suite struct NumPyRunRefusalTests {
  @Test(arguments: [
    // NumPy's default argsort is an introsort: the order of equal values depends on its pivots.
    ("import numpy as np\nprint(np.argsort(np.array([1.0, 3.0, 2.0])).tolist())\norder = np.argsort(np.array([2, 0, 1, 0]))\n",
     ":3:9: argsort(kind=None) orders equal values (positions 1 and 3 of a sorted line) as NumPy's introsort leaves them, which rngdiff does not reproduce; pass kind='stable'"),
    ("import numpy as np\nx = np.array([[0.5, 0.5], [1.0, 0.0]])\norder = x.argsort(kind='quicksort')\n",
     ":3:9: argsort(kind='quicksort') orders equal values (positions 0 and 1 of a sorted line)"),
    // torch.from_numpy shares the array's memory in PyTorch; the engine's tensor is a copy.
    ("import numpy as np\nimport torch\nx = np.zeros(3)\nt = torch.from_numpy(x)\nrow = x[1:]\nrow[0] = 1.0\n",
     ":6:1: this array's memory is shared with a tensor made by torch.from_numpy"),
    ("import numpy as np\nx = np.zeros(3, dtype=np.int32)\nx[0] = 1\n",
     ":3:1: writing into int32 arrays is not emulated yet"),
    ("import numpy as np\nx = np.zeros(3)\ny = x[None, True]\n", ":3:5: indexing with a bare True or False adds an axis in NumPy; not emulated yet"),
    // A whole-array sum of a large view that is not one block of memory runs in NumPy's buffered order,
    // measured for views of two axes only.
    ("import numpy as np\ny = np.zeros((20, 30, 40))\nprint(y[:, 1:, 1:].sum(axis=0).shape, y[:4, 1:, 1:].sum())\ns = y[:, 1:, 1:].sum()\n",
     ":4:5: sum() of the whole of this view (shape (20,29,39), 22620 elements, not one block of memory) runs in NumPy's buffered order"),
    ("import numpy as np\ny = np.zeros((3, 20000))\ns = np.std(y[:, 1:])\n", ":3:5: std() of the whole of this view (shape (3,19999), 59997 elements"),
    // NumPy's iterator sums a transposed view in memory order.
    ("import numpy as np\nx = np.ones((3, 4))\nprint(x.T.max(), x.T.copy().sum())\ns = x.T.sum(axis=0)\n",
     ":4:5: sum() of a view whose axes do not run in memory order (a transpose, shape (4,3)) is summed by NumPy in memory order"),
    ("import numpy as np\nx = np.ones((3, 4))\ns = np.mean(np.transpose(x))\n", ":3:5: mean() of a view whose axes do not run in memory order"),
    // Matrix products whose OpenBLAS order was not measured equal (fixtures/reference/numpy/measure_matmul_order.py).
    ("import numpy as np\nv = np.ones(3)\nprint(np.ones((2, 3)) @ v)\ny = v @ np.ones((3, 2))\n",
     ":4:5: matmul of float64 operands with core shapes (1,3) and (3,2): one row times a matrix runs OpenBLAS's gemv_n kernel"),
    ("import numpy as np\na = np.ones((4, 16))\nprint((a @ np.ones((16, 8))).shape)\ny = np.dot(a, np.ones((16, 3)))\n",
     ":4:5: dot of float64 operands with core shapes (4,16) and (16,3): with an inner dimension of 16 or more OpenBLAS splits the sums"),
    ("import numpy as np\nv = np.ones(3, dtype=np.float32)\ny = v @ v\n", ":3:5: matmul of float32 operands with core shapes (1,3) and (3,1): OpenBLAS's sdot"),
    ("import numpy as np\nx = np.ones((3, 2))\ny = x.T @ x\n",
     ":3:5: matmul with a left operand that is a view whose axes do not run in memory order (a transpose) runs other OpenBLAS kernels"),
    ("import numpy as np\nx = np.ones((4, 2))\ny = x @ x[::2, 0]\n", ":3:5: matmul with a right operand that is a view whose last axis is not one block of memory"),
    // Elementwise functions NumPy computes with its own SIMD kernels (or SVML) on the reference machine.
    ("import numpy as np\nx = np.ones(3)\nprint(np.tanh(x).tolist(), np.expm1(x).tolist())\ny = np.log1p(x.astype(np.float32))\n", ":4:5: np.log1p() of float32 values runs Intel's SVML on AVX-512 processors"),
    ("import numpy as np\nx = np.ones(3)\nprint(np.log1p(x).tolist())\ny = np.exp(x.astype(np.int8))\n", ":4:5: np.exp() of int8 arrays gives float16 in NumPy"),
    ("import numpy as np\nx = np.ones(3, dtype=np.float32)\nprint(np.cos(x).tolist())\ny = np.tanh(x)\n", ":4:5: np.tanh() of float32 values runs NumPy's own float32 tanh kernel"),
    ("import numpy as np\nx = np.ones(3)\nprint((x ** 2).tolist())\ny = x ** 3\n", ":4:5: ** (np.power) of float arrays with the exponent 3.0 runs NumPy's SIMD pow"),
    ("import numpy as np\nx = np.ones(3)\ny = 2.0 ** x\n", ":3:5: ** (np.power) of float arrays with an array exponent or base runs NumPy's SIMD pow"),
  ])
  func refusalsAreOneLocatedSentence(_ text: String, _ expected: String) throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-numpy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("prep.py")
    try text.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path])
    #expect(result.status == 2)
    #expect(result.standardError.hasPrefix("rngdiff: \(script.path)\(expected)"), "\(result.standardError)")
    #expect(!result.standardError.dropLast().contains("\n"), "one sentence: \(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: script.path + ".trace"))
  }
}
