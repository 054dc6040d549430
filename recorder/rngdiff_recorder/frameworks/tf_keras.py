"""tf-keras (Keras 2, ``import tf_keras``; ``tf.keras`` with ``TF_USE_LEGACY_KERAS=1``): seeds,
initializer draws and weights after build, in the engine's vocabulary (``rngdiff run``'s tf-keras
profile, docs/frameworks/tf-keras.md).

Hooked when the script (or TensorFlow, for ``tf.keras`` under ``TF_USE_LEGACY_KERAS=1``) imports
``tf_keras``. What is recorded:

- **``tf_keras.utils.set_random_seed(s)``**: Python's stream declared with that call, then the
  stream ``tf-keras.seed-generator`` (the private ``random.Random(s)`` tf-keras keeps for its
  initializers' seeds, seed ``init_by_array([s])``), a ``tf_keras.utils.set_random_seed``
  derivation on it, then NumPy's ``np.random.seed(s)``. The seed generator's draws are read from
  its real state, as Python's own streams are.
- **Initializer seeds**: an initializer without a seed fixes one at its first call (when the layer
  is built): ``randint(1, 10**9)`` from the seed generator after ``set_random_seed``, otherwise
  from Python's global ``random``. That draw (consumer the weight being made, role ``init``) is
  followed by a ``tf_keras.RandomGenerator._create_seed`` derivation (``consumer``: the
  initializer's class, ``source``: ``seed-generator`` or ``global``; result the seed).
- **Initializer draws**: the stateless op the initializer runs (``stateless_uniform``,
  ``stateless_normal``, ``stateless_truncated_normal``) on ``tensorflow.stateless(seed,0)``, with
  the parameters the initializer passed and the digest of the values TensorFlow returned.
- **Weights after build**: one ``tensor`` (moment ``init``) per weight not recorded before, when a
  ``Sequential`` is made, grown or built (also by its first ``fit``, while the train function is
  traced: the values are read outside that graph), or a functional ``Model`` is made, at the
  script's level. Names as the engine writes them: a ``Sequential``'s weights under its name
  (``sequential/dense/kernel``), a functional model's by layer (``dense_5/kernel``).

    tf_keras.utils.set_random_seed(42)
    model = tf_keras.Sequential([tf_keras.Input((3,)), tf_keras.layers.Dense(4)])
    # python.global~2, tf-keras.seed-generator and the derivation; numpy.global~2; randint on the
    # seed generator for sequential/dense/kernel; _create_seed; tensorflow.stateless(…,0),
    # tf.stateless.GenerateKey, stateless_uniform; tensors sequential/dense/kernel and …/bias.

Training (``fit``'s phases, its shuffle and Dropout kernels with their counters confirmed, per-epoch
weights and logs; ``evaluate`` and ``predict`` phases) is recorded by ``tf_keras_training.py``.

Limits: a ``Dropout`` called by the script and initializers called inside a ``tf.function`` are
not recorded yet; an initializer seed that does not fit an int32 (``GlorotUniform(seed=2**40)``) is
warned about and its draw left out.
"""

import functools
import inspect
import sys

from ..mt19937 import counter, same_state
from ..session import Stream
from . import python_random
from . import tensorflow as tf_streams
from . import tf_keras_training
from .keras3 import _numpy, _patch_class, _replace_everywhere, _text, _warn

MODULES = ("tf_keras",)

_RULE_SEED = "tf_keras.RandomGenerator._create_seed"


class _TFKeras:
    def __init__(self, session):
        from tf_keras.src import backend
        from tf_keras.src.engine import base_layer, functional, sequential, training
        from tf_keras.src.initializers import initializers
        self.session = session
        self.backend = backend
        self.Sequential = sequential.Sequential
        self.Functional = functional.Functional
        self.Layer = base_layer.Layer
        self.Model = training.Model
        self.Initializer = initializers.Initializer
        self.tf_streams = tf_streams.StatelessStreams(session)
        self.models = []          # the Sequential models being made, grown or built (innermost last)
        self.depth = 0            # model calls running (weights are written when the outermost ends)
        self.recorded = set()     # ids of variables whose initial value was written

    # set_random_seed

    def wrap_set_random_seed(self, original):
        outer = self

        @functools.wraps(original)
        def set_random_seed(seed):
            session = outer.session
            if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 1 << 32:
                return original(seed)  # tf-keras or NumPy refuses it (after seeding random, which the random hook records)
            source = session.callsite.source(1)
            call = "tf_keras.utils.set_random_seed(%d)" % seed
            result = ("random.seed(%d); np.random.seed(%d); tf.random.set_seed(%d); seed generator = Random(%d)"
                      % (seed, seed, seed, seed))
            # The generator tf-keras makes last is declared right after Python's stream, as the
            # engine writes it; its state is read from a twin until the real one exists.
            twin = python_random._OriginalRandom(seed)
            holder = {"generator": twin}

            def read():
                state = python_random._OriginalRandom.getstate(holder["generator"])[1]
                return state, state[624]
            stream = Stream("tf-keras", "seed-generator", "mt19937", read, counter(python_random._shadow),
                            "entropy", same_state)

            def declare_generator(python_stream):
                material, _ = python_random._describe_seed(seed, 2, read()[0])
                session.declare(stream, material, {"how": "explicit", "call": call, "source": source})
                session.derivation("tf_keras.utils.set_random_seed", {"seed": str(seed)}, result, stream=stream,
                                   source=source)
            session.renamed_calls = {"random.seed(%d)" % seed: call}
            session.seeding_keras = True
            session.after_declare = declare_generator
            try:
                value = original(seed)
            finally:
                session.renamed_calls = {}
                session.after_declare = None
                session.seeding_keras = False
            generator = getattr(outer.backend._SEED_GENERATOR, "generator", None)
            if generator is not None:
                holder["generator"] = generator
                generator.__dict__["_rngdiff_stream"] = stream  # its draws are recorded on this stream
            return value
        return set_random_seed

    # Seeds and draws of the initializers

    def initializer_name(self, frame):
        """The class of the initializer whose call is running (``GlorotUniform``), or None."""
        while frame is not None:
            owner = frame.f_locals.get("self")
            if isinstance(owner, self.Initializer):
                return type(owner).__name__
            frame = frame.f_back
        return None

    def wrap_create_seed(self, original):
        outer = self

        @functools.wraps(original)
        def _create_seed(generator, user_specified_seed):
            if user_specified_seed is not None:
                return original(generator, user_specified_seed)
            session = outer.session
            asker = outer.initializer_name(sys._getframe(1))
            kept = getattr(outer.backend._SEED_GENERATOR, "generator", None)
            seed = original(generator, user_specified_seed)
            # The seed is the value of the randint just drawn: streams keyed by it are "drawn".
            session.emit(lambda: session.writer.note_drawn_seed(seed))
            if asker is not None:
                session.derivation(_RULE_SEED, {"consumer": asker, "source": "seed-generator" if kept else "global"},
                                   str(seed), source=session.callsite.source(1))
            return seed
        return _create_seed

    def wrap_sampler(self, original, op, dist, names, truncated=False):
        outer = self
        signature = inspect.signature(original)

        @functools.wraps(original)
        def sampler(generator, *args, **kwargs):
            values = original(generator, *args, **kwargs)
            try:
                bound = signature.bind(generator, *args, **kwargs)
                bound.apply_defaults()
                if generator._rng_type != generator.RNG_STATELESS or bound.arguments.get("nonce"):
                    return values
                import tensorflow as tf
                if not tf.executing_eagerly():
                    return values
                seed = (int(generator._seed), 0)
                if not -(1 << 31) <= seed[0] < (1 << 31):
                    raise ValueError("seed %d does not fit an int32" % seed[0])
                dtype = str(values.dtype.name)
                params = {name: _text(bound.arguments[name]) for name in names}
                params["dtype"] = dtype
                outer.tf_streams.draw(op, dist, params, dtype, [int(d) for d in values.shape], seed,
                                      _numpy(values), outer.session.callsite.source(1), truncated)
            except Exception as error:
                _warn("a tf-keras %s draw" % op, error)
            return values
        return sampler

    # Weights

    def weight_path(self, layer, name):
        prefix = self.models[-1].name + "/" if self.models else ""
        return "%s%s/%s" % (prefix, layer.name, name)

    def wrap_add_weight(self, original):
        outer = self

        @functools.wraps(original)
        def add_weight(layer, *args, **kwargs):
            name = kwargs.get("name", args[0] if args else None)
            if name is None:
                return original(layer, *args, **kwargs)
            with outer.session.consuming(outer.weight_path(layer, name), "init"):
                return original(layer, *args, **kwargs)
        return add_weight

    def wrap_model_call(self, original, sequential):
        outer = self

        @functools.wraps(original)
        def call(model, *args, **kwargs):
            outer.depth += 1
            if sequential:
                outer.models.append(model)
            try:
                return original(model, *args, **kwargs)
            finally:
                if sequential:
                    outer.models.pop()
                outer.depth -= 1
                if outer.depth == 0:
                    outer.record_weights(model, sequential)
        call.__signature__ = inspect.signature(original)
        return call

    def record_weights(self, model, sequential):
        if not getattr(model, "built", False):
            return
        try:
            weights = list(model.weights)
        except Exception:
            return
        for variable in weights:
            if id(variable) in self.recorded:
                continue
            name = variable.name.split(":")[0]
            if sequential:
                name = model.name + "/" + name
            try:
                value = _eager_value(variable)
            except Exception as error:
                _warn("the initial value of %s" % name, error)
                continue
            self.recorded.add(id(variable))
            self.session.tensor(name, "init", value)


def _eager_value(variable):
    """A variable's value, read eagerly also while a graph is being traced (a Sequential that
    ``fit`` builds from the data makes its variables while the train function is traced; they are
    initialized eagerly, outside that graph)."""
    import tensorflow as tf
    with tf.init_scope():
        return _numpy(variable)


def install(session, module):
    """Hooks tf-keras (``module`` is ``tf_keras``, just imported) into ``session``."""
    from tf_keras.src.engine import base_layer
    from tf_keras.src.utils import tf_utils
    state = _TFKeras(session)
    session.tf_keras = state

    original = tf_utils.set_random_seed
    if not getattr(original, "_rngdiff", False):
        wrapped = state.wrap_set_random_seed(original)
        wrapped._rngdiff = True
        _replace_everywhere(original, wrapped, package="tf_keras")

    generator = state.backend.RandomGenerator
    _patch_class(generator, "_create_seed", state.wrap_create_seed)
    _patch_class(generator, "random_uniform", lambda o: state.wrap_sampler(
        o, "stateless_uniform", "uniform", ("minval", "maxval")))
    _patch_class(generator, "random_normal", lambda o: state.wrap_sampler(
        o, "stateless_normal", "normal", ("mean", "stddev")))
    _patch_class(generator, "truncated_normal", lambda o: state.wrap_sampler(
        o, "stateless_truncated_normal", "truncated_normal", ("mean", "stddev"), truncated=True))
    _patch_class(base_layer.Layer, "add_weight", state.wrap_add_weight)
    for name in ("__init__", "add", "build", "_build_graph_network_for_inferred_shape"):
        _patch_class(state.Sequential, name, lambda o: state.wrap_model_call(o, True))
    _patch_class(state.Functional, "__init__", lambda o: state.wrap_model_call(o, False))
    tf_keras_training.install(state)
