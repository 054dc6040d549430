"""NumPy's legacy random API: ``np.random.*`` (the global ``RandomState``) and ``RandomState(seed)``.

Hooked when the script imports ``numpy.random`` (``import numpy`` does): NumPy is never imported
by the recorder itself. Module-level functions record on the stream ``numpy.global``; each
``np.random.RandomState(...)`` the script creates is a stream ``numpy.RandomState#n``, numbered
in creation order as the engine numbers them. Names follow NumPyStreams: ``rand`` → ``uniform``,
``randint`` → ``integers`` with ``low``/``high``/``dtype``, ``permutation``/``shuffle`` → the row
permutation, ``choice`` → the chosen indices. Counters are 32-bit MT19937 words read from
``get_state()``.

    np.random.seed(7)        # stream numpy.global, seed init_genrand(7), call np.random.seed(7)
    np.random.rand(4)        # draw: op rand, dist uniform, dtype float64, shape [4], count 8

``RandomState(bg)`` over one of NumPy's bit generators is the stream ``RandomState#n`` on that
bit generator's state (``numpy_bit_generators``), seeded ``PCG64(SeedSequence(entropy=[0x5]))`` by
``np.random.RandomState(np.random.PCG64(5))``, its counter in the bit generator's unit (64-bit
outputs but for MT19937), starting where ``random_raw`` left it.

Edge cases: the global stream unseeded is declared ``os entropy (key sha256 …, pos N)`` (a hash of the key NumPy got from the OS) at its first draw; ``set_state``
declares ``set_state(pos=N)`` (over another bit generator ``set_state(state(…))``, the state as
``numpy_bit_states`` names it); functions the engine has no vocabulary for (``beta``, ``poisson``,
…) are recorded with their own name as op and distribution and their arguments as parameters.
"""

import hashlib

from . import numpy_bit_generators
from ..mt19937 import numpy_counter, same_state
from ..session import Stream

MODULES = ("numpy.random",)


def _f(x):
    return repr(float(x))


def _arg(args, kwargs, i, name, default=None):
    if len(args) > i:
        return args[i]
    return kwargs.get(name, default)


def _size(size):
    if size is None:
        return []
    if isinstance(size, (tuple, list)):
        return [int(s) for s in size]
    return [int(size)]


def _uniform_unit(op):
    return lambda r, b, a, k, rs: (op, "uniform", {}, None, _size(_arg(a, k, 0, "size")), r)


def _dims(op, dist, params):
    return lambda r, b, a, k, rs: (op, dist, dict(params), None, [int(d) for d in a], r)


def _normal(r, b, a, k, rs):
    params = {"loc": _f(_arg(a, k, 0, "loc", 0.0)), "scale": _f(_arg(a, k, 1, "scale", 1.0))}
    return "normal", "normal", params, None, _size(_arg(a, k, 2, "size")), r


def _uniform(r, b, a, k, rs):
    params = {"low": _f(_arg(a, k, 0, "low", 0.0)), "high": _f(_arg(a, k, 1, "high", 1.0))}
    return "uniform", "uniform", params, None, _size(_arg(a, k, 2, "size")), r


def _randint(r, b, a, k, rs):
    import numpy
    low, high = _arg(a, k, 0, "low"), _arg(a, k, 1, "high")
    bottom, top = (0, low) if high is None else (low, high)
    dtype = numpy.dtype(_arg(a, k, 3, "dtype", int)).name
    params = {"low": str(int(bottom)), "high": str(int(top)), "dtype": dtype}
    return "randint", "integers", params, None, _size(_arg(a, k, 2, "size")), numpy.asarray(r, dtype=dtype)


def _random_integers(r, b, a, k, rs):
    low, high = _arg(a, k, 0, "low"), _arg(a, k, 1, "high")
    bottom, top = (1, low) if high is None else (low, high)
    params = {"low": str(int(bottom)), "high": str(int(top)), "dtype": "int64"}
    return "random_integers", "integers", params, None, _size(_arg(a, k, 2, "size")), r


def _rows(x):
    import numpy
    return numpy.shape(x)


def _permutation(r, b, a, k, rs):
    import numpy
    x = _arg(a, k, 0, "x")
    if isinstance(x, (int, numpy.integer)):
        return "permutation", "permutation", {"x": str(int(x))}, None, [len(r)], r
    shape = list(_rows(x))
    return "permutation", "permutation", {}, None, shape, rs(b).permutation(shape[0])


def _shuffle(r, b, a, k, rs):
    x = _arg(a, k, 0, "x")
    shape = list(_rows(x)) or [len(x)]
    return "shuffle", "permutation", {}, None, shape, rs(b).permutation(len(x))


def _choice(r, b, a, k, rs):
    import numpy
    pop = _arg(a, k, 0, "a")
    size, replace, p = _arg(a, k, 1, "size"), _arg(a, k, 2, "replace", True), _arg(a, k, 3, "p")
    whole = isinstance(pop, (int, numpy.integer))
    n = int(pop) if whole else len(pop)
    params = {"a": str(n), "replace": "True" if replace else "False"}
    if p is not None:
        params["p"] = "[" + ", ".join(repr(float(v)) for v in numpy.asarray(p).ravel()) + "]"
    indices = r if whole else rs(b).choice(n, size, replace, p)
    return "choice", "choice", params, None, _size(size), numpy.asarray(indices, dtype="int64")


def _bytes(r, b, a, k, rs):
    return "bytes", "bits", {"length": str(len(r))}, "uint8", [len(r)], list(r)


DESCRIBE = {
    "rand": _dims("rand", "uniform", {}),
    "randn": _dims("randn", "normal", {"loc": "0.0", "scale": "1.0"}),
    "random_sample": _uniform_unit("random_sample"),
    "random": _uniform_unit("random"),
    "ranf": _uniform_unit("ranf"),
    "sample": _uniform_unit("sample"),
    "standard_normal": lambda r, b, a, k, rs: ("standard_normal", "normal", {"loc": "0.0", "scale": "1.0"}, None,
                                               _size(_arg(a, k, 0, "size")), r),
    "normal": _normal,
    "uniform": _uniform,
    "randint": _randint,
    "random_integers": _random_integers,
    "permutation": _permutation,
    "shuffle": _shuffle,
    "choice": _choice,
    "bytes": _bytes,
}

OTHERS = ("beta", "binomial", "chisquare", "dirichlet", "exponential", "f", "gamma", "geometric", "gumbel",
          "hypergeometric", "laplace", "logistic", "lognormal", "logseries", "multinomial",
          "multivariate_normal", "negative_binomial", "noncentral_chisquare", "noncentral_f", "pareto",
          "poisson", "power", "rayleigh", "standard_cauchy", "standard_exponential", "standard_gamma",
          "standard_t", "triangular", "vonmises", "wald", "weibull", "zipf")


def _generic(name):
    def describe(r, b, a, k, rs):
        import numpy
        params = {"arg%d" % i: repr(v) for i, v in enumerate(a)}
        params.update({key: repr(v) for key, v in k.items() if key != "size"})
        return name, name, params, None, list(numpy.shape(r)), r
    return describe


def _seed_description(seed):
    """(seed material, call argument) as NumPyStreams names a legacy seeding, or None for entropy."""
    import numpy
    if seed is None:
        return None
    a = numpy.asarray(seed)
    if a.ndim > 0 and a.size:
        squeezed = a.reshape([d for d in a.shape if d != 1])
        if squeezed.ndim == 0 and isinstance(seed, numpy.ndarray):
            a = squeezed
    if a.ndim == 0:
        return "init_genrand(%d)" % (int(a) & 0xFFFFFFFF), str(int(a))
    words = ", ".join(str(int(w)) for w in a.ravel())
    return "init_by_array([%s])" % words, "[%s]" % words


def install(session, module):
    """Hooks ``numpy.random``'s legacy API into ``session``."""
    import numpy
    mtrand = module.mtrand
    OriginalRandomState = mtrand.RandomState

    def reader(rs):
        def read():
            s = rs.get_state()
            return s[1].tobytes(), int(s[2])
        return read

    # One bit generator of NumPy's own class reused for every count (no reseeding cost).
    count_words = numpy_counter(numpy, getattr(module.MT19937, "_rngdiff_original", module.MT19937)(0))

    def replay(before):
        rs = OriginalRandomState(0)
        state = rs.get_state()
        rs.set_state((state[0], numpy.frombuffer(before[0], dtype=numpy.uint32), before[1], 0, 0.0))
        return rs

    def entropy_text(read):
        """``os entropy (key sha256 …)``: NumPy seeds from OS entropy itself; the key it got is
        named by a hash, so two runs' unseeded streams read as different seeds to the differ."""
        key, pos = read()
        return "os entropy (key sha256 %s, pos %d)" % (hashlib.sha256(key).hexdigest()[:12], pos)

    def make_stream(rs, name):
        read = reader(rs)
        return Stream("numpy", name, "mt19937", read, count_words, entropy_text(read), same_state)

    def wrap(stream, describe, original):
        def wrapper(*args, **kwargs):
            return session.draw(stream, lambda r, b, a, k: describe(r, b, a, k, replay), original, args, kwargs)
        wrapper.__name__ = wrapper.__qualname__ = getattr(original, "__name__", "draw")
        wrapper.__doc__ = getattr(original, "__doc__", None)
        return wrapper

    def declare_seeding(stream, seed, call_name, source, entropy_call=None):
        described = _seed_description(seed)
        if described is None:
            seeding = {"how": "entropy"}
            if entropy_call:
                # An explicit call that asks for OS entropy: the trace names the call, as the engine does.
                seeding.update(call=entropy_call, source=source)
            session.declare(stream, entropy_text(stream.read), seeding)
        else:
            material, argument = described
            session.declare(stream, material, session.seeding("%s(%s)" % (call_name, argument), source))

    describers = dict(DESCRIBE)
    for name in OTHERS:
        describers[name] = _generic(name)

    # The global RandomState behind np.random.*.
    global_rs = mtrand._rand
    global_stream = make_stream(global_rs, "global")
    for target in (module, mtrand):
        for name, describe in describers.items():
            original = getattr(target, name, None)
            if original is None or getattr(original, "__self__", None) is not global_rs:
                continue
            setattr(target, name, wrap(global_stream, describe, original))
        original_seed = getattr(target, "seed", None)
        if original_seed is not None and not getattr(original_seed, "_rngdiff", False):
            def seed(seed=None, _original=original_seed):
                _original(seed)
                declare_seeding(global_stream, seed, "np.random.seed", session.callsite.source(1), "np.random.seed(None)")
            seed._rngdiff = True
            seed.__doc__ = original_seed.__doc__
            setattr(target, "seed", seed)
        original_set_state = getattr(target, "set_state", None)
        if original_set_state is not None and not getattr(original_set_state, "_rngdiff", False):
            def set_state(state, _original=original_set_state):
                result = _original(state)
                session.declare(global_stream, "set_state(pos=%d)" % global_stream.read()[1],
                                session.seeding("np.random.set_state(...)", session.callsite.source(1)))
                return result
            set_state._rngdiff = True
            setattr(target, "set_state", set_state)

    # RandomState(seed) objects: a subclass that records its own stream.
    count = [0]

    class RandomState(OriginalRandomState):
        __doc__ = OriginalRandomState.__doc__

        def __init__(self, seed=None):
            super().__init__(seed)
            count[0] += 1
            name = "RandomState#%d" % count[0]
            if isinstance(seed, module.BitGenerator):
                over_bit_generator(self, seed, name, session.callsite.source(1))
                return
            if type(self._bit_generator).__name__ != "MT19937":
                return  # (not one of NumPy's classes: runs unrecorded)
            self._rngdiff_stream = make_stream(self, name)
            declare_seeding(self._rngdiff_stream, seed, "np.random.RandomState", source=session.callsite.source(1))

        def seed(self, seed=None):
            super().seed(seed)
            numpy_bit_generators.restarted(self._bit_generator)
            stream = getattr(self, "_rngdiff_stream", None)
            if stream is not None:
                declare_seeding(stream, seed, "np.random.RandomState", session.callsite.source(1),
                                "RandomState#%s.seed(None)" % stream.name.split("#")[-1])

        def set_state(self, state):
            with numpy_bit_generators.unowned(self._bit_generator):
                result = super().set_state(state)
            stream = getattr(self, "_rngdiff_stream", None)
            if stream is not None:
                kind = self.__dict__.get("_rngdiff_kind")
                if kind is None or kind.name == "MT19937":
                    material = "set_state(pos=%d)" % stream.read()[1]
                else:
                    material = "set_state(%s)" % kind.material(stream.read())
                session.declare(stream, material, session.seeding("RandomState.set_state(...)", session.callsite.source(1)))
            return result

    def over_bit_generator(rs, bg, name, source):
        """``RandomState(bg)``: the stream ``name`` on the bit generator's state, seeded (as the
        engine writes it) ``PCG64(SeedSequence(entropy=[0x…]))`` by ``np.random.RandomState(np.random.PCG64(5))``."""
        bits = numpy_bit_generators.bits_of(bg)
        if bits is None:
            return
        kind = bits.kind
        stream = Stream("numpy", name, kind.algorithm, lambda: kind.read(bg), kind.count, "os entropy", kind.same)
        rs.__dict__["_rngdiff_stream"] = stream
        rs.__dict__["_rngdiff_kind"] = kind
        bits.owner = rs
        material = "%s(%s)" % (kind.name, bits.material(bg))
        if bits.argument is None:
            seeding = {"how": "entropy"}
        else:
            seeding = session.seeding("np.random.RandomState(np.random.%s(%s))" % (kind.name, bits.argument), source)
        session.declare(stream, material, seeding, bits.position(kind.read(bg)))

    def method(name, describe):
        def recorded(self, *args, **kwargs):
            original = getattr(super(RandomState, self), name)
            stream = getattr(self, "_rngdiff_stream", None)
            if stream is None:
                return original(*args, **kwargs)
            kind = self.__dict__.get("_rngdiff_kind")
            rs = replay if kind is None else (lambda before: OriginalRandomState(kind.scratch(before)))
            return session.draw(stream, lambda r, b, a, k: describe(r, b, a, k, rs), original, args, kwargs)
        recorded.__name__ = recorded.__qualname__ = name
        recorded.__doc__ = getattr(getattr(OriginalRandomState, name, None), "__doc__", None)
        return recorded

    for name, describe in describers.items():
        if hasattr(OriginalRandomState, name):
            setattr(RandomState, name, method(name, describe))
    RandomState.__module__ = OriginalRandomState.__module__
    RandomState.__qualname__ = RandomState.__name__ = "RandomState"
    module.RandomState = RandomState
    mtrand.RandomState = RandomState
