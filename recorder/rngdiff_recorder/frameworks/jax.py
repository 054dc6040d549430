"""JAX keys: one stream per key, keys made and derived as derivations, samplers as draws.

A JAX key has no state: a sampler (``jax.random.uniform(key, shape)``) reads the Threefry-2x32
stream keyed by the key data ``(hi, lo)`` from the start every time. The stream is
``jax.key(hi,lo)``, declared with seed ``threefry2x32 key_data=(hi, lo); partitionable, x32`` (the
two JAX settings that change the bits, read from the real ``jax.config``) and seeding call
``key_data (hi, lo)``, as JAXStreams names it. ``count`` is the number of Threefry evaluations the
output needs: one per value when ``jax_threefry_partitionable`` is on (JAX's default), one per two
32-bit values otherwise.

Hooked when the script imports ``jax``, in JAXStreams' vocabulary:

- ``jax.random.key(s)`` / ``PRNGKey(s)``: a ``jax.key`` / ``jax.PRNGKey`` derivation (inputs
  ``seed``, ``x64``; result ``key(hi,lo)``) that declares the key's stream.
- ``split(key, num)``: a ``split`` draw on ``key``'s stream (counter 0, one evaluation per new
  key, the new key data as uint32 values), then one ``jax.split`` derivation per new key (inputs
  ``key``, ``num`` and, for several, ``index``).
- ``fold_in(key, data)``: a ``fold_in`` draw at counter ``data`` (one evaluation), then a
  ``jax.fold_in`` derivation.
- ``uniform``, ``normal``, ``truncated_normal``: a draw at counter 0 with the parameters
  (``minval``, ``maxval``; ``lower``, ``upper``; ``dtype``) and the digest of the values.

    >>> key = jax.random.key(0)                  # derivation jax.key → key(0,0)
    >>> a, b = jax.random.split(key)             # draw split on jax.key(0,0); 2 derivations
    >>> jax.random.uniform(a, (3,))              # draw uniform on jax.key(…), count 3

Edge cases: the same key used again after a draw re-declares its stream (counter back to 0), as
the engine's recorder does; calls made while JAX traces a function (``jit``, ``grad``) draw
nothing until it runs and are not recorded; other samplers (``bernoulli``, ``randint``,
``permutation``, ``choice``, ``bits``) are not recorded yet. The Keras 3 recorder (``keras3.py``)
records its backend's samplers itself, with the weights as consumers.
"""

import functools

MODULES = ("jax",)


def config_summary():
    """``"partitionable, x32"``: the settings that change what a key draws."""
    import jax
    partitionable = bool(getattr(jax.config, "jax_threefry_partitionable", True))
    x64 = bool(getattr(jax.config, "jax_enable_x64", False))
    return "%s, %s" % ("partitionable" if partitionable else "non-partitionable", "x64" if x64 else "x32")


def _evaluations(count, dtype, partitionable):
    if partitionable or dtype in ("float64", "int64", "uint64"):
        return count
    return (count + 1) // 2


def key_streams(session):
    """The run's ``KeyStreams`` (one per session, shared by the JAX and Keras recorders)."""
    streams = getattr(session, "jax_keys", None)
    if streams is None:
        streams = session.jax_keys = KeyStreams(session)
    return streams


class KeyStreams:
    """The ``jax.key(hi,lo)`` streams of one run, with where each one's last draw ended."""

    def __init__(self, session):
        self.session = session
        self.next = {}
        self.quiet = 0  # > 0 while a recorder that records a call itself runs it

    def _stream(self, key, source):
        name = "key(%d,%d)" % key
        material = "threefry2x32 key_data=(%d, %d); %s" % (key[0], key[1], config_summary())
        seeding = {"how": "explicit", "call": "key_data (%d, %d)" % key}
        if source is not None:
            seeding["source"] = source
        return name, material, seeding

    def draw(self, op, dist, params, dtype, shape, key, values, source, first=0, count=None):
        """A draw on ``key``'s stream from counter ``first`` (``count`` evaluations; by default
        those the values need)."""
        session = self.session
        writer = session.writer
        name, material, seeding = self._stream(key, source)
        if count is None:
            n = 1
            for d in shape:
                n *= int(d)
            count = _evaluations(n, dtype, config_summary().startswith("partitionable"))
        previous = self.next.get((name, material))
        ids = {}

        def declare():
            sid = writer.known("jax", name, "threefry2x32-20", material)
            if sid is None or (previous is not None and first < previous):
                sid = writer.declare("jax", name, "threefry2x32-20", material, seeding)
            ids["id"] = sid
        session.emit(declare)
        self.next[(name, material)] = first + count
        session.write_draw(lambda: ids["id"], first, count, op, dist, params, dtype, shape, source,
                           *session.digest_of(values))

    def derive(self, keys, rule, inputs, source):
        """One derivation per derived key, each declaring its key's stream when new."""
        session = self.session
        writer = session.writer
        for i, key in enumerate(keys):
            name, material, seeding = self._stream(key, source)
            ids = {}

            def declare(name=name, material=material, seeding=seeding, ids=ids):
                sid = writer.known("jax", name, "threefry2x32-20", material)
                if sid is None:
                    sid = writer.declare("jax", name, "threefry2x32-20", material, seeding)
                    self.next.setdefault((name, material), 0)
                ids["id"] = sid
            session.emit(declare)
            named = dict(inputs)
            if len(keys) > 1:
                named["index"] = str(i)
            session.derivation(rule, named, "key(%d,%d)" % key, stream=lambda ids=ids: ids["id"], source=source)


def _key_data(jax, key):
    """The uint32 key data of a typed or raw key, as a NumPy array of shape (..., 2)."""
    import numpy
    if jax.dtypes.issubdtype(key.dtype, jax.dtypes.prng_key):
        key = jax.random.key_data(key)
    return numpy.asarray(key)


def _float(value):
    return repr(float(value))


def _tuple(shape):
    shape = tuple(int(d) for d in shape)
    return "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(str(d) for d in shape) + ")"


def install(session, module):
    """Hooks ``jax.random`` of ``module`` (``jax``, just imported) into ``session``."""
    import inspect
    import jax.core
    jax = module
    random = jax.random
    streams = key_streams(session)

    def hook(name, record):
        original = getattr(random, name, None)
        if original is None or getattr(original, "_rngdiff", False):
            return
        signature = inspect.signature(original)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            out = original(*args, **kwargs)
            if streams.quiet or isinstance(out, jax.core.Tracer) or any(
                    isinstance(a, jax.core.Tracer) for a in list(args) + list(kwargs.values())):
                return out
            try:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                record(bound.arguments, out, session.callsite.source(1))
            except Exception as error:
                import sys
                sys.stderr.write("rngdiff record: warning: could not record jax.random.%s (%s: %s); the run goes on\n"
                                 % (name, type(error).__name__, error))
            return out
        wrapper._rngdiff = True
        setattr(random, name, wrapper)

    def made(rule):
        def record(arguments, out, source):
            x64 = "True" if config_summary().endswith("x64") else "False"
            data = _key_data(jax, out).ravel().tolist()
            streams.derive([tuple(data)], rule, {"seed": str(int(arguments["seed"])), "x64": x64}, source)
        return record

    def key_of(arguments):
        return tuple(_key_data(jax, arguments["key"]).ravel().tolist())

    def split(arguments, out, source):
        key = key_of(arguments)
        num = arguments.get("num", 2)
        shape = [int(num)] if isinstance(num, int) else [int(d) for d in num]
        data = _key_data(jax, out).reshape(-1, 2)
        keys = [tuple(int(w) for w in row) for row in data.tolist()]
        streams.draw("split", "keys", {"num": str(shape[0]) if len(shape) == 1 else _tuple(shape)}, "uint32",
                     shape + [2], key, data, source, count=len(keys))
        streams.derive(keys, "jax.split", {"key": "key(%d,%d)" % key, "num": _tuple(shape)}, source)

    def fold_in(arguments, out, source):
        key = key_of(arguments)
        word = int(arguments["data"]) & 0xFFFFFFFF
        data = _key_data(jax, out).ravel()
        streams.draw("fold_in", "keys", {"data": str(word)}, "uint32", [2], key, data, source, first=word, count=1)
        streams.derive([tuple(int(w) for w in data.tolist())], "jax.fold_in",
                       {"key": "key(%d,%d)" % key, "data": str(word)}, source)

    def sampler(op, dist, params_of):
        def record(arguments, out, source):
            import numpy
            values = numpy.asarray(out)
            params = params_of(arguments)
            params["dtype"] = str(values.dtype)
            streams.draw(op, dist, params, str(values.dtype), list(values.shape), key_of(arguments), values, source)
        return record

    hook("key", made("jax.key"))
    hook("PRNGKey", made("jax.PRNGKey"))
    hook("split", split)
    hook("fold_in", fold_in)
    hook("uniform", sampler("uniform", "uniform",
                            lambda a: {"minval": _float(a["minval"]), "maxval": _float(a["maxval"])}))
    hook("normal", sampler("normal", "normal", lambda a: {}))
    hook("truncated_normal", sampler("truncated_normal", "truncated_normal",
                                     lambda a: {"lower": _float(a["lower"]), "upper": _float(a["upper"])}))
