"""NumPy's ``Generator`` on ``PCG64``: what ``np.random.default_rng(seed)`` returns.

Hooked when the script imports ``numpy.random``. ``default_rng`` is wrapped so that the generator
it returns is a recording subclass of ``Generator``: each one is a stream ``numpy.Generator#n``
(numbered in creation order, as the engine numbers them), seeded
``SeedSequence(entropy=[0x…])`` by the call ``np.random.default_rng(seed)``. Counters are 64-bit
PCG64 outputs, the distance between the real ``bit_generator.state`` before and after each call
(``pcg64.py``); a 32-bit draw served from the kept half of an output counts 0, as in the engine.

    rng = np.random.default_rng(42)      # stream numpy.Generator#1
    rng.integers(0, 10, 3)               # draw: op integers, params low/high/dtype/endpoint, count 1

Edge cases: ``default_rng()`` without a seed is declared with its entropy and ``{"how":"entropy"}``;
``default_rng(generator)`` returns that generator (no new stream); ``Generator(PCG64(...))`` built
by hand and other bit generators are not recorded yet; methods the engine has no vocabulary for
(``beta``, ``poisson``, …) are recorded under their own name with their arguments as parameters.
"""

from .. import pcg64
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


def _entropy_words(entropy):
    """SeedSequence's entropy as 32-bit words, least significant first, each int's words in turn."""
    values = entropy if isinstance(entropy, (list, tuple)) else [entropy]
    words = []
    for v in values:
        v = int(v)
        part = []
        while v:
            part.append(v & 0xFFFFFFFF)
            v >>= 32
        words += part or [0]
    return words


def install(session, module):
    """Hooks ``numpy.random.default_rng`` into ``session``."""
    import numpy
    OriginalGenerator = module.Generator
    original_default_rng = module.default_rng

    def read_of(g):
        def read():
            s = g.bit_generator.state
            if s.get("bit_generator") != "PCG64":
                return (0, 0, 0, 0)
            return s["state"]["state"], s["state"]["inc"], s["has_uint32"], s["uinteger"]
        return read

    def replay(before):
        g = OriginalGenerator(module.PCG64(0))
        g.bit_generator.state = {"bit_generator": "PCG64", "state": {"state": before[0], "inc": before[1]},
                                 "has_uint32": before[2], "uinteger": before[3]}
        return g

    count = [0]

    class Generator(OriginalGenerator):
        __doc__ = OriginalGenerator.__doc__

    def method(name, describe):
        original = getattr(OriginalGenerator, name)

        def recorded(self, *args, **kwargs):
            stream = self.__dict__.get("_rngdiff_stream")
            if stream is None:
                return original(self, *args, **kwargs)
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
        made = original_default_rng(seed)
        if not isinstance(made.bit_generator, module.PCG64) or session.importing() is not None:
            return made  # (a library's own generator, made while it is imported: not the script's)
        g = Generator(made.bit_generator)
        count[0] += 1
        stream = Stream("numpy", "Generator#%d" % count[0], "pcg64", read_of(g), pcg64.counter, "os entropy")
        g.__dict__["_rngdiff_stream"] = stream
        words = _entropy_words(made.bit_generator.seed_seq.entropy)
        material = "SeedSequence(entropy=[%s])" % ", ".join("0x%x" % w for w in words)
        if seed is None:
            session.declare(stream, material, {"how": "entropy"})
        else:
            if isinstance(seed, (int, numpy.integer)):
                call = "np.random.default_rng(%d)" % int(seed)
            elif isinstance(seed, (list, tuple)):
                call = "np.random.default_rng([%s])" % ", ".join(str(int(v)) for v in seed)
            else:
                call = "np.random.default_rng(...)"
            session.declare(stream, material, session.seeding(call, session.callsite.source(1)))
        return g
    default_rng.__doc__ = original_default_rng.__doc__
    module.default_rng = default_rng
