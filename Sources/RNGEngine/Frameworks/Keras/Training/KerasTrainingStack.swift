import KerasStreams
import PythonSubset
import RNGStreams

/// The layers of a model as training runs them, in call order: `Dense`
/// (with its activation), `Conv1D`/`Conv2D` (with theirs), the pooling
/// layers, `Embedding`, `BatchNormalization` and `LayerNormalization` (over
/// the last axis), `Dropout`, `Activation`, `Flatten`/`Reshape`, and the
/// noise layers `GaussianNoise`/`GaussianDropout`.
///
/// ```swift
/// let stack = try KerasTrainingStack(model, at: range)   // refuses other layers
/// let (out, tape) = try stack.forward(x, training: true, step: mask)
/// let grads = stack.backward(tape, gradient: loss.gradient)
/// ```
///
/// A batch is a matrix of rows, one per sample, each sample's values in
/// row-major order of its shape (so Flatten and Reshape change nothing).
/// Forward and backward are float32; the gradients come back in the order
/// of the model's trainable weights (each layer's, in `model.weights`
/// order; BatchNormalization's moving statistics are not trained but
/// updated by each training forward pass with its momentum).
///
/// Edge cases: a layer not listed above, an activation other than
/// linear/relu/tanh/sigmoid/softmax, a float64 `Dense`, a `Dense` or
/// softmax on more than 2-D, or a normalization over another axis than
/// the last is refused when the stack is made, before anything is drawn.
struct KerasTrainingStack {
  enum Stage {
    case dense(KerasDenseObject, KerasActivation)
    case conv(KerasWeightedLayerObject, KerasConvolution, KerasActivation)
    case pool(KerasPoolingKernel)
    case embedding(KerasWeightedLayerObject, KerasEmbeddingKernel)
    case batchNormalization(KerasWeightedLayerObject, KerasNormalizationKernel, momentum: Double)
    case layerNormalization(KerasWeightedLayerObject, KerasNormalizationKernel)
    case dropout(KerasDropoutObject, path: String)
    case activation(KerasActivation)
    /// A `Flatten` or `Reshape`: the row-major values stay as they are.
    case identity
    /// `GaussianNoise` or `GaussianDropout`.
    case noise(any KerasWeightlessLayer, path: String)
  }

  let stages: [Stage]
  /// One sample's shape (no batch dimension).
  let sampleShape: [Int]
  let inputColumns: Int
  let outputColumns: Int
  /// The call that trains or runs the model, where a data error (an Embedding index) is reported.
  let range: SourceRange

  init(_ model: KerasModelObject, at range: SourceRange) throws {
    guard model.isBuilt, let inputShape = model.inputShape, inputShape.count >= 2,
      case let sample = inputShape.dropFirst().compactMap({ $0 }), sample.count == inputShape.count - 1
    else {
      throw EvaluationError(
        "rngdiff run trains models built with a fully defined input such as keras.Input((3,)) or keras.Input((28, 28, 1)); build the model first",
        at: range)
    }
    var stages: [Stage] = []
    // The tensor's shape after each layer (batch dimension first).
    var shape: [Int?] = [nil] + sample
    var known: [Int] { shape.dropFirst().map { $0 ?? 1 } }
    func flat(_ layerName: String, _ what: String) throws {
      guard shape.count == 2 else {
        throw EvaluationError(
          "layer '\(layerName)' gets a tensor of shape \(KerasSymbolicTensor(shape: shape, inputName: "", history: []).repr); rngdiff run trains \(what) on 2-D tensors (None, n) only",
          at: range)
      }
    }
    func activation(_ name: String?, of layerName: String, _ kind: String) throws -> KerasActivation {
      guard let activation = KerasActivation(name: name) else {
        throw EvaluationError(
          "\(kind) layer '\(layerName)' has activation '\(name ?? "")', which training does not emulate; accepted: None, \(KerasActivation.names)",
          at: range)
      }
      if activation == .softmax { try flat(layerName, "softmax") }
      return activation
    }
    for layer in model.layers {
      switch layer {
      case let dense as KerasDenseObject:
        try flat(dense.layer.name, "Dense layers")
        let emulated = try activation(dense.activationName, of: dense.layer.name, "Dense")
        guard dense.layer.dtype == .float32 else {
          throw EvaluationError("Dense layer '\(dense.layer.name)' is \(dense.layer.dtype.rawValue); training is emulated in float32 only", at: range)
        }
        stages.append(.dense(dense, emulated))
        shape = [nil, dense.layer.units]
      case let weighted as KerasWeightedLayerObject:
        stages.append(try Self.stage(weighted, sample: known, activation: { try activation($0, of: weighted.layerName, $1) }, at: range))
        shape = try weighted.outputShape(shape, at: range)
      case let pool as KerasPoolingObject:
        stages.append(.pool(KerasPoolingKernel(pool.pooling, inputShape: known)))
        shape = try pool.outputShape(shape)
      case let dropout as KerasDropoutObject:
        if dropout.layer.noiseShape != nil { try flat(dropout.layer.name, "Dropout with a noise_shape") }
        stages.append(.dropout(dropout, path: model.name + "/" + dropout.layer.name))
      case let layer as KerasActivationLayerObject:
        guard let emulated = KerasActivation(name: layer.activationName) else {
          throw EvaluationError(
            "Activation layer '\(layer.layerName)' computes '\(layer.activationName)', which training does not emulate; accepted: \(KerasActivation.names)",
            at: range)
        }
        if emulated == .softmax { try flat(layer.layerName, "softmax") }
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
    self.range = range
    sampleShape = sample
    inputColumns = sample.reduce(1, *)
    outputColumns = shape.dropFirst().reduce(1) { $0 * ($1 ?? 1) }
  }

  /// The stage of a Conv, Embedding or normalization layer on samples of shape `sample`.
  private static func stage(
    _ weighted: KerasWeightedLayerObject, sample: [Int], activation: (String?, String) throws -> KerasActivation,
    at range: SourceRange
  ) throws -> Stage {
    let inputShape: [Int?] = [nil] + sample
    switch weighted.layer {
    case let conv as Keras3.Conv:
      return .conv(weighted, KerasConvolution(conv, inputShape: sample), try activation(weighted.activationName, conv.className))
    case let embedding as Keras3.Embedding:
      return .embedding(weighted, KerasEmbeddingKernel(inputDim: embedding.inputDim, outputDim: embedding.outputDim))
    case let bn as Keras3.BatchNormalization where try bn.resolvedAxis(inputShape) == sample.count:
      return .batchNormalization(weighted, KerasNormalizationKernel(features: sample[sample.count - 1], epsilon: bn.epsilon), momentum: bn.momentum)
    case let ln as Keras3.LayerNormalization where try ln.resolvedAxes(inputShape) == [sample.count]:
      return .layerNormalization(weighted, KerasNormalizationKernel(features: sample[sample.count - 1], epsilon: ln.epsilon))
    default:
      throw EvaluationError(
        "\(weighted.layer.className) layer '\(weighted.layerName)' normalizes over another axis than the last; rngdiff run trains normalization over the last axis (axis=-1) only",
        at: range)
    }
  }

  /// What the backward pass needs from the forward pass, stage by stage.
  enum Record {
    case dense(input: KerasMatrix, preactivation: KerasMatrix, output: KerasMatrix)
    case conv(input: KerasMatrix, preactivation: KerasMatrix, output: KerasMatrix)
    case pool(winners: [Int], inputColumns: Int)
    case embedding(input: KerasMatrix)
    case normalization(input: KerasMatrix, mean: [Float], variance: [Float])
    case dropout(scale: KerasMatrix?)
    case activation(input: KerasMatrix, output: KerasMatrix)
    case identity
  }

  /// The model's output for `x`; in training each Dropout asks `mask` for
  /// its per-element multiplier (0 or the keep scale; nil keeps all), each
  /// noise layer asks `noise` for its output and the multiplier its
  /// gradient goes through (nil: the gradient passes unchanged), and each
  /// BatchNormalization updates its moving statistics.
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
      case .conv(let layer, let conv, let activation):
        let z = conv.forward(current, kernel: layer.floats("kernel"), bias: layer.optionalFloats("bias"))
        let a = activation.apply(z)
        tape.append(.conv(input: current, preactivation: z, output: a))
        current = a
      case .pool(let pool):
        let (out, winners) = pool.forward(current)
        tape.append(.pool(winners: winners, inputColumns: current.columns))
        current = out
      case .embedding(let layer, let lookup):
        do {
          let out = try lookup.forward(current, table: layer.floats("embeddings"))
          tape.append(.embedding(input: current))
          current = out
        } catch {
          throw EvaluationError("Embedding layer '\(layer.layerName)': \(error.message)", at: range)
        }
      case .batchNormalization(let layer, let norm, let momentum):
        let gamma = layer.optionalFloats("gamma"), beta = layer.optionalFloats("beta")
        guard training else {
          let out = norm.normalize(current, mean: layer.floats("moving_mean"), variance: layer.floats("moving_variance"), gamma: gamma, beta: beta)
          tape.append(.normalization(input: current, mean: [], variance: []))
          current = out
          continue
        }
        let (mean, variance) = norm.batchStatistics(current)
        try layer.updateMovingStatistics(mean: mean, variance: variance, momentum: momentum)
        tape.append(.normalization(input: current, mean: mean, variance: variance))
        current = norm.normalize(current, mean: mean, variance: variance, gamma: gamma, beta: beta)
      case .layerNormalization(let layer, let norm):
        tape.append(.normalization(input: current, mean: [], variance: []))
        current = norm.layerForward(current, gamma: layer.optionalFloats("gamma"), beta: layer.optionalFloats("beta"))
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

  /// The gradients of every trainable weight, in ``variables`` order, given
  /// the gradient of the loss with respect to the output of a training
  /// forward pass; with `occurrenceSquares`, also each Embedding table's
  /// sum of squared per-lookup gradients (nil for the other weights), which
  /// Keras 3 on TensorFlow feeds its optimizers' squares with.
  func backward(_ tape: [Record], gradient: KerasMatrix) -> [[Float]] {
    backward(tape, gradient: gradient, occurrenceSquares: false).gradients
  }

  func backward(_ tape: [Record], gradient: KerasMatrix, occurrenceSquares: Bool) -> (gradients: [[Float]], squares: [[Float]?]) {
    var g = gradient
    var grads: [[[Float]]] = []
    var squares: [[[Float]?]] = []
    for (stage, record) in zip(stages, tape).reversed() {
      switch (stage, record) {
      case (.dense(let dense, let activation), .dense(let input, let z, let a)):
        let dz = activation.backward(g, output: a, input: z)
        var mine = [input.transposedTimes(dz).values]
        if dense.layer.bias != nil { mine.append(dz.columnSums()) }
        grads.append(mine)
        squares.append(mine.map { _ in nil })
        guard let kernel = dense.layer.kernel?.values.float32 else { preconditionFailure("a built float32 Dense") }
        g = dz.timesTransposed(KerasMatrix(rows: kernel.count / dense.layer.units, columns: dense.layer.units, values: kernel))
      case (.conv(let layer, let conv, let activation), .conv(let input, let z, let a)):
        let dz = activation.backward(g, output: a, input: z)
        let back = conv.backward(dz, input: input, kernel: layer.floats("kernel"))
        grads.append(layer.optionalFloats("bias") == nil ? [back.kernel] : [back.kernel, back.bias])
        squares.append(grads[grads.count - 1].map { _ in nil })
        g = back.input
      case (.pool(let pool), .pool(let winners, let columns)):
        g = pool.backward(g, winners: winners, inputColumns: columns)
      case (.embedding(let layer, let lookup), .embedding(let input)):
        grads.append([lookup.backward(g, input: input)])
        squares.append([occurrenceSquares ? lookup.occurrenceSquares(g, input: input) : nil])
        g = KerasMatrix.zeros(rows: g.rows, columns: input.columns)
        _ = layer
      case (.batchNormalization(let layer, let norm, _), .normalization(let input, let mean, let variance)):
        let back = norm.batchBackward(g, input: input, mean: mean, variance: variance, gamma: layer.optionalFloats("gamma"))
        grads.append(layer.trainableOrder(gamma: back.gamma, beta: back.beta))
        squares.append(grads[grads.count - 1].map { _ in nil })
        g = back.input
      case (.layerNormalization(let layer, let norm), .normalization(let input, _, _)):
        let back = norm.layerBackward(g, input: input, gamma: layer.optionalFloats("gamma"))
        grads.append(layer.trainableOrder(gamma: back.gamma, beta: back.beta))
        squares.append(grads[grads.count - 1].map { _ in nil })
        g = back.input
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
    return (grads.reversed().flatMap { $0 }, squares.reversed().flatMap { $0 })
  }

  /// Every trainable weight's values, in `model.trainable_weights` order.
  var variables: [[Float]] {
    stages.flatMap { stage -> [[Float]] in
      switch stage {
      case .dense(let dense, _): return dense.layer.weights.map { $0.value.values.float32 ?? [] }
      case .conv(let layer, _, _), .embedding(let layer, _), .batchNormalization(let layer, _, _), .layerNormalization(let layer, _):
        return layer.trainableWeights.map { $0.value.values.float32 ?? [] }
      default: return []
      }
    }
  }

  /// Writes `values` back into the layers: the trainable weights (in
  /// ``variables`` order) after an optimizer step, or with `all`, every
  /// weight in `model.weights` order (`set_weights`).
  func assign(_ values: [[Float]], all: Bool = false) throws {
    var i = 0
    func next(like tensor: Keras3.Tensor) -> Keras3.Tensor {
      defer { i += 1 }
      return Keras3.Tensor(shape: tensor.shape, values: .float32(values[i]))
    }
    for stage in stages {
      switch stage {
      case .dense(let dense, _):
        guard let kernel = dense.layer.kernel else { continue }
        let k = next(like: kernel)
        let b = dense.layer.bias.map { next(like: $0) }
        try dense.layer.assign(kernel: k, bias: b)
      case .conv(let layer, _, _), .embedding(let layer, _), .batchNormalization(let layer, _, _), .layerNormalization(let layer, _):
        let made = layer.layer.weights.map { weight in
          all || !KerasWeightedLayerObject.isMovingStatistic(weight.name) ? next(like: weight.value) : weight.value
        }
        try layer.layer.assign(made)
      default: continue
      }
    }
  }
}
