import TestSupport
import Testing

/// `rngdiff sample tf-keras` end to end: the built binary's output
/// against the committed golden values of the real tf-keras.
@Suite struct TFKerasCommand {
  static let file = "reference/tf-keras/tf-keras.jsonl"

  @Test func seededInitializersAndDropoutMatchTFKeras() throws {
    try TensorFlowCommand.expectJSONMatches(
      "tf-keras", Self.file,
      ["GlorotUniform()((3, 3))", "Dropout(0.5)(ones((10,)), training=True)", "GlorotUniform()((3, 3))"])
    try TensorFlowCommand.expectJSONMatches(
      "tf-keras", Self.file,
      ["Dropout(0.5)(ones((40,)), training=True)", "d = Dropout(0.5, seed=3)", "d(ones((8,)), training=True)",
       "d(ones((8,)), training=True)", "Dropout(0.0)(ones((4,)), training=True)", "Dropout(0.5)(ones((8,)), training=True)",
       "Dropout(0.5)(ones((4,)))", "Dropout(0.5)(ones((4,)), training=False)"])
  }

  @Test func theGlobalRandomSeedsUnseededInitializers() throws {
    try TensorFlowCommand.expectJSONMatches(
      "tf-keras", Self.file,
      ["random.seed(11)", "init = RandomNormal()", "random.random()", "init((4,))", "init((4,))", "random.random()"])
  }

  @Test func aSeedNumPyRejectsExitsTwo() throws {
    let result = try RNGDiffBinary.run(["sample", "tf-keras", "--seed", "-1", "GlorotUniform()((2,))"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "rngdiff: --seed:1:1: Seed must be between 0 and 2**32 - 1, got -1.\n")
  }
}
