import PythonSubset

/// Reverse-mode autograd for the float32 ops of a script run: each op whose
/// input requires a gradient records how to send its output's gradient back
/// to its inputs; `loss.backward()` walks the records from the loss in
/// reverse order and adds the gradients of the leaves (parameters, tensors
/// made with `requires_grad=True`) into their `.grad`.
///
/// ```python
/// loss = ((model(x) - y) ** 2).mean()
/// loss.backward()          # model.fc1.weight.grad, …
/// ```
///
/// Fidelity: the rules are PyTorch's; sums in the backward of `Linear` and
/// of broadcasting run in order in float32 (PyTorch's GEMM and reductions
/// order them differently), so gradients agree to within rounding, not bit
/// for bit. Edge cases: `torch.no_grad()` records nothing; a second
/// `backward()` through the same graph is PyTorch's `RuntimeError`; only
/// float32 tensors take part (float64 with `requires_grad` is refused).
final class TorchTape {
  /// Whether ops record (false inside `torch.no_grad()`).
  var enabled = true
  private var order = 0

  /// How a recorded tensor was made (PyTorch's `grad_fn`), kept on the tensor
  /// itself so a graph lives exactly as long as the tensors that reach it.
  final class Node: CustomStringConvertible {
    let inputs: [ArrayObject?]
    let index: Int
    /// PyTorch's name for the op's backward (`AddmmBackward0`), printed as `grad_fn=<…>`.
    var name: String
    /// From the output's gradient, each input's (nil for an input that needs none);
    /// nil once a `backward()` went through (the graph is freed).
    var backward: (([Float]) -> [[Float]?])?

    init(inputs: [ArrayObject?], index: Int, name: String, backward: @escaping ([Float]) -> [[Float]?]) {
      self.inputs = inputs
      self.index = index
      self.name = name
      self.backward = backward
    }

    var description: String { "grad_fn=<\(name)>" }
  }

  /// A tensor that requires a gradient and was made by the script (a parameter,
  /// `requires_grad_()`), with its `.grad`.
  final class Leaf: CustomStringConvertible {
    var grad: ArrayObject?
    /// An `nn.Parameter`, which prints as `Parameter containing:` and the tensor.
    var isParameter = false
    var description: String { "requires_grad=True" }
  }

  func requiresGrad(_ a: ArrayObject) -> Bool { a.autograd is Node || a.autograd is Leaf }

  /// Whether `a` is a leaf that requires grad.
  func isLeaf(_ a: ArrayObject) -> Bool { a.autograd is Leaf }

  /// `a.grad`: nil until a `backward()` reached `a`.
  func grad(_ a: ArrayObject) -> ArrayObject? { (a.autograd as? Leaf)?.grad }

  /// `zero_grad()` of these tensors: their `.grad` becomes None, or zeros (`set_to_none=False`).
  func clearGrads(_ tensors: [ArrayObject], toNone: Bool = true) {
    for t in tensors {
      guard let leaf = t.autograd as? Leaf, let g = leaf.grad else { continue }
      if toNone {
        leaf.grad = nil
      } else {
        g.tensor = Tensor(shape: g.tensor.shape, float32: [Float](repeating: 0, count: g.tensor.count))
      }
    }
  }

  /// Marks a leaf (a parameter, `requires_grad_()`), or unmarks one.
  func markLeaf(_ a: ArrayObject, _ on: Bool = true) {
    if on {
      if !(a.autograd is Leaf) { a.autograd = Leaf() }
    } else if a.autograd is Leaf {
      a.autograd = nil
    }
  }

  /// Whether an op on `inputs` must record.
  func shouldRecord(_ inputs: [ArrayObject?]) -> Bool {
    enabled && inputs.contains { $0.map(requiresGrad) ?? false }
  }

  /// Records `output = op(inputs)` when an input requires a gradient.
  func record(
    _ output: ArrayObject, inputs: [ArrayObject?], name: String, at range: SourceRange?, backward: @escaping ([Float]) -> [[Float]?]
  ) throws {
    guard shouldRecord(inputs) else { return }
    for input in inputs.compactMap({ $0 }) where requiresGrad(input) && input.tensor.dtype != .float32 {
      throw EvaluationError(
        "autograd is emulated for float32 tensors; this op has a torch.\(input.tensor.dtype.rawValue) input that requires grad", at: range)
    }
    order += 1
    output.autograd = Node(inputs: inputs, index: order, name: name, backward: backward)
  }

  /// `output.backward(gradient)`: every gradient on the way back, into the leaves' `.grad`.
  func backward(_ output: ArrayObject, gradient: [Float]?, at range: SourceRange) throws {
    guard requiresGrad(output) else {
      throw EvaluationError("element 0 of tensors does not require grad and does not have a grad_fn", at: range, type: "RuntimeError")
    }
    if gradient == nil && output.tensor.count != 1 {
      throw EvaluationError("grad can be implicitly created only for scalar outputs", at: range, type: "RuntimeError")
    }
    // The recorded tensors reachable from the output, latest first (a valid reverse
    // topological order), and the leaves.
    var reachable: [(ArrayObject, Node)] = []
    var leaves: [ObjectIdentifier: (ArrayObject, Leaf)] = [:]
    var seen: Set<ObjectIdentifier> = []
    var stack = [output]
    while let a = stack.popLast() {
      guard seen.insert(ObjectIdentifier(a)).inserted else { continue }
      if let leaf = a.autograd as? Leaf { leaves[ObjectIdentifier(a)] = (a, leaf) }
      guard let node = a.autograd as? Node else { continue }
      reachable.append((a, node))
      stack.append(contentsOf: node.inputs.compactMap { $0 }.filter(requiresGrad))
    }
    reachable.sort { $0.1.index > $1.1.index }
    var pending: [ObjectIdentifier: [Float]] = [ObjectIdentifier(output): gradient ?? [1]]
    for (a, node) in reachable {
      guard let g = pending.removeValue(forKey: ObjectIdentifier(a)) else { continue }
      guard let rule = node.backward else {
        throw EvaluationError(
          "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed)",
          at: range, type: "RuntimeError")
      }
      node.backward = nil
      for (input, inputGrad) in zip(node.inputs, rule(g)) {
        guard let input, let inputGrad, requiresGrad(input) else { continue }
        let key = ObjectIdentifier(input)
        if var sum = pending[key] {
          for k in sum.indices { sum[k] += inputGrad[k] }
          pending[key] = sum
        } else {
          pending[key] = inputGrad
        }
      }
    }
    for (id, g) in pending {
      guard let (tensor, leaf) = leaves[id] else { continue }
      if let existing = leaf.grad, case .float(var sum) = existing.tensor.storage {
        for k in sum.indices { sum[k] += g[k] }
        existing.tensor = Tensor(shape: tensor.tensor.shape, float32: sum)
      } else {
        leaf.grad = ArrayObject(Tensor(shape: tensor.tensor.shape, float32: g), kind: .torch, methods: tensor.methods)
      }
    }
  }

  /// The gradient of an operand of a broadcast op, summed back to its own shape.
  static func unbroadcast(_ g: [Float], count: Int, index: (Int) -> Int, _ factor: (Int) -> Float) -> [Float] {
    var out = [Float](repeating: 0, count: count)
    for k in g.indices { out[index(k)] += g[k] * factor(k) }
    return out
  }

  /// Records `made = op(input)` on the tape `input`'s methods carry (none outside a script run).
  static func record(
    _ made: ArrayObject, from input: ArrayObject, name: String, at range: SourceRange?, backward: @escaping ([Float]) -> [Float]
  ) throws {
    guard let tape = input.methods.context as? TorchTape else { return }
    try tape.record(made, inputs: [input], name: name, at: range) { [backward($0)] }
  }

  /// The gradient of a gather (`x[idx]`): each output's gradient added at the position it read.
  static func scatter(_ g: [Float], into count: Int, at flat: [Int]) -> [Float] {
    var out = [Float](repeating: 0, count: count)
    for (k, position) in flat.enumerated() { out[position] += g[k] }
    return out
  }

  /// The float32 values of a tensor (zeros for other dtypes, which never require grad).
  static func floats(_ a: ArrayObject?) -> [Float] {
    if case .float(let v)? = a?.tensor.storage { return v }
    return []
  }
}
