"""NumPy's ``Generator``: what ``np.random.default_rng(seed)`` returns, and
``np.random.Generator(bit_generator)`` over any of NumPy's five bit generators.

Hooked when the script imports ``numpy.random``: ``Generator`` becomes a recording subclass (same
name, module and ``isinstance`` answers) and ``default_rng`` returns one. Each is a stream
``numpy.Generator#n``, numbered in creation order as the engine numbers them, seeded
``SeedSequence(entropy=[0x…])``: by the call ``np.random.default_rng(seed)``, or, over a bit
generator the script made, by ``np.random.Generator(np.random.Philox(7))`` (``default_rng(bg)``
too), its counter starting where that bit generator's ``random_raw`` left it. Counters are read
from the real ``bit_generator.state`` before and after each call (``numpy_bit_states``): 32-bit
words for MT19937, 64-bit outputs for the others; a 32-bit draw served from the kept half of an
output counts 0, as in the engine.

    rng = np.random.default_rng(42)                    # stream numpy.Generator#1 (pcg64)
    rng.integers(0, 10, 3)                             # draw: op integers, params low/high/dtype/endpoint, count 1
    g = np.random.Generator(np.random.SFC64(5))        # stream numpy.Generator#2 (sfc64)
    a, b = g.spawn(2)                                  # streams numpy.Generator#2.spawn(0), .spawn(1)

Edge cases: ``default_rng()`` without a seed is declared with its entropy and ``{"how":"entropy"}``;
``default_rng(generator)`` returns that generator (no new stream); ``bit_generator.state = …``
starts ``Generator#n/stateN`` and ``advance`` moves the stream without a draw
(``numpy_bit_generators``); Generators made while a library is imported are not the script's and
are not recorded; methods the engine has no vocabulary for (``beta``, ``poisson``, …) are recorded
under their own name with their arguments as parameters.
"""

from . import numpy_bit_generators, numpy_seed_text
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


def _dtype_param(dtype):
    import numpy
    name = numpy.dtype(dtype).name
    return {} if name == "float64" else {"dtype": name}


def _random(r, b, a, k, g):
    return "random", "uniform", _dtype_param(_arg(a, k, 1, "dtype", "float64")), None, _size(_arg(a, k, 0, "size")), r


def _standard_normal(r, b, a, k, g):
    params = _dtype_param(_arg(a, k, 1, "dtype", "float64"))
    return "standard_normal", "normal", params, None, _size(_arg(a, k, 0, "size")), r


def _normal(r, b, a, k, g):
    params = {"loc": _f(_arg(a, k, 0, "loc", 0.0)), "scale": _f(_arg(a, k, 1, "scale", 1.0))}
    return "normal", "normal", params, None, _size(_arg(a, k, 2, "size")), r


def _uniform(r, b, a, k, g):
    params = {"low": _f(_arg(a, k, 0, "low", 0.0)), "high": _f(_arg(a, k, 1, "high", 1.0))}
    return "uniform", "uniform", params, None, _size(_arg(a, k, 2, "size")), r


def _integers(r, b, a, k, g):
    import numpy
    low, high = _arg(a, k, 0, "low"), _arg(a, k, 1, "high")
    bottom, top = (0, low) if high is None else (low, high)
    dtype = numpy.dtype(_arg(a, k, 3, "dtype", "int64")).name
    endpoint = bool(_arg(a, k, 4, "endpoint", False))
    params = {"low": str(int(bottom)), "high": str(int(top)), "dtype": dtype, "endpoint": "True" if endpoint else "False"}
    return "integers", "integers", params, None, _size(_arg(a, k, 2, "size")), numpy.asarray(r, dtype=dtype)


def _permutation(r, b, a, k, g):
    import numpy
    x = _arg(a, k, 0, "x")
    if isinstance(x, (int, numpy.integer)):
        return "permutation", "permutation", {"x": str(int(x))}, None, [len(r)], r
    shape = list(numpy.shape(x))
    return "permutation", "permutation", {}, None, shape, g(b).permutation(shape[0])


def _shuffle(r, b, a, k, g):
    import numpy
    x = _arg(a, k, 0, "x")
    shape = list(numpy.shape(x)) or [len(x)]
    return "shuffle", "permutation", {}, None, shape, g(b).permutation(len(x))


def _choice(r, b, a, k, g):
    import numpy
    pop = _arg(a, k, 0, "a")
    size, replace, p = _arg(a, k, 1, "size"), _arg(a, k, 2, "replace", True), _arg(a, k, 3, "p")
    shuffle = _arg(a, k, 5, "shuffle", True)
    whole = isinstance(pop, (int, numpy.integer))
    n = int(pop) if whole else len(pop)
    params = {"a": str(n), "replace": "True" if replace else "False"}
    if p is not None:
        params["p"] = "[" + ", ".join(repr(float(v)) for v in numpy.asarray(p).ravel()) + "]"
    if not replace and p is None:
        params["shuffle"] = "True" if shuffle else "False"
    indices = r if whole else g(b).choice(n, size, replace, p, shuffle=shuffle)
    return "choice", "choice", params, None, _size(size), numpy.asarray(indices, dtype="int64")


DESCRIBE = {
    "random": _random, "standard_normal": _standard_normal, "normal": _normal, "uniform": _uniform,
    "integers": _integers, "permutation": _permutation, "shuffle": _shuffle, "choice": _choice,
}

OTHERS = ("beta", "binomial", "bytes", "chisquare", "dirichlet", "exponential", "f", "gamma", "geometric", "gumbel",
          "hypergeometric", "laplace", "logistic", "lognormal", "logseries", "multinomial", "multivariate_normal",
          "negative_binomial", "noncentral_chisquare", "noncentral_f", "pareto", "permuted", "poisson", "power",
          "rayleigh", "standard_cauchy", "standard_exponential", "standard_gamma", "standard_t", "triangular",
          "vonmises", "wald", "weibull", "zipf")


def _generic(name):
    def describe(r, b, a, k, g):
        import numpy
        params = {"arg%d" % i: repr(v) for i, v in enumerate(a)}
        params.update({key: repr(v) for key, v in k.items() if key != "size"})
        return name, name, params, None, list(numpy.shape(r)), r
    return describe


def install(session, module):
    """Hooks ``numpy.random.Generator`` and ``default_rng`` into ``session``."""
    import numpy
    OriginalGenerator = getattr(module.Generator, "_rngdiff_original", module.Generator)
    original_default_rng = module.default_rng
    count = [0]
    quiet = [0]  # > 0 while the recorder makes Generators itself (default_rng, spawn)

    def register(g, bits, name, seed, seeding, start=0):
        """Makes ``g`` (over ``bits``' object) the stream ``name`` and declares it."""
        kind = bits.kind
        bg = g.bit_generator
        stream = Stream("numpy", name, kind.algorithm, lambda: kind.read(bg), kind.count, "os entropy", kind.same)
        g.__dict__["_rngdiff_stream"] = stream
        g.__dict__["_rngdiff_kind"] = kind
        bits.owner = g
        session.declare(stream, seed, seeding, start)

    def wrapped(g, source):
        """``Generator(bg)`` made by the script: a new stream seeded by that call."""
        bg = g.bit_generator
        bits = numpy_bit_generators.bits_of(bg)
        if bits is None:
            return
        count[0] += 1
        material = bits.material(bg)
        if bits.argument is None:
            seeding = {"how": "entropy"}
        else:
            call = "np.random.Generator(np.random.%s(%s))" % (bits.kind.name, bits.argument)
            seeding = session.seeding(call, source)
        register(g, bits, "Generator#%d" % count[0], material, seeding, bits.position(bits.kind.read(bg)))

    class Generator(OriginalGenerator, metaclass=numpy_bit_generators.SameClass):
        __doc__ = OriginalGenerator.__doc__
        _rngdiff_original = OriginalGenerator

        def __init__(self, bit_generator):
            super().__init__(bit_generator)
            if quiet[0] or session.importing() is not None:
                return  # made by the recorder, or a library's own, made while it is imported
            wrapped(self, session.callsite.source(1))

        def spawn(self, n_children):
            stream = self.__dict__.get("_rngdiff_stream")
            quiet[0] += 1
            try:
                children = OriginalGenerator.spawn(self, n_children)
            finally:
                quiet[0] -= 1
            if stream is None:
                return children
            for child in children:
                bits = numpy_bit_generators.bits_of(child.bit_generator)
                if bits is None or not isinstance(child, Generator):
                    continue
                seed_seq = child.bit_generator.seed_seq
                key = tuple(seed_seq.spawn_key)
                register(child, bits, "%s.spawn(%d)" % (stream.name, key[-1] if key else 0),
                         numpy_seed_text.material(seed_seq),
                         session.seeding("%s.spawn(...)" % stream.name, session.callsite.source(1)))
            return children
        spawn.__doc__ = OriginalGenerator.spawn.__doc__

    def replay_of(g):
        kind = g.__dict__["_rngdiff_kind"]
        return lambda before: OriginalGenerator(kind.scratch(before))

    def method(name, describe):
        original = getattr(OriginalGenerator, name)

        def recorded(self, *args, **kwargs):
            stream = self.__dict__.get("_rngdiff_stream")
            if stream is None:
                return original(self, *args, **kwargs)
            replay = replay_of(self)
            return session.draw(stream, lambda r, b, a, k: describe(r, b, a, k, replay),
                                original.__get__(self), args, kwargs)
        recorded.__name__ = recorded.__qualname__ = name
        recorded.__doc__ = original.__doc__
        return recorded

    describers = dict(DESCRIBE)
    for name in OTHERS:
        describers[name] = _generic(name)
    for name, describe in describers.items():
        if hasattr(OriginalGenerator, name):
            setattr(Generator, name, method(name, describe))
    Generator.__module__ = OriginalGenerator.__module__
    Generator.__qualname__ = Generator.__name__ = "Generator"

    def default_rng(seed=None):
        if isinstance(seed, OriginalGenerator):
            return original_default_rng(seed)
        if isinstance(seed, module.BitGenerator):
            return Generator(seed)  # NumPy's default_rng(bg) is Generator(bg): the engine names it so
        made = original_default_rng(seed)
        PCG64 = module.PCG64
        if session.importing() is not None or getattr(PCG64, "_rngdiff_original", None) is None:
            return made  # (a library's own generator, made while it is imported: not the script's)
        seed_seq = made.bit_generator.seed_seq
        quiet[0] += 1
        try:
            g = Generator(PCG64(seed_seq))
        finally:
            quiet[0] -= 1
        bits = numpy_bit_generators.bits_of(g.bit_generator)
        words = numpy_seed_text.entropy_words(seed_seq.entropy)
        # The engine's `rng.bit_generator` of a default_rng Generator prints its seed so.
        bits.argument = "SeedSequence(entropy=[%s], spawn_key=())" % ", ".join(str(w) for w in words)
        count[0] += 1
        material = numpy_seed_text.material(seed_seq)
        if seed is None:
            seeding = {"how": "entropy"}
        else:
            if isinstance(seed, (int, numpy.integer)):
                call = "np.random.default_rng(%d)" % int(seed)
            elif isinstance(seed, (list, tuple)):
                call = "np.random.default_rng([%s])" % ", ".join(str(int(v)) for v in seed)
            else:
                call = "np.random.default_rng(%s)" % numpy_seed_text.argument(seed)
            seeding = session.seeding(call, session.callsite.source(1))
        register(g, bits, "Generator#%d" % count[0], material, seeding)
        return g
    default_rng.__doc__ = original_default_rng.__doc__
    module.default_rng = default_rng
    module.Generator = Generator
