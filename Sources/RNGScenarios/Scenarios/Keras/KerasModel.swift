import KerasStreams
import PythonStreams
import RNGTrace

/// A Keras 3 model as the scenarios build it: layers constructed (which is
/// when Keras 3 draws their seeds from Python's `random`), built (which is
/// when the kernels are drawn, keyed by those seeds), and run forward in
/// float32 with the real dropout masks.
///
/// Consumers are named `<variable>/<layer>/<weight>`, the layer by the name
/// Keras would give it in a fresh process (`dense`, `dense_1`, `dropout`,
/// counted per model), so a layer's name does not depend on what the
/// script built before it.
struct KerasModel {
  static let kerasVersion = "3.15.1"
  static let tensorflowVersion = "2.21.0"

  /// One layer of a model definition, with the program lines where it is
  /// constructed and where it is built.
  struct LayerSpec {
    enum Kind {
      case dense(units: Int, activation: Activation, initializer: String)
      case dropout(rate: Double)
    }

    var kind: Kind
    /// A fragment of the line that constructs the layer.
    var constructed: String
    /// A fragment of the line whose execution builds it (draws the kernel).
    var built: String

    static func dense(_ units: Int, _ activation: Activation = .linear, initializer: String = "glorot_uniform", at line: String, builtAt: String? = nil) -> LayerSpec {
      LayerSpec(kind: .dense(units: units, activation: activation, initializer: initializer), constructed: line, built: builtAt ?? line)
    }

    static func dropout(_ rate: Double, at line: String) -> LayerSpec {
      LayerSpec(kind: .dropout(rate: rate), constructed: line, built: line)
    }
  }

  enum Layer {
    case dense(Keras3.Dense, Activation, name: String)
    case dropout(Keras3.Dropout, name: String)
  }

  /// The Python variable holding the model (`model`, `model1`).
  let variable: String
  private(set) var layers: [Layer] = []
  private(set) var specs: [LayerSpec] = []
  private var built = 0
  private var width: Int?
  private var counts: [String: Int] = [:]

  /// An empty model held in `variable`.
  init(_ variable: String) {
    self.variable = variable
  }

  /// The name Keras gives the next layer with `prefix` in a fresh process.
  private mutating func name(_ prefix: String) -> String {
    let n = counts[prefix, default: 0]
    counts[prefix] = n + 1
    return n == 0 ? prefix : "\(prefix)_\(n)"
  }

  /// Constructs layers, in program order: Keras 3 draws each initializer's
  /// and each dropout's seed from Python's `random` now.
  mutating func construct(_ new: [LayerSpec], run: ScenarioRecording, keras: inout Keras3.GlobalState) throws {
    for spec in new {
      run.at(spec.constructed)
      switch spec.kind {
      case .dense(let units, let activation, let initializer):
        let layer = name("dense")
        let dense = try run.consuming("\(variable)/\(layer)/kernel", role: "seed") {
          try Keras3.Dense(units: units, kernelInitializer: .name(initializer), name: layer, state: &keras)
        }
        layers.append(.dense(dense, activation, name: layer))
      case .dropout(let rate):
        let layer = name("dropout")
        let dropout = try run.consuming("\(variable)/\(layer)", role: "seed") {
          try Keras3.Dropout(rate: rate, name: layer, state: &keras)
        }
        layers.append(.dropout(dropout, name: layer))
      }
      specs.append(spec)
    }
  }

  /// Builds the layers not built yet, for inputs of width `inputs`: each
  /// Dense draws its kernel (a zeros bias draws nothing); the weights are
  /// recorded as `init` tensors.
  mutating func build(inputs: Int, run: ScenarioRecording, keras: inout Keras3.GlobalState) throws {
    var width = self.width ?? inputs
    while built < layers.count {
      let i = built
      built += 1
      guard case .dense(var dense, let activation, let layer) = layers[i] else { continue }
      run.at(specs[i].built)
      try run.consuming("\(variable)/\(layer)/kernel", role: "init") { try dense.build([nil, width], state: &keras) }
      layers[i] = .dense(dense, activation, name: layer)
      for (weight, value) in dense.weights {
        guard let values = value.values.float32 else { preconditionFailure("Dense weights are float32") }
        try run.tensor("\(variable)/\(layer)/\(weight)", moment: .initial, shape: value.shape, values: values)
      }
      width = dense.units
    }
    self.width = width
  }

  /// `model(x, training=training)`: in training, each Dropout draws its mask
  /// (attributed to the program line `at`).
  func forward(_ x: Float32Matrix, training: Bool, at line: String, run: ScenarioRecording, keras: inout Keras3.GlobalState) throws -> Float32Matrix {
    var h = x
    for layer in layers {
      switch layer {
      case .dense(let dense, let activation, _):
        guard let kernel = dense.kernel?.values.float32, let shape = dense.kernel?.shape else { preconditionFailure("built") }
        var out = h.matmul(Float32Matrix(rows: shape[0], columns: shape[1], values: kernel))
        if let bias = dense.bias?.values.float32 { out = out.addingBias(bias) }
        h = out.map(activation.callAsFunction)
      case .dropout(let dropout, let layer):
        guard training else { continue }
        run.at(line)
        let input = Keras3.Tensor(shape: h.shape, values: .float32(h.values))
        let output = try run.consuming("\(variable)/\(layer)", role: "mask") {
          try dropout(input, training: true, state: &keras)
        }
        guard let values = output.values.float32 else { preconditionFailure("dropout of float32 is float32") }
        h = Float32Matrix(rows: h.rows, columns: h.columns, values: values)
      }
    }
    return h
  }

  /// `model.fit(x, y, epochs=…, batch_size=…, shuffle=False[, validation_data=…])`:
  /// per epoch, the batches in order with dropout, the loss (the mean of
  /// the batch losses), and the validation loss when validation data is given.
  /// Metrics are named `loss` and `val_loss` after `metricPrefix`.
  func fit(
    _ x: Float32Matrix, _ y: Float32Matrix, epochs: Int, batchSize: Int, validation: (Float32Matrix, Float32Matrix)? = nil,
    at line: String, metricPrefix: String = "", run: ScenarioRecording, keras: inout Keras3.GlobalState
  ) throws {
    try run.phase("fit", name: variable) {
      for epoch in 1...epochs {
        try run.phase("epoch", index: epoch) {
          var losses: [Float] = []
          for start in stride(from: 0, to: x.rows, by: batchSize) {
            let rows = start..<min(start + batchSize, x.rows)
            let prediction = try forward(x.slicing(rows: rows), training: true, at: line, run: run, keras: &keras)
            losses.append(MeanSquaredError.of(prediction, y.slicing(rows: rows)))
          }
          try run.metric(metricPrefix + "loss", epoch: epoch, value: Double(Summation.sequential.mean(losses)))
          if let (vx, vy) = validation {
            let prediction = try forward(vx, training: false, at: line, run: run, keras: &keras)
            try run.metric(metricPrefix + "val_loss", epoch: epoch, value: Double(MeanSquaredError.of(prediction, vy)))
          }
        }
      }
    }
  }

  /// `model.predict(x)`, recorded as the tensor `<prefix>predictions`.
  func predict(_ x: Float32Matrix, name: String = "predictions", run: ScenarioRecording, keras: inout Keras3.GlobalState) throws {
    try run.phase("predict", name: variable) {
      let prediction = try forward(x, training: false, at: "", run: run, keras: &keras)
      try run.tensor(name, moment: .final, shape: prediction.shape, values: prediction.values)
    }
  }

  /// A Keras 3 header on the TensorFlow backend.
  static func header(label: String, program: ScenarioProgram, config: RunConfig = RunConfig(device: "cpu")) -> RunHeader {
    var config = config
    config.libraries = [NamedValue("keras", kerasVersion), NamedValue("tensorflow", tensorflowVersion)] + config.libraries
    config.environment.insert(NamedValue("KERAS_BACKEND", "tensorflow"), at: 0)
    return ScenarioHeader.make(
      profile: TraceProfile(framework: .keras, version: kerasVersion), label: label, program: program, config: config)
  }
}
