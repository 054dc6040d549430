import KerasStreams
import PythonSubset
import RNGStreams

/// The layers of a model as training runs them: `Dense` layers (with their
/// activation) and `Dropout` layers, in call order.
///
/// ```swift
/// let stack = try KerasTrainingStack(model, at: range)   // refuses other layers
/// let (out, tape) = try stack.forward(x, training: true, step: mask)
/// let grads = stack.backward(tape, gradient: loss.gradient)
/// ```
///
/// Forward and backward are float32; the gradients come back in
/// `model.weights` order (each Dense's kernel, then its bias).
///
/// Edge cases: a layer other than `Dense`/`Dropout`, an activation other
/// than linear/relu/tanh/sigmoid/softmax, or a float64 `Dense` is refused
/// when the stack is made, before anything is drawn.
struct KerasTrainingStack {
  enum Stage {
    case dense(KerasDenseObject, KerasActivation)
    case dropout(KerasDropoutObject, path: String)
  }

  let stages: [Stage]
  let inputColumns: Int
  let outputColumns: Int

  init(_ model: KerasModelObject, at range: SourceRange) throws {
    guard model.isBuilt, let inputShape = model.inputShape, inputShape.count == 2, let columns = inputShape[1] else {
      throw EvaluationError(
        "rngdiff run trains models built with a 2-D input such as keras.Input((3,)); build the model first", at: range)
    }
    var stages: [Stage] = []
    var width = columns
    for layer in model.layers {
      switch layer {
      case let dense as KerasDenseObject:
        guard let activation = KerasActivation(name: dense.activationName) else {
          throw EvaluationError(
            "Dense layer '\(dense.layer.name)' has activation '\(dense.activationName ?? "")', which training does not emulate; accepted: None, \(KerasActivation.names)",
            at: range)
        }
        guard dense.layer.dtype == .float32 else {
          throw EvaluationError("Dense layer '\(dense.layer.name)' is \(dense.layer.dtype.rawValue); training is emulated in float32 only", at: range)
        }
        stages.append(.dense(dense, activation))
        width = dense.layer.units
      case let dropout as KerasDropoutObject:
        stages.append(.dropout(dropout, path: model.name + "/" + dropout.layer.name))
      default:
        throw EvaluationError(
          "model '\(model.name)' has a layer of type \(layer.typeName); rngdiff run trains models made of Dense and Dropout layers only",
          at: range)
      }
    }
    self.stages = stages
    inputColumns = columns
    outputColumns = width
  }

  /// What the backward pass needs from the forward pass, stage by stage.
  enum Record {
    case dense(input: KerasMatrix, preactivation: KerasMatrix, output: KerasMatrix)
    case dropout(scale: KerasMatrix?)
  }

  /// The model's output for `x`; in training each Dropout asks `mask` for
  /// its per-element multiplier (0 or the keep scale; nil keeps all).
  func forward(
    _ x: KerasMatrix, training: Bool, mask: (KerasDropoutObject, String, Int, Int) throws -> KerasMatrix? = { _, _, _, _ in nil }
  ) throws -> (output: KerasMatrix, tape: [Record]) {
    var current = x
    var tape: [Record] = []
    for stage in stages {
      switch stage {
      case .dense(let dense, let activation):
        guard let kernel = dense.layer.kernel?.values.float32 else { preconditionFailure("a built float32 Dense") }
        let w = KerasMatrix(rows: kernel.count / dense.layer.units, columns: dense.layer.units, values: kernel)
        var z = current.times(w)
        if let bias = dense.layer.bias?.values.float32 { z = z.addingToEachRow(bias) }
        let a = activation.apply(z)
        tape.append(.dense(input: current, preactivation: z, output: a))
        current = a
      case .dropout(let dropout, let path):
        guard training else {
          tape.append(.dropout(scale: nil))
          continue
        }
        let scale = try mask(dropout, path, current.rows, current.columns)
        if let scale { current = current.combined(with: scale, *) }
        tape.append(.dropout(scale: scale))
      }
    }
    return (current, tape)
  }

  /// The gradients of every weight, in `model.weights` order, given the
  /// gradient of the loss with respect to the output.
  func backward(_ tape: [Record], gradient: KerasMatrix) -> [[Float]] {
    var g = gradient
    var grads: [[[Float]]] = []
    for (stage, record) in zip(stages, tape).reversed() {
      switch (stage, record) {
      case (.dense(let dense, let activation), .dense(let input, let z, let a)):
        let dz = activation.backward(g, output: a, input: z)
        var mine = [input.transposedTimes(dz).values]
        if dense.layer.bias != nil { mine.append(dz.columnSums()) }
        grads.append(mine)
        guard let kernel = dense.layer.kernel?.values.float32 else { preconditionFailure("a built float32 Dense") }
        g = dz.timesTransposed(KerasMatrix(rows: kernel.count / dense.layer.units, columns: dense.layer.units, values: kernel))
      case (.dropout, .dropout(let scale)):
        if let scale { g = g.combined(with: scale, *) }
      default:
        preconditionFailure("tape does not match the stages")
      }
    }
    return grads.reversed().flatMap { $0 }
  }

  /// Every weight's values, in `model.weights` order.
  var variables: [[Float]] {
    stages.flatMap { stage -> [[Float]] in
      guard case .dense(let dense, _) = stage else { return [] }
      return dense.layer.weights.map { $0.value.values.float32 ?? [] }
    }
  }

  /// Writes `variables` (in `model.weights` order) back into the layers.
  func assign(_ variables: [[Float]]) throws {
    var i = 0
    for stage in stages {
      guard case .dense(let dense, _) = stage, let kernel = dense.layer.kernel else { continue }
      let k = Keras3.Tensor(shape: kernel.shape, values: .float32(variables[i]))
      i += 1
      var b: Keras3.Tensor?
      if let bias = dense.layer.bias {
        b = Keras3.Tensor(shape: bias.shape, values: .float32(variables[i]))
        i += 1
      }
      try dense.layer.assign(kernel: k, bias: b)
    }
  }
}
