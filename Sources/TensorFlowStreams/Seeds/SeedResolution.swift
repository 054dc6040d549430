import RNGStreams

/// One `get_seed` call's inputs and result, kept as plain values so the
/// derivation report is only built when someone observes it.
struct SeedResolution {
  var seeds: OpSeeds
  var rule: String
  var scope: (name: String, value: String)?
  var globalName: String
  var globalSeed: Int64?
  var opSeed: Int64?
  /// The implicit op seed and where it came from, when one was needed.
  var implicit: (source: String, value: Int64)?
  /// Extra inputs (the op-seed stream's counter).
  var extra: [DrawReport.Parameter] = []

  var derivation: SeedDerivation {
    var inputs: [DrawReport.Parameter] = []
    if let scope { inputs.append(.init(scope.name, scope.value)) }
    inputs.append(.init(globalName, globalSeed.map(String.init) ?? "None"))
    inputs.append(.init("op_seed", opSeed.map(String.init) ?? "None"))
    if let implicit { inputs.append(.init(implicit.source, String(implicit.value))) }
    inputs += extra
    return SeedDerivation(rule: rule, inputs: inputs, result: seeds.description)
  }
}
