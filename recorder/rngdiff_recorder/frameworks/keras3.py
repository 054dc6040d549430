"""Keras 3 on the TensorFlow or JAX backend: seeds, initializer draws and weights after build.

Hooked when the script imports ``keras``. What is recorded, in the engine's vocabulary
(KerasStreams, ``rngdiff run``):

- **Default seeds.** ``make_default_seed()`` (an initializer or a ``SeedGenerator`` made without a
  seed) draws ``random.randint(1, 10**9)`` from Python's global ``random``; the draw is recorded
  by the ``random`` hook, with consumer the layer being constructed (``dense``, ``dropout``, role
  ``seed``) or the weight an ``add_weight(initializer="name")`` is making, followed by a
  ``keras.make_default_seed`` derivation naming the initializer class or the generator.
- **``keras.utils.set_random_seed(s)``**: Python's stream declared with that call, a
  ``keras.utils.set_random_seed`` derivation, then NumPy's ``np.random.seed(s)``.
- **Seeds to ops.** ``draw_seed``: ``keras.draw_seed`` (an int seed → ``[s, 0]``),
  ``keras.seed_generator.next`` or ``keras.global_seed_generator.next`` (a generator's state and
  what it becomes); on TensorFlow ``keras.tensorflow.cast_seed`` (the int32 seed the op gets).
- **Initializer draws**: the backend's ``uniform``, ``normal`` and ``truncated_normal`` on the
  stream the seed keys (``tensorflow.stateless(a,b)``, see ``tensorflow.py``; ``jax.key(a,b)``, see
  ``jax.py``), consumer the weight path (``sequential/dense/kernel``), role ``init``, digest of the
  values the op returned (before Keras scales a JAX normal).
- **Weights after build**: a ``tensor`` event (moment ``init``) per weight not recorded before, in
  ``model.weights`` order, when a model finishes building at the script's level (``Sequential``
  made or grown, ``build``, ``keras.Model(inputs, outputs)``, a subclassed model's first call).
- Draws libraries make while Keras imports them (Rich's word from ``random``, JAX's five NumPy
  doubles) are recorded by the ``random`` and NumPy hooks with consumer ``import <module>``
  (``Session.importing``).

    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)])
    # python.global~2 declared, derivation, numpy.global declared; randint for "dense";
    # keras.make_default_seed; keras.draw_seed; keras.tensorflow.cast_seed;
    # tensorflow.stateless(…,0) declared; tf.stateless.GenerateKey; stateless_uniform for
    # "sequential/dense/kernel"; tensor events for the kernel and the bias.

Where the engine's conventions are followed rather than derived (they are the shared vocabulary):
derivations during a built-in layer's build keep the caller's consumer (only draws name the weight),
while a script-defined layer's ``add_weight`` names the weight for both; a draw's ``source`` is the
first line of the script's statement (``callsite.py``).

Training (``fit``'s phases, shuffles, Dropout masks, per-epoch weights and logs; ``evaluate`` and
``predict`` phases) is recorded by ``keras3_training.py``. Limits: variables initialized lazily (in a stateless scope)
are recorded with the consumer current when they initialize.
"""

import contextlib
import functools
import inspect
import sys

from ..session import TOP, Consumer
from . import jax as jax_streams
from . import tensorflow as tf_streams

MODULES = ("keras",)


def _text(value):
    """A parameter as Python prints it (``-0.05``, ``0``, ``0.0``)."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    try:
        import numpy
        a = numpy.asarray(value)
        if a.shape == ():
            return repr(a.item())
    except Exception:
        pass
    return str(value)


def _pair(tensor):
    """A seed tensor's values as ints; a symbolic tensor (a graph being built) through its
    constant value, or None when it has none."""
    import numpy
    try:
        return tuple(int(x) for x in numpy.asarray(tensor).ravel().tolist())
    except Exception:
        pass
    if "tensorflow" not in type(tensor).__module__:
        return None
    try:
        import tensorflow as tf
        value = tf.get_static_value(tensor)
    except Exception:
        value = None
    return None if value is None else tuple(int(x) for x in numpy.asarray(value).ravel().tolist())


_warned = set()


def _warn(what, error):
    """One warning per kind of failure: the recorder never breaks the script's run."""
    if what not in _warned:
        _warned.add(what)
        sys.stderr.write("rngdiff record: warning: could not record %s (%s: %s); the run goes on\n"
                         % (what, type(error).__name__, error))


def _pair_text(pair):
    return "[%s]" % ", ".join(str(x) for x in pair)


def _numpy(value):
    import numpy
    if hasattr(value, "numpy"):
        return numpy.asarray(value.numpy())
    return numpy.asarray(value)


class _Keras:
    def __init__(self, session, module):
        from keras.src import backend
        from keras.src.layers.layer import Layer
        from keras.src.models.model import Model
        from keras.src.random import seed_generator
        self.session = session
        self.backend_name = backend.backend()
        self.backend = backend
        self.Layer, self.Model = Layer, Model
        self.sg = seed_generator
        self.adding = []          # (layer is built-in, consumer waiting for the weight's path)
        self.build_depth = 0
        self.deferred = {}        # id(variable) -> made by a built-in layer, for variables initialized later
        self.recorded_weights = set()
        self.initial_values = {}  # path -> value, of variables made while TensorFlow traces
        self.pending_seed = None  # the int32 seed a TensorFlow op is about to get
        self.tf_streams = tf_streams.StatelessStreams(session)
        self.jax_streams = jax_streams.key_streams(session)

    def tracing(self):
        """Whether the backend is tracing now (TensorFlow building a graph: a subclassed model's
        symbolic call, a ``tf.function``; JAX tracing a jitted function, as ``fit`` does): ops made
        then draw nothing until the graph runs, and a graph Keras only traces for shapes never
        runs, so they are not recorded. The variables such a call creates are initialized eagerly
        when it ends, and those draws are recorded."""
        try:
            if self.backend_name == "jax":
                from keras.src.utils import jax_utils
                return jax_utils.is_in_jax_tracing_scope()
            if self.backend_name == "tensorflow":
                import tensorflow as tf
                return not tf.executing_eagerly()
        except Exception:
            return True  # unknown: record nothing rather than break the run
        return False

    # Default seeds and set_random_seed

    def constructing_layer(self, frame):
        """The name of the innermost built-in Keras layer whose ``__init__`` is running, or None."""
        while frame is not None:
            if frame.f_code.co_name == "__init__":
                owner = frame.f_locals.get("self")
                if isinstance(owner, self.Layer) and type(owner).__module__.startswith("keras."):
                    return getattr(owner, "name", None)
            frame = frame.f_back
        return None

    def wrap_make_default_seed(self, original):
        outer = self

        @functools.wraps(original)
        def make_default_seed():
            session = outer.session
            caller = sys._getframe(1)
            owner = caller.f_locals.get("self")
            if isinstance(owner, outer.sg.SeedGenerator):
                asker = owner.name
            elif owner is not None:
                asker = type(owner).__name__
            else:
                asker = caller.f_code.co_name
            layer = outer.constructing_layer(caller) if session.consumer is TOP else None
            context = session.consuming(layer, "seed") if layer is not None else contextlib.nullcontext()
            with context:
                seed = original()
                session.emit(lambda: session.writer.note_drawn_seed(seed))
                session.derivation("keras.make_default_seed", {"consumer": asker, "source": "global"}, str(seed),
                                   source=session.callsite.source(1))
            return seed
        return make_default_seed

    def wrap_set_random_seed(self, original):
        outer = self

        @functools.wraps(original)
        def set_random_seed(seed):
            session = outer.session
            if not isinstance(seed, int) or isinstance(seed, bool):
                return original(seed)
            source = session.callsite.source(1)
            import importlib.util
            parts = ["random.seed(%d)" % seed, "np.random.seed(%d)" % seed]
            if importlib.util.find_spec("tensorflow") is not None:
                parts.append("tf.random.set_seed(%d)" % seed)
            if outer.backend_name == "torch":
                parts.append("torch.manual_seed(%d)" % seed)
            result = "; ".join(parts) + "; global SeedGenerator dropped"
            session.renamed_calls = {"random.seed(%d)" % seed: "keras.utils.set_random_seed(%d)" % seed}
            session.seeding_keras = True
            session.after_declare = lambda stream: session.derivation(
                "keras.utils.set_random_seed", {"seed": str(seed)}, result, stream=stream, source=source)
            try:
                return original(seed)
            finally:
                session.renamed_calls = {}
                session.after_declare = None
                session.seeding_keras = False
        return set_random_seed

    # Seeds given to ops

    def wrap_draw_seed(self, original):
        outer = self

        @functools.wraps(original)
        def draw_seed(seed):
            session = outer.session
            if outer.tracing():
                return original(seed)
            source = session.callsite.source(1)
            if isinstance(seed, int) and not isinstance(seed, bool):
                result = original(seed)
                session.derivation("keras.draw_seed", {"seed": str(seed)}, "[%d, 0]" % seed, source=source)
                return result
            generator = seed
            rule = "keras.seed_generator.next"
            if seed is None:
                try:
                    generator = outer.sg.global_seed_generator()
                except Exception:
                    return original(seed)
                rule = "keras.global_seed_generator.next"
            if not isinstance(generator, outer.sg.SeedGenerator):
                return original(seed)
            before = _pair(generator.state.value)
            result = original(seed)
            after = _pair(generator.state.value)
            if before is None or after is None:
                return result
            session.derivation(rule, {"generator": generator.name, "state": _pair_text(before),
                                      "ordered": "True" if seed is not None else "False"},
                               "%s (state becomes %s)" % (_pair_text(before), _pair_text(after)), source=source)
            return result
        return draw_seed

    def wrap_cast_seed(self, original):
        outer = self

        @functools.wraps(original)
        def _cast_seed(seed):
            result = original(seed)
            if outer.tracing():
                return result
            given = _pair(seed)
            pair = _pair(result)
            if pair is None and given is not None:  # symbolic: TensorFlow's floormod by 2**31 - 2, in Python
                pair = given if str(getattr(seed.dtype, "name", "")) == "int32" else tuple(
                    x % 2147483646 for x in given)
            if given is None or pair is None:
                return result
            outer.session.derivation("keras.tensorflow.cast_seed", {"seed": _pair_text(given)},
                                     _pair_text(pair), source=outer.session.callsite.source(1))
            outer.pending_seed = pair
            return result
        return _cast_seed

    # The backend's samplers

    def wrap_tf_sampler(self, original, op, dist, names, truncated=False):
        outer = self
        signature = inspect.signature(original)

        @functools.wraps(original)
        def sampler(*args, **kwargs):
            outer.pending_seed = None
            if outer.tracing():
                if op == "normal" and getattr(outer, "training", None) is not None:
                    bound = signature.bind(*args, **kwargs)
                    bound.apply_defaults()
                    traced = outer.training.traced_tf_normal(original, bound)
                    if traced is not None:
                        return traced
                return original(*args, **kwargs)
            values = original(*args, **kwargs)
            pending, outer.pending_seed = outer.pending_seed, None
            if pending is None:
                return values
            try:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                dtype = str(values.dtype.name)
                params = {name: _text(bound.arguments[name]) for name in names}
                params["dtype"] = dtype
                outer.tf_streams.draw("stateless_" + op, dist, params, dtype, [int(d) for d in values.shape],
                                      pending, _numpy(values), outer.session.callsite.source(1), truncated)
            except Exception as error:
                _warn("a TensorFlow %s draw" % op, error)
            return values
        return sampler

    def wrap_jax_sampler(self, original, op, dist, params_of):
        outer = self
        signature = inspect.signature(original)

        @functools.wraps(original)
        def sampler(*args, **kwargs):
            import jax
            import jax.core
            if op == "normal" and getattr(outer, "training", None) is not None and outer.tracing():
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                traced = outer.training.traced_jax_normal(original, bound)
                if traced is not None:
                    return traced
            captured = {}
            name = {"uniform": "uniform", "normal": "normal", "truncated_normal": "truncated_normal"}[op]
            real = getattr(jax.random, name)

            def spy(key, *a, **k):
                out = real(key, *a, **k)
                captured["key"], captured["out"] = key, out
                return out
            setattr(jax.random, name, spy)
            outer.jax_streams.quiet += 1  # recorded here, with the weight as consumer, not by jax.py
            try:
                values = original(*args, **kwargs)
            finally:
                setattr(jax.random, name, real)
                outer.jax_streams.quiet -= 1
            if "key" not in captured or isinstance(captured["out"], jax.core.Tracer):
                return values  # (a traced function: nothing is drawn until it runs)
            try:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                raw = captured["out"]
                dtype = str(raw.dtype)
                params = params_of(bound.arguments)
                params["dtype"] = dtype
                key = _pair(jax.random.key_data(captured["key"]) if jax.dtypes.issubdtype(
                    captured["key"].dtype, jax.dtypes.prng_key) else captured["key"])
                outer.jax_streams.draw(op, dist, params, dtype, [int(d) for d in raw.shape], key, _numpy(raw),
                                       outer.session.callsite.source(1))
            except Exception as error:
                _warn("a JAX %s draw" % op, error)
            return values
        return sampler

    # Weights

    def wrap_add_weight(self, original):
        outer = self

        @functools.wraps(original)
        def add_weight(layer, *args, **kwargs):
            initializer = kwargs.get("initializer", args[1] if len(args) > 1 else None)
            builtin = type(layer).__module__.startswith("keras.")
            waiting = None
            if initializer is None or isinstance(initializer, str):
                waiting = Consumer(None, "seed")
            outer.adding.append((builtin, waiting))
            variable = None
            try:
                if waiting is not None:
                    with outer.session.consuming(waiting, "seed"):
                        variable = original(layer, *args, **kwargs)
                else:
                    variable = original(layer, *args, **kwargs)
                return variable
            finally:
                outer.adding.pop()
                if waiting is not None and waiting.path is None:
                    outer.session.resolve(waiting, getattr(variable, "path", None) or "<top>")
                if variable is not None and getattr(variable, "_initializer", None) is not None:
                    outer.deferred[id(variable)] = builtin  # initialized later (made in a stateless scope)
        return add_weight

    def wrap_initialize(self, original):
        outer = self

        @functools.wraps(original)
        def _initialize_with_initializer(variable, initializer):
            deferred = outer.deferred.pop(id(variable), None)
            if getattr(outer, "_initializing", False) or not (outer.adding or deferred is not None):
                return original(variable, initializer)
            outer._initializing = True
            try:
                builtin, waiting = outer.adding[-1] if deferred is None else (deferred, None)
                path = variable.path
                if waiting is not None and waiting.path is None:
                    outer.session.resolve(waiting, path)
                if outer.tracing():
                    outer.replay_initializer(variable, initializer, path, builtin)
                if builtin:
                    with outer.session.drawing_for(path, "init"):
                        return original(variable, initializer)
                with outer.session.consuming(path, "init"):
                    return original(variable, initializer)
            finally:
                outer._initializing = False
        return _initialize_with_initializer

    def replay_initializer(self, variable, initializer, path, builtin):
        """A variable made while TensorFlow traces: a Sequential built by its first ``fit`` makes
        its variables inside the traced train step, and TensorFlow lifts the initializer out and
        runs it once, where the recorder's hooks do not see it. An initializer seeded by an int
        (or a constant one) is a pure function of its shape, so calling it again eagerly gives
        the same values and changes no state: that records its draw, with the seed's derivations
        at the script's level as the engine has them, and keeps the value for the weights' event.
        One seeded by a ``SeedGenerator`` (whose next draw would advance a state) is not replayed."""
        seed = getattr(initializer, "seed", None)
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            return
        try:
            import tensorflow as tf
            session = self.session
            draws = session.drawing_for(path, "init") if builtin else contextlib.nullcontext()
            with tf.init_scope(), session.consuming(TOP if builtin else Consumer(path, "init"), ""), draws:
                self.initial_values[path] = _numpy(initializer(variable.shape, dtype=variable.dtype))
        except Exception as error:
            _warn("an initializer run inside a traced function", error)

    def wrap_build(self, original, signature=True):
        """Records a model's weights when its outermost build-like call (``__init__``, ``add``,
        ``build``, ``Layer.__call__``) ends. ``signature``: the wrapper shows the original's
        signature (Keras reads ``__init__``'s with ``getfullargspec`` for a layer's config); not for
        ``build``, which Keras wraps per instance with ``functools.wraps`` (copying a
        ``__signature__``, ``self`` included, onto the bound wrapper it reads when ``fit`` builds a
        model): ``inspect`` follows ``__wrapped__`` to the original there."""
        outer = self

        @functools.wraps(original)
        def built(self, *args, **kwargs):
            outer.build_depth += 1
            try:
                result = original(self, *args, **kwargs)
            finally:
                outer.build_depth -= 1
            if outer.build_depth == 0 and isinstance(self, outer.Model):
                outer.record_weights(self)
            return result
        if signature:
            built.__signature__ = inspect.signature(original)
        return built

    def record_weights(self, model):
        try:
            weights = list(model.weights)
        except Exception:
            return
        for variable in weights:
            path = getattr(variable, "path", None)
            if path is None or path in self.recorded_weights:
                continue
            try:
                value = self.eager_value(variable)
            except Exception as error:
                _warn("the initial value of %s" % path, error)
                continue
            self.recorded_weights.add(path)
            self.session.tensor(path, "init", value)

    def eager_value(self, variable):
        """A variable's value as NumPy; for one made while TensorFlow traces (a model built by
        ``fit``), the value its initializer gave when replayed (``replay_initializer``)."""
        if self.tracing():
            return self.initial_values[variable.path]
        return _numpy(variable)

    # fit, evaluate, predict, train_on_batch (see training.py)


def _replace_everywhere(original, wrapped, package="keras"):
    """Points every reference to ``original`` in ``package``'s modules (``from … import name``
    copies; Keras' by default) to ``wrapped``."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        namespace = getattr(module, "__dict__", {})
        for attribute, value in list(namespace.items()):
            if value is original:
                namespace[attribute] = wrapped


def _patch(module, name, make):
    original = getattr(module, name, None)
    if original is None or getattr(original, "_rngdiff", False):
        return
    wrapped = make(original)
    wrapped._rngdiff = True
    _replace_everywhere(original, wrapped)


def _patch_class(cls, name, make):
    original = cls.__dict__.get(name)
    if original is not None and not getattr(original, "_rngdiff", False):
        wrapped = make(original)
        wrapped._rngdiff = True
        setattr(cls, name, wrapped)


def install(session, module):
    """Hooks Keras 3 (``module`` is ``keras``, just imported) into ``session``."""
    import importlib
    state = _Keras(session, module)
    sg = state.sg
    from keras.src.utils import rng_utils

    _patch(sg, "make_default_seed", state.wrap_make_default_seed)
    _patch(sg, "draw_seed", state.wrap_draw_seed)
    _patch(rng_utils, "set_random_seed", state.wrap_set_random_seed)
    backend_random = importlib.import_module("keras.src.backend.%s.random" % state.backend_name)
    if state.backend_name == "tensorflow":
        _patch(backend_random, "_cast_seed", state.wrap_cast_seed)
        _patch(backend_random, "uniform", lambda o: state.wrap_tf_sampler(o, "uniform", "uniform", ("minval", "maxval")))
        _patch(backend_random, "normal", lambda o: state.wrap_tf_sampler(o, "normal", "normal", ("mean", "stddev")))
        _patch(backend_random, "truncated_normal", lambda o: state.wrap_tf_sampler(
            o, "truncated_normal", "truncated_normal", ("mean", "stddev"), truncated=True))
    elif state.backend_name == "jax":
        _patch(backend_random, "uniform", lambda o: state.wrap_jax_sampler(
            o, "uniform", "uniform", lambda a: {"minval": _text(a["minval"]), "maxval": _text(a["maxval"])}))
        _patch(backend_random, "normal", lambda o: state.wrap_jax_sampler(o, "normal", "normal", lambda a: {}))
        _patch(backend_random, "truncated_normal", lambda o: state.wrap_jax_sampler(
            o, "truncated_normal", "truncated_normal", lambda a: {"lower": "-2.0", "upper": "2.0"}))

    _patch_class(state.Layer, "add_weight", state.wrap_add_weight)
    for cls in state.backend.Variable.__mro__:  # the backend's class and the common one both define it
        _patch_class(cls, "_initialize_with_initializer", state.wrap_initialize)

    from keras.src.models.functional import Functional
    from keras.src.models.sequential import Sequential
    for cls, names in ((Sequential, ("__init__", "add", "build")), (Functional, ("__init__",)),
                       (state.Layer, ("__call__",))):
        for name in names:
            _patch_class(cls, name, lambda original, n=name: state.wrap_build(original, signature=n != "build"))
    from . import keras3_training
    keras3_training.install(state)
