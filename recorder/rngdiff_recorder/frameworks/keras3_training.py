"""Keras 3 training (``fit``, ``train_on_batch``, ``evaluate``, ``predict``) in the engine's vocabulary.

Installed by ``keras3.install``. What a ``fit`` call writes, in the order ``rngdiff run`` writes it
(``Sources/RNGEngine/Frameworks/Keras/Training``; the rules in ``fixtures/reference/keras-fit``):

- on JAX, the first fit's symbolic-build peek: the ``np.random.permutation`` Keras draws to build
  the model from one batch, recorded by the NumPy hook with consumer ``<model>/fit/symbolic_build``
  (role ``shuffle``), before the ``fit`` phase begins (the phase brackets the epoch loop);
- phase ``fit`` (name: the model) and, per epoch, phase ``epoch`` (index: the epoch, from 1);
- the epoch's shuffle (consumer ``<model>/fit``, role ``shuffle``): on JAX the NumPy permutation
  (NumPy hook); on TensorFlow the real order the ``tf.data`` map produced, read by an identity
  ``tf.numpy_function`` placed after Keras's ``tf.random.shuffle`` when the dataset is built, on the
  stream ``tensorflow.op(seed,seed2)/RandomShuffle/int64`` keyed by the op's real ``seed`` and
  ``seed2`` attributes (a fresh kernel each epoch: declared again, counter 0);
- every training step's Dropout mask (consumer the layer's path, role ``mask``): the
  ``keras.seed_generator.next`` derivation with the generator's real state before and after the
  step, then on TensorFlow ``keras.tensorflow.cast_seed`` and the ``stateless_dropout`` draw on
  ``tensorflow.stateless(a,b)``, on JAX the ``bernoulli`` draw on ``jax.key(s,k)``. The state,
  the seed the op got and the keep mask are read inside the compiled train step (TensorFlow: an
  identity ``tf.numpy_function`` fed the real uniforms, kept where ``u >= rate`` exactly as
  TensorFlow's dropout compares them; JAX: ``jax.debug.callback`` fed the real ``bernoulli``
  output) and written in step order at the end of the epoch;
- after each epoch: a ``tensor`` event per weight (moment ``epoch``, index the epoch), then one
  ``metric`` per log (sorted by name, as Keras returns them).

``evaluate`` and ``predict`` called by the script are phases (name: the model); the validation
Keras runs inside ``fit`` is not. ``train_on_batch`` writes its masks, no phase.

Edge cases: the read-outs add no random op and change no value (the recorder's tests check that
``history`` and the weights are bit-identical to an unrecorded run). Under XLA
(``jit_compile=True``) a host callback cannot be compiled, so masks are not recorded and a
warning says so; an unseeded TensorFlow shuffle (``seed = seed2 = 0``, OS entropy) is written as
an entropy stream.
"""

import functools
import inspect
import sys
import threading

from .keras3 import _patch, _patch_class, _text, _warn
from .tensorflow import remember_key_counter
from .training_epochs import EpochRecording, numpy_copy, numpy_int, read_out


def _pair_text(pair):
    return "[%s]" % ", ".join(str(int(x)) for x in pair)


class _Run:
    """One ``fit`` (or ``train_on_batch``) call of the script's."""

    def __init__(self, model, source):
        self.model = model
        self.name = model.name
        self.source = source
        self.begun = False


class Training(EpochRecording):
    # fit, train_on_batch, the evaluate/predict phases and the epochs: training_epochs.EpochRecording
    epoch_words = "an epoch"

    def weight_name(self, run, variable):
        return variable.path

    def new_run(self, model, source):
        return _Run(model, source)

    def __init__(self, keras):
        self.keras = keras
        self.session = keras.session
        self.runs = []
        self.shuffles = []   # TensorFlow: (seed, seed2, order) in the order tf.data made them
        self.masks = []      # one tuple per Dropout call of a training step, in step order
        self.lock = threading.Lock()
        self.entropy_kernels = 0

    def wrap_symbolic_build(self, original):
        outer = self

        @functools.wraps(original)
        def _symbolic_build(model, *args, **kwargs):
            run = outer.training
            if run is None or run.begun:
                return original(model, *args, **kwargs)
            with outer.session.consuming(run.name + "/fit/symbolic_build", "shuffle"):
                return original(model, *args, **kwargs)
        return _symbolic_build

    # TensorFlow's shuffle

    def wrap_get_tf_dataset(self, original):
        outer = self

        @functools.wraps(original)
        def get_tf_dataset(adapter, *args, **kwargs):
            if outer.training is None:
                return original(adapter, *args, **kwargs)
            import tensorflow as tf
            real = tf.random.shuffle

            def shuffle(value, seed=None, name=None):
                order = real(value, seed=seed, name=name)
                try:
                    seeds = (int(order.op.get_attr("seed")), int(order.op.get_attr("seed2")))
                except Exception as error:
                    _warn("a fit shuffle's seeds", error)
                    return order

                return read_out(tf, order, lambda values: outer.keep_shuffle((seeds, values)))
            tf.random.shuffle = shuffle
            try:
                return original(adapter, *args, **kwargs)
            finally:
                tf.random.shuffle = real
        return get_tf_dataset

    def flush_shuffle(self, run):
        with self.lock:
            if not self.shuffles:
                return
            seeds, order = self.shuffles.pop(0)
        n = int(order.shape[0])
        blocks = (n - 1 + 3) // 4
        if blocks <= 0:
            return
        session, writer = self.session, self.session.writer
        if seeds == (0, 0):
            # No global seed: TensorFlow's get_seed gave (None, None) and the kernel seeds itself
            # from the OS inside the op, where the words cannot be read; one stream per kernel.
            self.entropy_kernels += 1
            name = "op(None,None)/RandomShuffle/int64"
            seed = "os entropy inside the kernel (not observable), kernel %d" % self.entropy_kernels
            seeding = {"how": "entropy"}
        else:
            name = "op(%d,%d)/RandomShuffle/int64" % seeds
            seed = "seed=%d seed2=%d" % seeds
            seeding = {"how": "derived", "rule": "tf.get_seed", "from": "(%d, %d)" % seeds}
            if run.source is not None:
                seeding["source"] = run.source
        ids = {}

        def declare():
            ids["id"] = writer.declare("tensorflow", name, "philox4x32-10", seed, seeding)
        session.emit(declare)
        with session.consuming(run.name + "/fit", "shuffle"):
            session.write_draw(lambda: ids["id"], 0, blocks, "shuffle", "permutation", {"value": "range(%d)" % n},
                               "int64", [n], run.source, *session.digest_of(order))

    # Dropout masks

    def dropout_layer(self, frame):
        """``<model>/<layer>`` for the layer whose ``call`` is running (the Dropout), as the engine
        names it, or None."""
        run = self.training
        while frame is not None and run is not None:
            owner = frame.f_locals.get("self")
            if isinstance(owner, self.keras.Layer) and not isinstance(owner, self.keras.Model):
                return "%s/%s" % (run.name, owner.name)
            frame = frame.f_back
        return None

    def wrap_tf_dropout(self, original):
        outer = self

        @functools.wraps(original)
        def dropout(inputs, rate, noise_shape=None, seed=None):
            run = outer.training
            if run is None or not isinstance(seed, outer.keras.sg.SeedGenerator) or not outer.keras.tracing() \
                    or not isinstance(rate, (int, float)) or not 0 < rate < 1:
                return original(inputs, rate, noise_shape, seed)
            if getattr(run.model, "jit_compile", False):
                _warn("Dropout masks under XLA (jit_compile=True)", RuntimeError("a host callback cannot be compiled"))
                return original(inputs, rate, noise_shape, seed)
            import tensorflow as tf
            from tensorflow.python.ops import stateless_random_ops as ops
            path = outer.dropout_layer(sys._getframe(1))
            before = tf.identity(seed.state.value)
            real = ops.stateless_random_uniform
            got = {}

            def uniform(*args, **kwargs):
                u = real(*args, **kwargs)
                got["u"], got["seed"] = u, kwargs.get("seed", args[1] if len(args) > 1 else None)
                return u
            ops.stateless_random_uniform = uniform
            try:
                out = original(inputs, rate, noise_shape, seed)
            finally:
                ops.stateless_random_uniform = real
            if "u" not in got or got["seed"] is None:
                return out
            after = tf.identity(seed.state.value)
            keep = tf.math.greater_equal(got["u"], tf.cast(rate, got["u"].dtype))
            name, rate_text = seed.name, _text(rate)

            def read(state, new_state, cast, mask, key, counter):
                remember_key_counter(cast, key, counter)
                with outer.lock:
                    outer.masks.append(("tensorflow", path, name, tuple(int(v) for v in state),
                                        tuple(int(v) for v in new_state), tuple(int(v) for v in cast),
                                        numpy_copy(mask), {"rate": rate_text}))
                return numpy_int(0)
            # The seed's key and counter from TensorFlow's own derivation, run in the graph beside
            # the draw (an eager op per mask when the epoch's draws are written costs more).
            key, counter = tf.raw_ops.StatelessRandomGetKeyCounter(seed=tf.cast(got["seed"], tf.int32))
            done = tf.numpy_function(read, [before, after, got["seed"], keep, key, counter], tf.int64, stateful=True)
            with tf.control_dependencies([done]):
                return tf.identity(out)
        return dropout

    def wrap_jax_dropout(self, original):
        outer = self

        @functools.wraps(original)
        def dropout(inputs, rate, noise_shape=None, seed=None):
            run = outer.training
            if run is None or not isinstance(seed, outer.keras.sg.SeedGenerator) or not outer.keras.tracing() \
                    or not isinstance(rate, (int, float)) or not 0 < rate < 1:
                return original(inputs, rate, noise_shape, seed)
            import jax
            path = outer.dropout_layer(sys._getframe(1))
            before = seed.state.value
            real = jax.random.bernoulli
            got = {}

            def bernoulli(key, p=0.5, shape=None, *args, **kwargs):
                mask = real(key, p, shape, *args, **kwargs)
                got["mask"], got["p"], got["mode"] = mask, p, kwargs.get("mode", _default_mode(real))
                return mask
            jax.random.bernoulli = bernoulli
            try:
                out = original(inputs, rate, noise_shape, seed)
            finally:
                jax.random.bernoulli = real
            if "mask" not in got:
                return out
            after = seed.state.value
            name = seed.name
            x64 = bool(getattr(jax.config, "jax_enable_x64", False))
            params = {"p": _text(got["p"]), "mode": str(got["mode"]), "dtype": "float64" if x64 else "float32"}

            def read(state, new_state, mask):
                with outer.lock:
                    outer.masks.append(("jax", path, name, tuple(int(v) for v in numpy_copy(state).ravel()),
                                        tuple(int(v) for v in numpy_copy(new_state).ravel()), None,
                                        numpy_copy(mask), params))
            jax.debug.callback(read, before, after, got["mask"])
            return out
        return dropout

    # Noise layers (GaussianNoise, GaussianDropout): each training step's normal draw

    def traced_tf_normal(self, original, bound):
        """``backend.random.normal`` called while the train step is traced by a layer with its
        SeedGenerator: the real op, plus a read-out of the generator's state before and after, the
        int32 seed the op got and the values it drew (role ``noise``, written at the epoch's end
        with the masks, in step order). None when it is not such a call (the caller runs it plainly)."""
        run, seed = self.training, bound.arguments.get("seed")
        if run is None or not isinstance(seed, self.keras.sg.SeedGenerator) or getattr(run.model, "jit_compile", False):
            return None
        path = self.dropout_layer(sys._getframe(1))
        if path is None:
            return None
        import tensorflow as tf
        before = tf.identity(seed.state.value)
        real = tf.random.stateless_normal
        got = {}

        def normal(*args, **kwargs):
            values = real(*args, **kwargs)
            got["values"], got["seed"] = values, kwargs.get("seed", args[3] if len(args) > 3 else None)
            return values
        tf.random.stateless_normal = normal
        try:
            out = original(*bound.args, **bound.kwargs)
        finally:
            tf.random.stateless_normal = real
        if "values" not in got or got["seed"] is None:
            return out
        after = tf.identity(seed.state.value)
        name = seed.name
        params = {"mean": _text(bound.arguments["mean"]), "stddev": _text(bound.arguments["stddev"]),
                  "dtype": got["values"].dtype.name}

        def read(state, new_state, cast, values):
            with self.lock:
                self.masks.append(("tensorflow-noise", path, name, tuple(int(v) for v in state),
                                   tuple(int(v) for v in new_state), tuple(int(v) for v in cast),
                                   numpy_copy(values), params))
            return numpy_int(0)
        done = tf.numpy_function(read, [before, after, got["seed"], got["values"]], tf.int64, stateful=True)
        with tf.control_dependencies([done]):
            return tf.identity(out)

    def traced_jax_normal(self, original, bound):
        """The JAX backend's ``normal`` traced in a training step by a layer with its SeedGenerator:
        ``jax.debug.callback`` receives the generator's state before and after and the standard
        normals ``jax.random.normal`` returned (before Keras scales them). None otherwise."""
        run, seed = self.training, bound.arguments.get("seed")
        if run is None or not isinstance(seed, self.keras.sg.SeedGenerator):
            return None
        path = self.dropout_layer(sys._getframe(1))
        if path is None:
            return None
        import jax
        before = seed.state.value
        real = jax.random.normal
        got = {}

        def normal(key, *args, **kwargs):
            values = real(key, *args, **kwargs)
            got["values"] = values
            return values
        jax.random.normal = normal
        try:
            out = original(*bound.args, **bound.kwargs)
        finally:
            jax.random.normal = real
        if "values" not in got:
            return out
        after = seed.state.value
        name = seed.name
        params = {"dtype": str(got["values"].dtype)}

        def read(state, new_state, values):
            with self.lock:
                self.masks.append(("jax-noise", path, name, tuple(int(v) for v in numpy_copy(state).ravel()),
                                   tuple(int(v) for v in numpy_copy(new_state).ravel()), None,
                                   numpy_copy(values), params))
        jax.debug.callback(read, before, after, got["values"])
        return out

    def flush_masks(self, run):
        keras = self.keras
        if keras.backend_name == "jax":
            try:
                import jax
                jax.effects_barrier()
            except Exception:
                pass
        with self.lock:
            masks, self.masks = self.masks, []
        session, source = self.session, run.source
        for backend, path, name, before, after, cast, keep, params in masks:
            if backend.endswith("-noise"):
                self.flush_noise(backend, path, name, before, after, cast, keep, params, source)
                continue
            with session.consuming(path or "<top>", "mask"):
                session.derivation("keras.seed_generator.next",
                                   {"generator": name, "state": _pair_text(before), "ordered": "True"},
                                   "%s (state becomes %s)" % (_pair_text(before), _pair_text(after)), source=source)
                shape = [int(d) for d in keep.shape]
                if backend == "tensorflow":
                    session.derivation("keras.tensorflow.cast_seed", {"seed": _pair_text(before)}, _pair_text(cast),
                                       source=source)
                    drawn = dict(params, noise_shape=_pair_text(shape))
                    keras.tf_streams.draw("stateless_dropout", "bernoulli", drawn, "bool", shape, cast,
                                          keep.astype(bool), source)
                else:
                    keras.jax_streams.draw("bernoulli", "bernoulli", dict(params), "bool", shape, before,
                                           keep.astype(bool), source)


def _flush_noise(self, backend, path, name, before, after, cast, values, params, source):
    """The events of one noise draw, as the engine writes them (role ``noise``)."""
    session, keras = self.session, self.keras
    with session.consuming(path or "<top>", "noise"):
        session.derivation("keras.seed_generator.next", {"generator": name, "state": _pair_text(before), "ordered": "True"},
                           "%s (state becomes %s)" % (_pair_text(before), _pair_text(after)), source=source)
        shape = [int(d) for d in values.shape]
        dtype = str(values.dtype)
        if backend == "tensorflow-noise":
            session.derivation("keras.tensorflow.cast_seed", {"seed": _pair_text(before)}, _pair_text(cast), source=source)
            keras.tf_streams.draw("stateless_normal", "normal", dict(params), dtype, shape, cast, values, source)
        else:
            keras.jax_streams.draw("normal", "normal", dict(params), dtype, shape, before, values, source)


Training.flush_noise = _flush_noise



def _default_mode(bernoulli):
    try:
        parameter = inspect.signature(bernoulli).parameters.get("mode")
        return parameter.default if parameter is not None else "low"
    except (TypeError, ValueError):
        return "low"


def install(keras):
    """Hooks Keras 3's training entry points for ``keras`` (the ``keras3._Keras`` state)."""
    import importlib
    training = Training(keras)
    keras.training = training
    trainer_module = importlib.import_module("keras.src.backend.%s.trainer" % keras.backend_name)
    trainer = {"tensorflow": "TensorFlowTrainer", "jax": "JAXTrainer"}.get(keras.backend_name)
    cls = getattr(trainer_module, trainer, None) if trainer else None
    if cls is None:
        return
    _patch_class(cls, "fit", training.wrap_fit)
    _patch_class(cls, "train_on_batch", training.wrap_train_on_batch)
    _patch_class(cls, "evaluate", lambda o: training.wrap_phase("evaluate", o))
    _patch_class(cls, "predict", lambda o: training.wrap_phase("predict", o))
    from keras.src.trainers.trainer import Trainer
    _patch_class(Trainer, "_symbolic_build", training.wrap_symbolic_build)
    from keras.src.callbacks.callback_list import CallbackList
    _patch_class(CallbackList, "on_epoch_begin", training.wrap_epoch_begin)
    _patch_class(CallbackList, "on_epoch_end", training.wrap_epoch_end)
    random = importlib.import_module("keras.src.backend.%s.random" % keras.backend_name)
    if keras.backend_name == "tensorflow":
        from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
        _patch_class(ArrayDataAdapter, "get_tf_dataset", training.wrap_get_tf_dataset)
        _patch(random, "dropout", training.wrap_tf_dropout)
    else:
        _patch(random, "dropout", training.wrap_jax_dropout)
