import JAXStreams
import RNGTrace

/// jax#13346, "randomness-altering Threefry RNG upgrade": JAX 0.5.0 turned
/// `jax_threefry_partitionable` on by default, which changes the bits every
/// key gives (and the keys `split` makes). The same script, the same
/// `jax.random.key(0)`, other weights after upgrading: `config-mismatch`.
enum ThreefryUpgradeScenario {
  static func program(_ command: String) -> ScenarioProgram {
    ScenarioProgram(path: "train.py", text: """
      import jax
      import jax.numpy as jnp

      key = jax.random.key(0)
      k_w1, k_w2, k_data, k_drop = jax.random.split(key, 4)
      w1 = jax.random.normal(k_w1, (4, 8)) * 0.5
      w2 = jax.random.normal(k_w2, (8, 1)) * 0.35

      x = jnp.arange(32, dtype=jnp.float32).reshape(8, 4) / 16 - 1
      y = (jnp.arange(8) % 2).astype(jnp.float32).reshape(8, 1)

      for epoch in range(1, 4):
          k_data, k_perm = jax.random.split(k_data)
          k_drop, k_mask = jax.random.split(k_drop)
          order = jax.random.permutation(k_perm, 8)
          keep = jax.random.bernoulli(k_mask, 0.5, (8, 8))
          h = jnp.maximum(x[order] @ w1, 0) * keep / 0.5
          loss = jnp.mean((h @ w2 - y[order]) ** 2)
          print(f"epoch {epoch}: loss {loss:.6f}")
      """, command: command)
  }

  static let old = program("python train.py   # with jax 0.4.35")
  static let new = program("python train.py   # with jax 0.10.2")

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let version = side == .a ? "0.4.35" : "0.10.2"
    let config = try JAXConfig(version: version)
    let program = side == .a ? old : new
    let header = ScenarioHeader.make(
      profile: TraceProfile(
        framework: .jax, version: version, semantics: "jax_threefry_partitionable=\(config.threefryPartitionable ? "True" : "False")"),
      label: side == .a ? "before the upgrade" : "after the upgrade", program: program,
      config: RunConfig(device: "cpu", libraries: [NamedValue("jax", version)]))
    let run = ScenarioRecording(side: side, program: program, header: header)
    let jax = JAXRandom(config: config, observer: run.observer)
    run.at("key = jax.random.key(0)")
    let key = try run.consuming("key", role: "seed") { try jax.key(0) }
    run.at("k_w1, k_w2, k_data, k_drop = jax.random.split(key, 4)")
    let keys = try run.consuming("keys", role: "seed") { try jax.split(key, num: 4) }
    var (kData, kDrop) = (keys[2], keys[3])
    let (w1, w2) = try run.phase("build", name: "params") { () throws -> (Float32Matrix, Float32Matrix) in
      run.at("w1 = jax.random.normal")
      let w1 = try run.consuming("w1", role: "init") { try jax.normal(keys[0], shape: [4, 8]) }.floats ?? []
      run.at("w2 = jax.random.normal")
      let w2 = try run.consuming("w2", role: "init") { try jax.normal(keys[1], shape: [8, 1]) }.floats ?? []
      let m1 = Float32Matrix(rows: 4, columns: 8, values: w1.map { $0 * 0.5 })
      let m2 = Float32Matrix(rows: 8, columns: 1, values: w2.map { $0 * 0.35 })
      try run.tensor("w1", moment: .initial, shape: [4, 8], values: m1.values)
      try run.tensor("w2", moment: .initial, shape: [8, 1], values: m2.values)
      return (m1, m2)
    }
    let x = Float32Matrix(rows: 8, columns: 4) { r, c in Float(r * 4 + c) / 16 - 1 }
    let y = Float32Matrix(rows: 8, columns: 1) { r, _ in Float(r % 2) }
    try run.phase("fit") {
      for epoch in 1...3 {
        try run.phase("epoch", index: epoch) {
          run.at("k_data, k_perm = jax.random.split(k_data)")
          let data = try run.consuming("fit/data_key", role: "seed") { try jax.split(kData) }
          run.at("k_drop, k_mask = jax.random.split(k_drop)")
          let drop = try run.consuming("fit/dropout_key", role: "seed") { try jax.split(kDrop) }
          kData = data[0]
          kDrop = drop[0]
          run.at("order = jax.random.permutation")
          let order = try run.consuming("fit/epoch", role: "shuffle") { try jax.permutation(data[1], 8) }
            .integers?.map { Int($0) } ?? []
          run.at("keep = jax.random.bernoulli")
          let keep = try run.consuming("dropout", role: "mask") { try jax.bernoulli(drop[1], p: 0.5, shape: [8, 8]) }
            .bools ?? []
          let mask = Float32Matrix(rows: 8, columns: 8, values: keep.map { $0 ? 2 : 0 })
          let h = x.gathering(rows: order).matmul(w1).map(Activation.relu.callAsFunction).multiplying(mask)
          try run.metric("loss", epoch: epoch, value: Double(MeanSquaredError.of(h.matmul(w2), y.gathering(rows: order))))
        }
      }
    }
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "config-mismatch",
    title: "Upgrading JAX changes every random number: `jax_threefry_partitionable`",
    reference: "jax#13346",
    story: """
      jax#13346 tracks a "randomness-altering Threefry RNG upgrade": the partitionable Threefry \
      implementation changes which bits a key gives for each element, and makes `split` and \
      `fold_in` agree. It sat behind `jax.config.jax_threefry_partitionable` until JAX 0.5.0 \
      (January 2025) turned it on by default. The same script, seeded with `jax.random.key(0)`, \
      then gives other weights, masks and shuffles after an upgrade. Run a is the script under JAX \
      0.4.35, run b under JAX 0.10.2; the traces record the library version and the switch.
      """,
    programA: old, programB: new,
    expectation: ScenarioExpectation(
      kind: "config-mismatch", consumer: "keys", role: "seed", stream: "jax \"key(0,0)\"",
      a: EventReference(.draw, "keys", role: "seed"), b: EventReference(.draw, "keys", role: "seed")
    ) { _, _ in
      """
      **config-mismatch** at `keys (seed)`, the first `split`: both runs split the same key, \
      `key(0,0)`, made by the same call, yet the bits differ, and the runs' configuration differs: \
      `jax_threefry_partitionable` False in a, True in b, and the JAX versions. Every derived key, \
      weight, shuffle, mask and loss is its effect. To keep the old numbers after upgrading, set \
      `jax.config.update("jax_threefry_partitionable", False)`.
      """
    }
  ) { try record($0) }
}
