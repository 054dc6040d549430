/// The record `jax.grad` keeps while the function it differentiates runs:
/// every JAX operation on a traced array adds a node with, for each input,
/// how the output's gradient flows back to it (a vector-Jacobian product).
///
/// ```swift
/// let tape = JAXTape()
/// let w = tape.variable(param)                 // a leaf
/// let y = try JAXTape.$current.withValue(tape) { try f(w) }
/// let grads = try tape.gradients(of: y, for: [w])
/// ```
///
/// Arrays are recognised by identity (a JAX array never changes in place).
/// Edge cases: a gradient of a gradient (a tape inside a tape) is refused
/// by ``JAXTransformations``; an operation the tape does not know on a
/// traced array is refused where it is called (``JAXArrays/untraced``).
final class JAXTape: @unchecked Sendable {
  /// The tape of the `grad` running now, if any.
  @TaskLocal static var current: JAXTape?

  /// How a gradient reaches one input: the input's node and the vector-Jacobian product.
  struct Edge {
    var node: Int
    var pullback: ([Float]) -> [Float]
  }

  private var parents: [[Edge]] = []
  private var counts: [Int] = []
  private var ids: [ObjectIdentifier: Int] = [:]
  /// Keeps every traced array alive, so identities stay unique.
  private var arrays: [ArrayObject] = []

  /// The node of `array`, nil when it is not traced.
  func node(of array: ArrayObject) -> Int? { ids[ObjectIdentifier(array)] }

  /// Whether any of `values` is a traced array.
  func traces(_ values: [ArrayObject?]) -> Bool { values.contains { $0.map { node(of: $0) != nil } ?? false } }

  /// Makes `array` a leaf whose gradient is asked for.
  @discardableResult
  func variable(_ array: ArrayObject) -> Int { add(array, edges: []) }

  /// Records that `output` was computed from `inputs`; inputs that are not
  /// traced (constants) are skipped.
  func record(_ output: ArrayObject, _ inputs: [(ArrayObject?, ([Float]) -> [Float])]) {
    let edges = inputs.compactMap { input, pullback -> Edge? in
      guard let input, let n = node(of: input) else { return nil }
      return Edge(node: n, pullback: pullback)
    }
    if !edges.isEmpty { add(output, edges: edges) }
  }

  @discardableResult
  private func add(_ array: ArrayObject, edges: [Edge]) -> Int {
    let n = parents.count
    parents.append(edges)
    counts.append(array.tensor.count)
    ids[ObjectIdentifier(array)] = n
    arrays.append(array)
    return n
  }

  /// The gradient of the scalar `output` with respect to each of `leaves`
  /// (zeros for a leaf the output does not depend on).
  func gradients(of output: ArrayObject, for leaves: [ArrayObject]) -> [[Float]] {
    var adjoint: [[Float]?] = Array(repeating: nil, count: parents.count)
    if let out = node(of: output) {
      adjoint[out] = [1]
      for n in stride(from: out, through: 0, by: -1) {
        guard let g = adjoint[n] else { continue }
        for edge in parents[n] {
          let contribution = edge.pullback(g)
          if var existing = adjoint[edge.node] {
            for i in existing.indices { existing[i] += contribution[i] }
            adjoint[edge.node] = existing
          } else {
            adjoint[edge.node] = contribution
          }
        }
      }
    }
    return leaves.map { leaf in
      guard let n = node(of: leaf), let g = adjoint[n] else { return [Float](repeating: 0, count: leaf.tensor.count) }
      return g
    }
  }
}
