import KerasStreams
import PythonSubset
import RNGStreams

/// The layers of a model as training runs them: `Dense` layers (with their
/// activation), `Dropout`, `Activation`, `Flatten`/`Reshape` that keep the
/// batch 2-D, and the noise layers `GaussianNoise`/`GaussianDropout`, in
/// call order.
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
/// Edge cases: a layer not listed above, an activation other than
/// linear/relu/tanh/sigmoid/softmax, a float64 `Dense`, or a `Reshape` or
/// `Flatten` that does not give `(None, n)` is refused when the stack is
/// made, before anything is drawn.
struct KerasTrainingStack {
  enum Stage {
    case dense(KerasDenseObject, KerasActivation)
    case dropout(KerasDropoutObject, path: String)
    case activation(KerasActivation)
    /// A `Flatten` or `Reshape` that keeps `(None, n)`.
    case identity
    /// `GaussianNoise` or `GaussianDropout`.
    case noise(any KerasWeightlessLayer, path: String)
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
    // The tensor's shape after each layer. Flatten and Reshape leave the row-major values as they
    // are, so a batch is always a (rows, width) matrix; Dense, softmax and the output need 2-D.
    var shape: [Int?] = [nil, columns]
    func flat(_ layerName: String, _ what: String) throws {
      guard shape.count == 2 else {
        throw EvaluationError(
          "layer '\(layerName)' gets a tensor of shape \(KerasSymbolicTensor(shape: shape, inputName: "", history: []).repr); rngdiff run trains \(what) on 2-D tensors (None, n) only",
          at: range)
      }
    }
    for layer in model.layers {
      switch layer {
      case let dense as KerasDenseObject:
        try flat(dense.layer.name, "Dense layers")
        guard let activation = KerasActivation(name: dense.activationName) else {
          throw EvaluationError(
            "Dense layer '\(dense.layer.name)' has activation '\(dense.activationName ?? "")', which training does not emulate; accepted: None, \(KerasActivation.names)",
            at: range)
        }
        guard dense.layer.dtype == .float32 else {
          throw EvaluationError("Dense layer '\(dense.layer.name)' is \(dense.layer.dtype.rawValue); training is emulated in float32 only", at: range)
        }
        stages.append(.dense(dense, activation))
        shape = [nil, dense.layer.units]
      case let dropout as KerasDropoutObject:
        if dropout.layer.noiseShape != nil { try flat(dropout.layer.name, "Dropout with a noise_shape") }
        stages.append(.dropout(dropout, path: model.name + "/" + dropout.layer.name))
      case let activation as KerasActivationLayerObject:
        guard let emulated = KerasActivation(name: activation.activationName) else {
          throw EvaluationError(
            "Activation layer '\(activation.layerName)' computes '\(activation.activationName)', which training does not emulate; accepted: \(KerasActivation.names)",
            at: range)
        }
        if emulated == .softmax { try flat(activation.layerName, "softmax") }
        stages.append(.activation(emulated))
      case let noise as KerasGaussianNoiseObject:
        stages.append(.noise(noise, path: model.name + "/" + noise.layerName))
      case let noise as KerasGaussianDropoutObject:
        stages.append(.noise(noise, path: model.name + "/" + noise.layerName))
      case let notYet as any KerasWeightlessLayer where notYet is KerasSpatialDropoutObject || notYet is KerasAlphaDropoutObject:
        throw EvaluationError(
          "\(notYet.className) layer '\(notYet.layerName)' is built but not trained by rngdiff run yet; training takes \(KerasSession.trainedLayers)",
          at: range)
      case let shaped as any KerasWeightlessLayer:
        // Flatten and Reshape: the model was built, so the shape fits.
        shape = (try? shaped.outputShape(shape)) ?? shape
        stages.append(.identity)
      default:
        throw EvaluationError(
          "model '\(model.name)' has a layer of type \(layer.typeName); rngdiff run trains models made of \(KerasSession.trainedLayers) layers only",
          at: range)
      }
    }
    try flat("the output", "models whose output is")
    self.stages = stages
    inputColumns = columns
    outputColumns = shape.dropFirst().reduce(1) { $0 * ($1 ?? 1) }
  }

  /// What the backward pass needs from the forward pass, stage by stage.
  enum Record {
    case dense(input: KerasMatrix, preactivation: KerasMatrix, output: KerasMatrix)
    case dropout(scale: KerasMatrix?)
    case activation(input: KerasMatrix, output: KerasMatrix)
    case identity
  }

  /// The model's output for `x`; in training each Dropout asks `mask` for
  /// its per-element multiplier (0 or the keep scale; nil keeps all), and
  /// each noise layer asks `noise` for its output and the multiplier its
  /// gradient goes through (nil: the gradient passes unchanged).
  func forward(
    _ x: KerasMatrix, training: Bool, mask: (KerasDropoutObject, String, Int, Int) throws -> KerasMatrix? = { _, _, _, _ in nil },
    noise: (any KerasWeightlessLayer, String, KerasMatrix) throws -> (output: KerasMatrix, scale: KerasMatrix?) = { _, _, x in (x, nil) }
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
      case .activation(let activation):
        let a = activation.apply(current)
        tape.append(.activation(input: current, output: a))
        current = a
      case .identity:
        tape.append(.identity)
      case .noise(let layer, let path):
        guard training else {
          tape.append(.dropout(scale: nil))
          continue
        }
        let made = try noise(layer, path, current)
        current = made.output
        tape.append(.dropout(scale: made.scale))
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
      case (.dropout, .dropout(let scale)), (.noise, .dropout(let scale)):
        if let scale { g = g.combined(with: scale, *) }
      case (.activation(let activation), .activation(let z, let a)):
        g = activation.backward(g, output: a, input: z)
      case (.identity, .identity):
        break
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
