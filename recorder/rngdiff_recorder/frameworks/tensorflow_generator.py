"""TensorFlow's ``tf.random.Generator``: each generator a Philox stream, its draws counted from its
real state.

Hooked when the script imports ``tensorflow``. In the engine's vocabulary (TensorFlowStreams,
``rngdiff sample tensorflow``):

- **Generators**: every ``tf.random.Generator`` made while eager is the stream ``generator#N``
  (framework ``tensorflow``, algorithm ``philox4x32-10``, numbered in creation order, the global
  generator too), seed ``state=[c0, c1, key]`` (the state TensorFlow made, read back from the
  generator). Seeding: ``Generator.from_seed(1234)``, ``Generator.from_state(…)``,
  ``Generator.from_key_counter(...)`` or ``Generator(state=…, alg=…)`` as explicit calls;
  ``from_non_deterministic_state()`` (and ``get_global_generator()`` before any
  ``set_global_generator``) as entropy; ``Generator(copy_from=g)`` derived from ``g``'s stream;
  ``g.split(n)`` draws the children's keys from ``g`` and declares each child ``derived`` after a
  ``tf.random.Generator.split`` derivation (inputs ``parent``, ``index``).
- **Draws**: ``uniform`` (distribution ``uniform``, or ``integers`` for an integer dtype with
  bounds), ``normal``, ``truncated_normal``, ``uniform_full_int`` (``bits``; also what
  ``make_seeds`` and ``split`` draw), as ``Generator.<method>`` with the parameters the call gave
  (``minval``, ``maxval``, ``mean``, ``stddev``, ``dtype``) and the digest of the tensor returned.
- **Counters** are Philox blocks read from the real state: the state's first two words are a
  128-bit counter (``c0 + 2**64 * c1``, as unsigned words) that each call advances, so a draw's
  ``count`` is the counter after minus the counter before, and its ``counter`` the counter before
  minus the one the stream started at. ``skip(delta)`` moves the counter without a draw, which the
  next draw's counter shows as a gap.
- ``reset(state)``, ``reset_from_seed(seed)``, ``reset_from_key_counter(...)`` start the stream
  ``generator#N/resetK`` (the K-th reset), seeded by the call (``generator#1.reset_from_seed(7)``).

    g = tf.random.Generator.from_seed(1234)   # stream generator#1, seed state=[1234, 0, 0]
    g.uniform((3,))                           # draw at counter 0, count 768 (3 elements × 256)

Limits: generators made or used inside a ``tf.function`` (graph mode) and ``binomial`` are not
recorded; the ThreeFry algorithm is recorded with the Philox name (TensorFlow's CPU kernels do not
run it).
"""

import functools
import inspect
import sys

from ..session import Stream
from .keras3 import _numpy, _text, _warn

MODULES = ("tensorflow",)

_MASK64 = (1 << 64) - 1
_MASK128 = (1 << 128) - 1


def _eager():
    try:
        import tensorflow as tf
        return tf.executing_eagerly()
    except Exception:
        return False


def _state(generator):
    """The generator's state as signed int64s, from its variable."""
    return [int(x) for x in generator.state.numpy().ravel().tolist()]


def _counter(state):
    return ((state[0] & _MASK64) | ((state[1] & _MASK64) << 64)) if len(state) >= 3 else 0


def _state_text(state):
    return "state=[%s]" % ", ".join(str(x) for x in state)


def _blocks(before, after, hint=None):
    return (_counter(after) - _counter(before)) & _MASK128


class _Generators:
    def __init__(self, session, module):
        from tensorflow.python.ops import stateful_random_ops
        self.session = session
        self.ops = stateful_random_ops
        self.made = 0
        self.seeding = []   # what the creation call running says about the next generator

    def stream_of(self, generator):
        return generator.__dict__.get("_rngdiff_stream")

    def new_stream(self, generator, name):
        stream = Stream("tensorflow", name, "philox4x32-10", lambda: _state(generator), _blocks, "entropy")
        stream.base_name = name
        stream.resets = 0
        generator.__dict__["_rngdiff_stream"] = stream
        return stream

    # Creation

    def wrap_creator(self, original, describe):
        """A classmethod (``from_seed``, …): says how the generator it makes is seeded."""
        outer = self
        function = original.__func__

        @functools.wraps(function)
        def creator(cls, *args, **kwargs):
            outer.seeding.append(describe(args, kwargs))
            try:
                return function(cls, *args, **kwargs)
            finally:
                outer.seeding.pop()
        return classmethod(creator)

    def wrap_init(self, original):
        outer = self

        @functools.wraps(original)
        def __init__(generator, copy_from=None, state=None, alg=None):
            original(generator, copy_from=copy_from, state=state, alg=alg)
            if not _eager() or outer.session.depth:
                return
            try:
                outer.created(generator, copy_from, state, alg)
            except Exception as error:
                _warn("a tf.random.Generator", error)
        __init__.__signature__ = inspect.signature(original)
        return __init__

    def created(self, generator, copy_from, state, alg):
        session = self.session
        self.made += 1
        stream = self.new_stream(generator, "generator#%d" % self.made)
        material = _state_text(_state(generator))
        source = session.callsite.source(2)
        how = self.seeding[-1] if self.seeding else None
        if how is None:
            if copy_from is not None:
                parent = self.stream_of(copy_from)
                how = ("derived", "tf.random.Generator(copy_from=)", parent.name if parent else "a generator")
            else:
                how = ("call", "Generator(state=%s, alg=%s)" % (_text(state), _text(alg)))
        if how[0] == "entropy":
            session.declare(stream, material, {"how": "entropy"})
        elif how[0] == "call":
            session.declare(stream, material, session.seeding(how[1], source))
        elif how[0] == "split":
            parent, index = how[1], how[2]
            how[2] += 1
            seeding = {"how": "derived", "rule": "tf.random.Generator.split", "from": "%s key %d" % (parent, index)}
            if source:
                seeding["source"] = source
            session.declare(stream, material, seeding)
            session.derivation("tf.random.Generator.split", {"parent": parent, "index": str(index)}, material,
                               stream=stream, source=source)
        else:
            seeding = {"how": "derived", "rule": how[1], "from": how[2]}
            if source:
                seeding["source"] = source
            session.declare(stream, material, seeding)

    def wrap_split(self, original):
        outer = self

        @functools.wraps(original)
        def split(generator, count=1):
            parent = outer.stream_of(generator)
            outer.seeding.append(["split", parent.name if parent else "a generator", 0])
            try:
                return original(generator, count)
            finally:
                outer.seeding.pop()
        return split

    def wrap_reset(self, original, name):
        outer = self

        @functools.wraps(original)
        def reset(generator, *args, **kwargs):
            result = original(generator, *args, **kwargs)
            stream = outer.stream_of(generator)
            if stream is None or not _eager():
                return result
            try:
                stream.resets += 1
                stream.name = "%s/reset%d" % (stream.base_name, stream.resets)
                shown = ", ".join([_text(a) for a in args] + ["%s=%s" % (k, _text(v)) for k, v in kwargs.items()])
                if name == "reset_from_key_counter":
                    shown = "..."
                call = "%s.%s(%s)" % (stream.base_name, name, shown)
                outer.session.declare(stream, _state_text(_state(generator)),
                                      outer.session.seeding(call, outer.session.callsite.source(1)))
            except Exception as error:
                _warn("a tf.random.Generator reset", error)
            return result
        return reset

    # Draws

    def wrap_sampler(self, original, method):
        outer = self
        signature = inspect.signature(original)

        def describe(result, before, args, kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            a = bound.arguments
            import tensorflow as tf
            dtype = tf.as_dtype(a["dtype"])
            op, dist = "Generator." + method, method
            if method == "uniform":
                if dtype.is_integer and a["minval"] is None:
                    op, dist = "Generator.uniform_full_int", "bits"
                    params = {"dtype": dtype.name}
                else:
                    dist = "integers" if dtype.is_integer else "uniform"
                    params = {"minval": _text(a["minval"]), "maxval": _text(a["maxval"]), "dtype": dtype.name}
            elif method == "uniform_full_int":
                dist = "bits"
                params = {"dtype": dtype.name}
            else:
                params = {"mean": _text(a["mean"]), "stddev": _text(a["stddev"]), "dtype": dtype.name}
            array = _numpy(result)
            return op, dist, params, None, [int(d) for d in array.shape], array

        @functools.wraps(original)
        def sampler(generator, *args, **kwargs):
            stream = outer.stream_of(generator)
            if stream is None or not _eager():
                return original(generator, *args, **kwargs)
            bound_args = (generator,) + args
            return outer.session.draw(stream, describe, original, bound_args, kwargs)
        return sampler


def _describe_from_seed(args, kwargs):
    seed = args[0] if args else kwargs.get("seed")
    return ("call", "Generator.from_seed(%s)" % _text(seed))


def _describe_from_state(args, kwargs):
    state = args[0] if args else kwargs.get("state")
    return ("call", "Generator.from_state(%s)" % _text(state))


def install(session, module):
    """Hooks ``tf.random.Generator`` of ``module`` (``tensorflow``, just imported) into ``session``."""
    try:
        state = _Generators(session, module)
    except Exception as error:
        _warn("tf.random.Generator", error)
        return
    cls = state.ops.Generator
    if getattr(cls, "_rngdiff", False):
        return
    cls._rngdiff = True
    cls.from_seed = state.wrap_creator(cls.__dict__["from_seed"], _describe_from_seed)
    cls.from_state = state.wrap_creator(cls.__dict__["from_state"], _describe_from_state)
    cls.from_key_counter = state.wrap_creator(cls.__dict__["from_key_counter"],
                                              lambda a, k: ("call", "Generator.from_key_counter(...)"))
    cls.from_non_deterministic_state = state.wrap_creator(cls.__dict__["from_non_deterministic_state"],
                                                          lambda a, k: ("entropy",))
    cls.__init__ = state.wrap_init(cls.__dict__["__init__"])
    cls.split = state.wrap_split(cls.__dict__["split"])
    for name in ("reset", "reset_from_seed", "reset_from_key_counter"):
        setattr(cls, name, state.wrap_reset(cls.__dict__[name], name))
    for method in ("uniform", "normal", "truncated_normal", "uniform_full_int"):
        setattr(cls, method, state.wrap_sampler(cls.__dict__[method], method))
