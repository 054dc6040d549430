/// Every classic report reproduced by scripts (`fixtures/scripts/classic/`),
/// with what `rngdiff compare` must diagnose for it.
///
/// ```swift
/// ClassicCatalog.all.map(\.name)          // ["sequential-vs-functional", "sequential-vs-functional-two-scripts", …]
/// ClassicCatalog.fixture("missing-draw")  // the case whose --keep traces are fixtures/traces/missing-draw
/// ```
///
/// The Swift scenarios of ``ScenarioCatalog`` cover what scripts cannot
/// reproduce faithfully (a draw the trace does not see, a CPU kernel the
/// traces do not record, TensorFlow 1.x's raw graph API).
public enum ClassicCatalog {
  /// All cases; their names are unique.
  public static let all: [ClassicCase] = [
    ClassicCase(
      name: "sequential-vs-functional", title: "Sequential and functional, each built right after the same seeding: identical",
      reference: "report 000 (keras#9917)", scripts: ["two_models.py"], options: ["--models", "model1", "model2"],
      fixture: nil, kind: "identical", consumer: nil, role: nil),
    ClassicCase(
      name: "sequential-vs-functional-two-scripts", folder: "sequential-vs-functional",
      title: "Sequential and functional in two scripts, each right after the same seeding: identical, under other names",
      reference: "report 000 (keras#9917)", scripts: ["sequential.py", "functional.py"],
      fixture: nil, kind: "identical", consumer: nil, role: nil),
    ClassicCase(
      name: "two-models-one-script", folder: "reordered-draws",
      title: "Sequential and functional after one seed in one script: the second model takes the next seeds",
      reference: "report 000 (keras#9917)", scripts: ["a.py"], options: ["--models", "model1", "model2"],
      fixture: nil, kind: "state-carryover", consumer: "s_hidden", role: "seed"),
    ClassicCase(
      name: "reordered-draws", title: "Sequential against functional after one seed: the definitions swapped in a second script",
      reference: "report 000 (keras#9917)", fixture: "reordered-draws",
      story: """
        "I define the same model in two ways. Why do I get different results?" The user seeds NumPy \
        and Python's `random`, builds `model1` as a `Sequential` and `model2` with the functional \
        API. Keras 3 draws every unseeded initializer's seed from Python's global `random` when the \
        layer is constructed, so the model defined second takes the next seeds. Run a is the report's \
        order; run b swaps the two definitions, and the models trade weights. (The layers are named, \
        `s_hidden` and so on, so that both traces call each layer alike.)
        """, kind: "reordered-draws", consumer: "s_hidden",
      role: "seed"),
    ClassicCase(
      name: "input-shape", title: "With and without `input_shape` in tf-keras: the kernels are built after the data is drawn",
      reference: "report 001", fixture: "input-shape",
      story: """
        Report 001: leaving out `input_shape` in the first layer of a `Sequential` changes the results \
        a lot. With tf-keras (Keras 2), an unseeded initializer takes its seed from Python's global \
        `random` when its layer is built: with `input_shape` as the layers are added, without it when \
        the model first sees data — in `fit` — after `make_data()` has drawn the data from the same \
        stream. Both the data and the initial weights differ.
        """, kind: "reordered-draws", consumer: "<top>", role: ""),
    ClassicCase(
      name: "input-shape-tf1", title: "With and without `input_shape` in TensorFlow 1.x: the Dropout's op seed is the graph's op count",
      reference: "report 001", options: ["--profile", "tf1-keras"], fixture: "input-shape-tf1",
      story: """
        Report 001 as its user ran it: tf.keras on TensorFlow 1.x, in graph mode, with \
        `tf.set_random_seed(1)`. As the answer to the report does, the kernels get a seeded \
        initializer, so both models start from the same weights — and still train differently. A \
        random op created without `seed=` takes the id of the graph's last op as its op seed. With \
        `input_shape` the Dropout joins the graph as it is added; without it, when `fit` first sees \
        data, after `compile()` has added the optimizer's variables: the Dropout's op seed is \
        another, and so is every mask. (The op ids are rngdiff's own count, not TensorFlow 1.x's \
        numbers; the mechanism is 1.x's.)
        """, kind: "op-seed-derivation", consumer: "sequential/dropout", role: "mask",
      withoutRealRun: """
        TensorFlow 1.x needs Python 3.7 or older and cannot be installed next to the pinned \
        frameworks; `rngdiff run --profile tf1-keras` emulates its seeding mechanism, and the \
        tests check the op seeds against the engine's documented op counts instead of a real run.
        """),
    ClassicCase(
      name: "missing-draw", title: "Removing a Dropout layer shifts the seeds of the layers after it",
      reference: "report 001", fixture: "missing-draw",
      story: """
        In report 001 a user removes the Dropout layers while hunting for a difference, and the \
        results change again. With Keras 3 every `Dense` kernel initializer and every `Dropout` \
        (through its `SeedGenerator`) takes a seed from Python's global `random` when it is \
        constructed: the Dropout's seed is a draw that run b does not make, so every layer built \
        after it gets the next layer's seed, and the data drawn from `random` afterwards moves too.
        """, kind: "missing-draw", consumer: "dropout", role: "seed"),
    ClassicCase(
      name: "parameter-mismatch", title: "Same seed, another initializer: `glorot_normal` against the default",
      reference: "report 000", fixture: "parameter-mismatch",
      story: """
        Report 000's model sets `kernel_initializer='glorot_normal'`. Someone rewrites it from a \
        tutorial that keeps the default, `glorot_uniform`. Both runs seed with \
        `keras.utils.set_random_seed(2)` and construct the same layers in the same order, so they \
        take the same seeds; but the first kernel asks its stream for a truncated normal in run a \
        and a uniform in run b.
        """, kind: "parameter-mismatch",
      consumer: "sequential/dense/kernel", role: "init"),
    ClassicCase(
      name: "state-carryover", title: "Seeded once before a loop of fits: the second model starts where the first left off",
      reference: "report 002 (keras#2743)", fixture: "state-carryover",
      story: """
        Report 002: fitting a Keras model in a loop gives different predictions in every iteration. \
        Seeded once, outside the loop, each new model continues the random stream where the previous \
        one left off. Run a makes a fresh model in each iteration and seeds right before it (the \
        fix); run b seeds once before the loop. The first iteration agrees; in the second, run b's \
        layers take the next seeds.
        """, kind: "state-carryover", consumer: "dense_2",
      role: "seed"),
    ClassicCase(
      name: "structure-mismatch", title: "Validation data adds `val_loss`, and nothing else",
      reference: "the question behind Lightning#6988", fixture: "structure-mismatch",
      story: """
        Does passing `validation_data` to Keras 3's `fit` change training? Validation runs the model \
        in inference mode, where `Dropout` draws nothing, so every draw, mask and training loss \
        agrees; run b only records one more metric per epoch.
        """, kind: "structure-mismatch",
      consumer: "val_loss", role: "epoch 1"),
    ClassicCase(
      name: "unseeded-stream", title: "The reproducibility recipe run twice with Keras 3: Python's `random` is never seeded",
      reference: "reports 003 and 004", scripts: ["recipe.py"], options: ["--runs", "2"], fixture: "unseeded-stream",
      story: """
        The reproducibility recipe of reports 003 and 004 seeds NumPy and TensorFlow at the top of the \
        script. Run it twice with Keras 3 and the runs still differ: Keras 3 takes every unseeded \
        initializer's seed from Python's global `random`, which neither call seeds and which a new \
        process seeds from the operating system. (Even `import keras` draws from it, through a \
        library it imports; that is the first draw the report names.) `keras.utils.set_random_seed` \
        seeds all three. Run a and run b are the one script run twice, as `--runs 2` runs it.
        """,
      kind: "unseeded-stream", consumer: "import rich.style", role: "import"),
    ClassicCase(
      name: "seed-mismatch", title: "Two seeds: the rerun was seeded with another value",
      reference: nil, fixture: "seed-mismatch",
      story: """
        A NumPy training setup draws its initial weights, a shuffle per epoch and dropout masks from \
        NumPy's global stream. The run meant to reproduce it was seeded with another value (0 instead \
        of 42): every number differs, and nothing in the output says why.
        """, kind: "seed-mismatch", consumer: "<top>", role: ""),
    ClassicCase(
      name: "algorithm-mismatch", title: "Moving to `np.random.default_rng` changes every number",
      reference: "NumPy's advice to move from `np.random.seed` to `default_rng`", fixture: "algorithm-mismatch",
      story: """
        NumPy recommends replacing the legacy global functions with a `Generator` from \
        `np.random.default_rng(seed)`. A user ports the script and keeps the seed, 0, expecting the \
        same run. But the legacy functions draw from MT19937 and the `Generator` from PCG64 seeded \
        through `SeedSequence`, with other samplers too: no draw can agree.
        """,
      kind: "algorithm-mismatch", consumer: "<top>", role: ""),
    ClassicCase(
      name: "extra-draw", title: "An unused `nn.Linear` shifts every later draw",
      reference: "pytorch#46149", fixture: "extra-draw",
      story: """
        A user reports that one line, `classifier = nn.Linear(640, 5)`, changes their accuracy from \
        85% to 87% although the layer is never used and every seed is set. Creating an `nn.Linear` \
        initialises its weight and bias (`kaiming_uniform_`, then `uniform_`), and those draws come \
        from the same torch generator the model, the shuffles and the dropout masks draw from: \
        everything created after the layer gets other numbers. Run a is the script without the \
        classifier; run b creates it right after `torch.manual_seed(16)`, before the model.
        """, kind: "extra-draw", consumer: "classifier.weight", role: "init"),
    ClassicCase(
      name: "data-order", title: "A validation sanity check before training moves the training shuffle",
      reference: "Lightning#6988", fixture: "data-order",
      story: """
        A Lightning user finds that the number of validation sanity steps changes the order in which \
        the training data is shuffled, with every seed fixed. Before training, Lightning's `Trainer` \
        runs a few validation batches (the sanity check); when those draw from the default torch \
        generator, the training loader's seed and shuffles, drawn from it afterwards, move. Here the \
        sanity check is written out by hand: run b draws its validation batches in random order \
        (`torch.randperm`) before the training loop, which iterates a `DataLoader` with \
        `shuffle=True`; run a trains directly.
        """, kind: "data-order", consumer: "<top>", role: ""),
    ClassicCase(
      name: "config-mismatch", title: "The Threefry switch changes every JAX random number: `jax_threefry_partitionable`",
      reference: "jax#13346", fixture: "config-mismatch",
      story: """
        jax#13346 tracks a "randomness-altering Threefry RNG upgrade": the partitionable Threefry \
        implementation changes which bits a key gives for each element, and makes `split` and \
        `fold_in` agree. It sat behind `jax_threefry_partitionable` until JAX 0.5.0 (January 2025) \
        turned it on by default, so the same script seeded with `jax.random.key(0)` gives other \
        weights, shuffles and masks after an upgrade. Both runs here use JAX 0.10.2 and name the \
        switch: run a sets it to `False` (the numbers from before the upgrade), run b to `True` \
        (today's default). `jax.config.update` is recorded where it runs, and the traces' profiles \
        name the switch.
        """, kind: "config-mismatch", consumer: "<top>", role: ""),
    ClassicCase(
      name: "dropout-inactive", title: "Dropout active (training=True) against inactive (training=False)",
      reference: nil, fixture: nil, kind: "missing-draw", consumer: "dropout", role: "mask"),
    ClassicCase(
      name: "shuffle-off", title: "fit with shuffle on against shuffle off",
      reference: nil, fixture: nil, kind: "data-order", consumer: "sequential/fit", role: "shuffle"),
    ClassicCase(
      name: "numeric-nondeterminism",
      title: "Every seed set, run on a GPU: the draws agree and the arithmetic does not",
      reference: "reports 003 and 004", scripts: ["train.py", "train.py"], options: ["--device", "gpu"],
      fixture: "numeric-nondeterminism",
      story: """
        Reports 003 and 004 warn that on a GPU "some operations have non-deterministic outputs": \
        thousands of threads add into the same sum with atomic adds, in whatever order they finish, \
        and float32 addition is not associative. Here one script that sets every seed trains a small \
        Keras 3 model, run twice with `--device gpu`: `rngdiff run` then adds training's float32 sums \
        in an order drawn per run, as GPU atomics do (the order is the stand-in for the GPU's \
        scheduling, not a random draw of the script). Every draw agrees in both runs; the weights \
        after the first epoch do not. `tf.config.experimental.enable_op_determinism()` makes the \
        runs identical (`train_deterministic.py`).
        """, kind: "numeric-nondeterminism", consumer: "sequential/dense/kernel", role: "after epoch 1"),
    ClassicCase(
      name: "op-determinism", folder: "numeric-nondeterminism",
      title: "The same on a GPU with `enable_op_determinism()`: identical",
      reference: "reports 003 and 004", scripts: ["train_deterministic.py", "train_deterministic.py"], options: ["--device", "gpu"],
      fixture: nil, kind: "identical", consumer: nil, role: nil),
  ]

  /// The case named `name`.
  public static func named(_ name: String) -> ClassicCase? { all.first { $0.name == name } }

  /// The case whose `--keep` traces are `fixtures/traces/<folder>`.
  public static func fixture(_ folder: String) -> ClassicCase? { all.first { $0.fixture == folder } }
}
