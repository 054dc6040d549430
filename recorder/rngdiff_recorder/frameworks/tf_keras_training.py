"""tf-keras (Keras 2) training: ``fit``'s epoch shuffles and the Dropout kernels of its traced train
function, with the counters confirmed by TensorFlow's own stateless kernels.

Installed by ``tf_keras.install``. What a ``fit`` writes, in the order ``rngdiff run`` writes it
(``Sources/RNGEngine/Frameworks/TFKeras``; docs/scripts.md, "tf-keras (Keras 2)"):

- phase ``fit`` (name: the model) and, per epoch, phase ``epoch`` (index from 1);
- the epoch's shuffle (consumer ``<model>/fit``, role ``shuffle``): the ``tf.random.shuffle`` of
  the ``tf.data`` map tf-keras builds for arrays is one ``RandomShuffle`` kernel per ``fit`` (its
  iterator repeats the map once per epoch), stream ``tensorflow.op(seed,seed2)/RandomShuffle/int64``
  keyed by the op's real ``seed``/``seed2`` attributes, declared when the fit's first epoch draws;
  epoch ``k`` (from 0) reads at counter ``k * ceil((n - 1) / 4)``, the kernel's reservation rule;
- every training step's Dropout (consumer ``<model>/<dropout>``, role ``mask``): each Dropout is one
  ``RandomUniform`` op of the traced train function with its own kernel, stream
  ``tensorflow.op(seed,seed2)/RandomUniform/float32`` (``#k`` after the k-th restart of that op's
  kernel by ``clear_session``/``tf.random.set_seed``), one ``dropout`` draw per step of
  ``256 * elements`` blocks (``ReserveRandomOutputs(n, 256)``), digest of the real keep mask;
- after each epoch: one ``tensor`` per weight (moment ``epoch``), then one ``metric`` per log
  (sorted by name).

``evaluate`` and ``predict`` called by the script are phases; the validation inside ``fit`` is not.

How the counters are known: the kernels keep their Philox state inside TensorFlow, where Python
cannot read it. The read-outs (an identity ``tf.numpy_function`` after the shuffle in the dataset's
map, one beside each Dropout's ``RandomUniform`` in the train function) hand over the real order and
the real uniforms with the op's ``seed``/``seed2``. The counter the kernel's reservation rule gives
(or 0: a kernel made again after its cache was cleared) is then **confirmed** by running
TensorFlow's own stateless kernel at that key and counter (``StatelessShuffle`` and
``StatelessRandomUniformV2``, algorithm Philox, key ``seed``, counter ``[c, seed2]``: the same
Philox fill as the stateful kernels) and comparing every value with the real ones. A value that
neither confirms is warned about and its draw left out; a counter is never written unconfirmed.
An unseeded kernel (``seed = seed2 = 0``: OS entropy inside the kernel) cannot be confirmed: its
stream is declared ``entropy`` and its draws are left out, with a warning.

Edge cases: the read-outs add no random op and change no value (``recordingATrainingRunLeavesItAlone``
checks history, weights and the next draws against an unrecorded run). ``tf.data`` datasets given
to ``fit`` shuffle in ``ShuffleDataset``'s own generator, not a kernel read here: their orders are
not recorded (the masks are). ``jit_compile=True`` cannot compile a host callback: masks not recorded.
"""

import functools
import sys
import threading

from .keras3 import _patch_class, _text, _warn
from .training_epochs import EpochRecording, numpy_copy, numpy_int, read_out

_PHILOX = 1  # the ``alg`` of TensorFlow's stateless V2 kernels for Philox 4x32-10


class _Run:
    """One ``fit`` (or ``train_on_batch``) call of the script's."""

    def __init__(self, model, source, path):
        self.model = model
        self.name = model.name
        self.source = source
        self.path = path          # the model's weights' prefix (a Sequential's name) or ""
        self.begun = False
        self.epoch = 0            # epochs drawn so far from this fit's shuffle kernel


class _Kernel:
    """A Dropout's ``RandomUniform`` op in one traced train function: its kernel's stream."""

    def __init__(self, seeds, default_graph_seed, order):
        self.seeds = seeds
        self.default_graph_seed = default_graph_seed
        self.order = order        # its place among the ops traced (the step's draw order)
        self.next = None          # the counter where its next run reads, once confirmed
        self.instance = 0         # how many times its kernel was made again
        self.stream = None        # the stream id of the current instance
        self.runs = 0             # runs read out


class Training(EpochRecording):
    # fit, train_on_batch, the evaluate/predict phases and the epochs: training_epochs.EpochRecording
    epoch_words = "a tf-keras epoch"

    def weight_name(self, run, variable):
        return run.path + variable.name.split(":")[0]

    def new_run(self, model, source):
        return _Run(model, source, self.model_prefix(model))

    def __init__(self, state):
        self.state = state
        self.session = state.session
        self.runs = []
        self.lock = threading.Lock()
        self.shuffles = []        # (seeds, order) in the order tf.data made them
        self.masks = []           # (kernel, path, uniforms, rate) in the order the steps ran them
        self.kernels_traced = 0
        self.entropy_kernels = 0

    def model_prefix(self, model):
        return model.name + "/" if isinstance(model, self.state.Sequential) else ""

    # The shuffle: a read-out after the RandomShuffle op of the adapter's map

    def wrap_adapter_init(self, original):
        outer = self

        @functools.wraps(original)
        def __init__(adapter, *args, **kwargs):
            if outer.training is None:
                return original(adapter, *args, **kwargs)
            from tf_keras.src.engine import data_adapter
            random = data_adapter.tf.random
            real = random.shuffle

            def shuffle(value, seed=None, name=None):
                order = real(value, seed=seed, name=name)
                try:
                    import tensorflow as tf
                    if order.op.type != "RandomShuffle":
                        return order
                    seeds = (int(order.op.get_attr("seed")), int(order.op.get_attr("seed2")))
                    default = seed is not None and tf.compat.v1.get_default_graph().seed is None
                except Exception as error:
                    _warn("a tf-keras fit shuffle's seeds", error)
                    return order

                return read_out(tf, order, lambda values: outer.keep_shuffle((seeds, default, values)))
            random.shuffle = shuffle
            try:
                return original(adapter, *args, **kwargs)
            finally:
                random.shuffle = real
        return __init__

    def flush_shuffle(self, run):
        with self.lock:
            if not self.shuffles:
                return
            seeds, default, order = self.shuffles.pop(0)
        n = int(order.shape[0])
        blocks = (n - 1 + 3) // 4
        epoch, run.epoch = run.epoch, run.epoch + 1
        if blocks <= 0:
            return
        session, writer = self.session, self.session.writer
        if seeds == (0, 0):
            self.entropy_kernels += 1
            name = "op(None,None)/RandomShuffle/int64"
            seed = "os entropy inside the kernel (not observable), kernel %d" % self.entropy_kernels
            if epoch == 0:
                session.emit(lambda: writer.declare("tensorflow", name, "philox4x32-10", seed, {"how": "entropy"}))
            _warn("the orders of an unseeded fit shuffle", RuntimeError(
                "its kernel's key comes from OS entropy inside TensorFlow: the counter cannot be confirmed"))
            return
        counter = epoch * blocks
        try:
            confirmed = _same(order, _stateless_shuffle(n, seeds, counter, order.dtype))
        except Exception as error:
            _warn("the confirmation of a fit shuffle's counter", error)
            return
        if not confirmed:
            _warn("a tf-keras fit shuffle", RuntimeError(
                "the order is not RandomShuffle%s's output at counter %d: draw left out" % (seeds, counter)))
            return
        name = "op(%d,%d)/RandomShuffle/int64" % seeds
        material = "seed=%d seed2=%d" % seeds
        seeding = _seeding(seeds, default, run.source)
        ids = {}

        def declare():
            if epoch == 0:
                ids["id"] = writer.declare("tensorflow", name, "philox4x32-10", material, seeding)
            else:
                ids["id"] = writer.known("tensorflow", name, "philox4x32-10", material)
        session.emit(declare)
        with session.consuming(run.name + "/fit", "shuffle"):
            session.write_draw(lambda: ids["id"], counter, blocks, "shuffle", "permutation", {"value": "range(%d)" % n},
                               "int64", [n], run.source, *session.digest_of(order))

    # Dropout: a read-out beside each RandomUniform op of the traced train function

    def dropout_path(self, frame):
        run = self.training
        Layer = self.state.Layer
        while frame is not None and run is not None:
            owner = frame.f_locals.get("self")
            if isinstance(owner, Layer) and not isinstance(owner, self.state.Model):
                return "%s/%s" % (run.name, owner.name)
            frame = frame.f_back
        return None

    def wrap_dropout(self, original):
        outer = self

        @functools.wraps(original)
        def dropout(generator, inputs, rate, noise_shape=None):
            run = outer.training
            if run is None or generator._rng_type != generator.RNG_LEGACY_STATEFUL:
                return original(generator, inputs, rate, noise_shape)
            import tensorflow as tf
            if tf.executing_eagerly() or not isinstance(rate, (int, float)) or not 0 < rate < 1:
                return original(generator, inputs, rate, noise_shape)
            if getattr(run.model, "_jit_compile", False):
                _warn("tf-keras Dropout masks under XLA (jit_compile=True)",
                      RuntimeError("a host callback cannot be compiled"))
                return original(generator, inputs, rate, noise_shape)
            graph = tf.compat.v1.get_default_graph()
            made = len(graph.get_operations())
            out = original(generator, inputs, rate, noise_shape)
            try:
                ops = [op for op in graph.get_operations()[made:] if op.type == "RandomUniform"]
                if len(ops) != 1:
                    raise RuntimeError("%d RandomUniform ops in one Dropout" % len(ops))
                op = ops[0]
                seeds = (int(op.get_attr("seed")), int(op.get_attr("seed2")))
                default = generator._seed is not None and graph.seed is None
                outer.kernels_traced += 1
                kernel = _Kernel(seeds, default, outer.kernels_traced)
                path = outer.dropout_path(sys._getframe(1))
                rate_value = rate

                def read(uniforms):
                    with outer.lock:
                        outer.masks.append((kernel, path, numpy_copy(uniforms), rate_value))
                    return numpy_int(0)
                done = tf.numpy_function(read, [op.outputs[0]], tf.int64, stateful=True)
                with tf.control_dependencies([done]):
                    return tf.identity(out)
            except Exception as error:
                _warn("a tf-keras Dropout's kernel", error)
                return out
        return dropout

    def flush_masks(self, run):
        with self.lock:
            masks, self.masks = self.masks, []
        if not masks:
            return
        # The ops of one step may finish in any order: the n-th run of each kernel is step n's,
        # and within a step the kernels run in the order they were traced.
        seen = {}
        keyed = []
        for entry in masks:
            kernel = entry[0]
            k = seen.get(id(kernel), 0)
            seen[id(kernel)] = k + 1
            keyed.append(((k, kernel.order), entry))
        keyed.sort(key=lambda item: item[0])
        for _, (kernel, path, uniforms, rate) in keyed:
            self.write_mask(run, kernel, path, uniforms, rate)

    def write_mask(self, run, kernel, path, uniforms, rate):
        session, writer = self.session, self.session.writer
        n = int(uniforms.size)
        blocks = 256 * n
        shape = [int(d) for d in uniforms.shape]
        keep = uniforms >= uniforms.dtype.type(rate)
        dtype = str(uniforms.dtype)
        base = "op(%d,%d)/RandomUniform/%s" % (kernel.seeds + (dtype,))
        if kernel.seeds == (0, 0):
            if kernel.stream is None:
                self.entropy_kernels += 1
                kernel.stream = "op(None,None)/RandomUniform/%s" % dtype
                seed = "os entropy inside the kernel (not observable), kernel %d" % self.entropy_kernels
                session.emit(lambda: writer.declare("tensorflow", kernel.stream, "philox4x32-10", seed, {"how": "entropy"}))
            _warn("the masks of an unseeded Dropout", RuntimeError(
                "its kernel's key comes from OS entropy inside TensorFlow: the counter cannot be confirmed"))
            return
        counter = None
        try:
            candidates = [kernel.next] if kernel.next is not None else []
            candidates.append(0)  # a kernel made (again): the op's first output
            for candidate in candidates:
                if _same(uniforms, _stateless_uniform(shape, kernel.seeds, candidate, uniforms.dtype)):
                    counter = candidate
                    break
        except Exception as error:
            _warn("the confirmation of a Dropout kernel's counter", error)
            return
        if counter is None:
            _warn("a tf-keras Dropout mask", RuntimeError(
                "the uniforms are not RandomUniform%s's output at the counter its kernel reached or at 0: "
                "draw left out" % (kernel.seeds,)))
            return
        material = "seed=%d seed2=%d" % kernel.seeds
        declare = None
        if kernel.next is None:
            declare = base
        elif counter == 0 and kernel.next != 0:
            kernel.instance += 1  # the kernel was made again (clear_session, tf.random.set_seed)
            declare = "%s#%d" % (base, kernel.instance)
        if declare is not None:
            seeding = _seeding(kernel.seeds, kernel.default_graph_seed, run.source)
            name = declare

            def write_declaration():
                kernel.stream = writer.declare("tensorflow", name, "philox4x32-10", material, seeding)
            session.emit(write_declaration)
        kernel.next = counter + blocks
        params = {"rate": _text(rate), "noise_shape": "[%s]" % ", ".join(str(d) for d in shape)}
        with session.consuming(path or "<top>", "mask"):
            session.write_draw(lambda: kernel.stream, counter, blocks, "dropout", "bernoulli", params, "bool", shape,
                               run.source, *session.digest_of(keep))


def _seeding(seeds, default_graph_seed, source):
    if default_graph_seed:
        return {"how": "default", "from": "default graph seed %d, op seed %d" % seeds}
    seeding = {"how": "derived", "rule": "tf.get_seed", "from": "(%d, %d)" % seeds}
    if source is not None:
        seeding["source"] = source
    return seeding


def _stateless_uniform(shape, seeds, counter, dtype):
    """What ``RandomUniform(seed, seed2)`` gives at ``counter``: TensorFlow's stateless Philox kernel
    at key ``seed``, counter ``[counter, seed2]``."""
    import tensorflow as tf
    with tf.init_scope():
        return tf.raw_ops.StatelessRandomUniformV2(
            shape=tf.constant(shape, tf.int32), key=tf.constant([seeds[0]], tf.uint64),
            counter=tf.constant([counter, seeds[1]], tf.uint64), alg=_PHILOX, dtype=tf.as_dtype(dtype)).numpy()


def _stateless_shuffle(n, seeds, counter, dtype):
    """What ``RandomShuffle(seed, seed2)`` gives for ``range(n)`` at ``counter``: ``StatelessShuffle``."""
    import tensorflow as tf
    with tf.init_scope():
        return tf.raw_ops.StatelessShuffle(
            value=tf.range(n, dtype=tf.as_dtype(dtype)), key=tf.constant([seeds[0]], tf.uint64),
            counter=tf.constant([counter, seeds[1]], tf.uint64), alg=_PHILOX).numpy()


def _same(real, regenerated):
    import numpy
    return real.shape == regenerated.shape and numpy.array_equal(real, regenerated)


def install(state):
    """Hooks tf-keras's training entry points for ``state`` (the ``tf_keras._TFKeras`` state)."""
    from tf_keras.src import backend, callbacks
    from tf_keras.src.engine import data_adapter, training as training_module
    training = Training(state)
    state.training = training
    Model = training_module.Model
    _patch_class(Model, "fit", training.wrap_fit)
    _patch_class(Model, "train_on_batch", training.wrap_train_on_batch)
    _patch_class(Model, "evaluate", lambda o: training.wrap_phase("evaluate", o))
    _patch_class(Model, "predict", lambda o: training.wrap_phase("predict", o))
    _patch_class(callbacks.CallbackList, "on_epoch_begin", training.wrap_epoch_begin)
    _patch_class(callbacks.CallbackList, "on_epoch_end", training.wrap_epoch_end)
    _patch_class(data_adapter.TensorLikeDataAdapter, "__init__", training.wrap_adapter_init)
    _patch_class(backend.RandomGenerator, "dropout", training.wrap_dropout)
