import PythonSubset

/// A Keras model a script leaves in a variable, as `rngdiff compare --models`
/// compares it: its layers in order, each with its kind and its weights.
///
/// ```swift
/// // m1 = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)])
/// summary.layers.map(\.kind)               // ["Dense"]
/// summary.layers[0].weights.map(\.path)    // ["sequential/dense/kernel", "sequential/dense/bias"]
/// ```
public struct ModelSummary: Sendable, Equatable {
  public struct Weight: Sendable, Equatable {
    /// The weight's path as Keras names it (`sequential/dense/kernel`).
    public var path: String
    public var shape: [Int]
  }

  public struct Layer: Sendable, Equatable {
    /// The layer's class (`Dense`, `Dropout`, a script's own class).
    public var kind: String
    /// Its Keras name (`dense_2`).
    public var name: String
    public var weights: [Weight]
  }

  /// The script's variable (`m1`).
  public var variable: String
  /// `Sequential`, `Functional` or the script's model class.
  public var kind: String
  /// The model's Keras name (`sequential`).
  public var name: String
  public var layers: [Layer]
}

extension ScriptRun {
  /// The models named by `variables`, read from the script's globals after it ran.
  ///
  /// Throws a located sentence when a name is missing or is not a Keras model.
  static func models(_ variables: [String], globals: [String: Value], path: String, lastLine: Int) throws(SourceError) -> [ModelSummary] {
    var out: [ModelSummary] = []
    for variable in variables {
      let end = SourceLocation(line: max(lastLine, 1), column: 1)
      guard let value = globals[variable] else {
        throw SourceError("--models: the script ends without a variable '\(variable)'; name two variables that hold Keras models", at: end, in: path)
      }
      guard case .object(let object) = value, let layers = modelLayers(object) else {
        throw SourceError("--models: '\(variable)' holds a '\(value.typeName)', not a Keras model", at: end, in: path)
      }
      out.append(ModelSummary(
        variable: variable, kind: object.typeName, name: layerName(object) ?? variable,
        layers: layers.map { layer in
          ModelSummary.Layer(
            kind: layer.typeName, name: layerName(layer) ?? "?",
            weights: KerasSession.weights(of: layer).map { ModelSummary.Weight(path: $0.path, shape: $0.tensor.shape) })
        }))
    }
    return out
  }

  /// A model's layers in order, or nil when `object` is not a model.
  private static func modelLayers(_ object: any PythonObject) -> [any PythonObject]? {
    if let model = object as? KerasModelObject { return model.layers.filter(KerasSession.isLayer) }
    if let custom = object as? KerasLayerInstance, custom.isModel { return custom.tracked.filter(KerasSession.isLayer) }
    return nil
  }

  private static func layerName(_ object: any PythonObject) -> String? {
    if case .string(let name)? = try? object.attribute("name") { return name }
    if let custom = object as? KerasLayerInstance { return custom.name }
    return nil
  }
}
