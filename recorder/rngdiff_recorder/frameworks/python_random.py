"""Python's ``random`` module: the global generator behind ``random.random()``, ``random.seed``.

Hooked as soon as recording starts (``random`` is standard library). Each module-level function is
replaced by a wrapper that records one draw on the stream ``python.global`` in the engine's
vocabulary (PythonStreams): ``random`` → ``uniform``, ``randint`` → ``integers`` with ``a``/``b``,
``shuffle`` → the permutation of indices it applied, ``choice`` → the chosen index. Counters are
32-bit MT19937 words read from ``random.getstate()``.

    random.seed(42)          # stream python.global, seed init_by_array([42]), call random.seed(42)
    random.shuffle(order)    # draw: op shuffle, dist permutation, values = indices moved

Edge cases: an unseeded generator draws from OS entropy (``{"how":"entropy"}``); the recorder
seeds it from ``os.urandom`` itself, as CPython would, so that the seed can be named as the engine
names it (``init_by_array(624 words from os.urandom, sha256 …)``);
``setstate`` declares the stream ``setstate(pos=N)``; a seed the recorder cannot name exactly is
declared ``state(...)`` with a hash of the key. ``random.Random(x)`` instances the script (or a
module beside it) creates are streams ``python.Random#n``, numbered in creation order as the engine
numbers them; instances an installed library makes for itself (``tempfile``'s, TensorFlow's op-seed
generator) are not recorded.
"""

import hashlib
import os
import random as _random_module
import sys
import sysconfig

from ..mt19937 import counter, same_state
from ..session import Stream

# The class as Python made it, for replays and checks (``random.Random`` is replaced while recording).
_OriginalRandom = _random_module.Random
_LIBRARIES = tuple(os.path.realpath(sysconfig.get_paths()[p]) + os.sep for p in ("stdlib", "purelib", "platlib"))

MODULES = ("random",)


def _f(x):
    return repr(float(x))


def _arg(args, kwargs, i, name, default=None):
    if len(args) > i:
        return args[i]
    return kwargs.get(name, default)


def _replay(before):
    r = _OriginalRandom()
    r.setstate((3, before[0], None))
    return r


def _scalar(op, dist, names, dtype="float64", convert=_f, defaults=()):
    def describe(result, before, args, kwargs):
        params = {}
        for i, name in enumerate(names):
            value = _arg(args, kwargs, i, name, defaults[i] if i < len(defaults) else None)
            params[name] = convert(value)
        return op, dist, params, dtype, [], [result]
    return describe


def _randrange(result, before, args, kwargs):
    start = _arg(args, kwargs, 0, "start")
    stop = _arg(args, kwargs, 1, "stop")
    step = _arg(args, kwargs, 2, "step", 1)
    params = {"start": str(start)}
    if stop is not None:
        params["stop"] = str(stop)
    if step != 1:
        params["step"] = str(step)
    return "randrange", "integers", params, "int64", [], [result]


def _choice(result, before, args, kwargs):
    n = len(_arg(args, kwargs, 0, "seq"))
    return "choice", "choice", {"len": str(n)}, "int64", [], [_replay(before).choice(range(n))]


def _shuffle(result, before, args, kwargs):
    n = len(_arg(args, kwargs, 0, "x"))
    order = list(range(n))
    _replay(before).shuffle(order)
    return "shuffle", "permutation", {}, "int64", [n], order


def _sample(result, before, args, kwargs):
    n = len(_arg(args, kwargs, 0, "population"))
    k = _arg(args, kwargs, 1, "k")
    counts = kwargs.get("counts")
    params = {"len": str(n), "k": str(k)}
    if counts is not None:
        params["counts"] = "[" + ", ".join(str(c) for c in counts) + "]"
        picks = _replay(before).sample(range(n), k, counts=counts)
    else:
        picks = _replay(before).sample(range(n), k)
    return "sample", "sample", params, "int64", [k], picks


def _choices(result, before, args, kwargs):
    n = len(_arg(args, kwargs, 0, "population"))
    weights = _arg(args, kwargs, 1, "weights")
    k = kwargs.get("k", 1)
    picks = _replay(before).choices(range(n), weights, cum_weights=kwargs.get("cum_weights"), k=k)
    return "choices", "choice", {"len": str(n), "k": str(k)}, "int64", [max(k, 0)], picks


def _triangular(result, before, args, kwargs):
    params = {"low": _f(_arg(args, kwargs, 0, "low", 0.0)), "high": _f(_arg(args, kwargs, 1, "high", 1.0))}
    mode = _arg(args, kwargs, 2, "mode")
    if mode is not None:
        params["mode"] = _f(mode)
    return "triangular", "triangular", params, "float64", [], [result]


def _getrandbits(result, before, args, kwargs):
    """As the engine reports it: the 32-bit words, least significant first, shape [words]."""
    k = _arg(args, kwargs, 0, "k")
    words = [(result >> (32 * i)) & 0xFFFFFFFF for i in range(max(1, (k + 31) // 32))]
    return "getrandbits", "bits", {"k": str(k)}, "uint32", [len(words)], words


def _randbytes(result, before, args, kwargs):
    return "randbytes", "bits", {"n": str(len(result))}, "uint8", [len(result)], list(result)


DESCRIBE = {
    "random": lambda r, b, a, k: ("random", "uniform", {}, "float64", [], [r]),
    "uniform": _scalar("uniform", "uniform", ("a", "b")),
    "randint": _scalar("randint", "integers", ("a", "b"), "int64", str),
    "randrange": _randrange,
    "choice": _choice,
    "shuffle": _shuffle,
    "sample": _sample,
    "choices": _choices,
    "gauss": _scalar("gauss", "gauss", ("mu", "sigma"), defaults=(0.0, 1.0)),
    "normalvariate": _scalar("normalvariate", "normal", ("mu", "sigma"), defaults=(0.0, 1.0)),
    "lognormvariate": _scalar("lognormvariate", "lognormal", ("mu", "sigma")),
    "expovariate": _scalar("expovariate", "exponential", ("lambd",), defaults=(1.0,)),
    "vonmisesvariate": _scalar("vonmisesvariate", "vonmises", ("mu", "kappa")),
    "gammavariate": _scalar("gammavariate", "gamma", ("alpha", "beta")),
    "betavariate": _scalar("betavariate", "beta", ("alpha", "beta")),
    "paretovariate": _scalar("paretovariate", "pareto", ("alpha",)),
    "weibullvariate": _scalar("weibullvariate", "weibull", ("alpha", "beta")),
    "triangular": _triangular,
    "getrandbits": _getrandbits,
    "randbytes": _randbytes,
    "binomialvariate": lambda r, b, a, k: ("binomialvariate", "binomial",
                                           {"n": str(_arg(a, k, 0, "n", 1)), "p": _f(_arg(a, k, 1, "p", 0.5))},
                                           "int64", [], [r]),
}


def _words(n):
    """The 32-bit words of ``|n|``, least significant first (``[0]`` for 0)."""
    n = abs(n)
    words = []
    while n:
        words.append(n & 0xFFFFFFFF)
        n >>= 32
    return words or [0]


def _literal(a):
    if isinstance(a, bool):
        return repr(a)
    if isinstance(a, int):
        if -(1 << 63) <= a < (1 << 63):
            return str(a)
        return ("-0x" if a < 0 else "0x") + "".join("%08x" % w for w in reversed(_words(a)))
    if isinstance(a, float):
        return repr(a)
    if isinstance(a, str):
        return "'%s'" % a
    if isinstance(a, (bytes, bytearray)):
        return "bytes.fromhex('%s')" % bytes(a).hex()
    return repr(a)


def _seed_words(a):
    """The init_by_array key CPython's ``random.seed(a)`` (version 2) uses, or None."""
    if isinstance(a, int):
        return _words(a)
    if isinstance(a, (str, bytes, bytearray)):
        b = a.encode() if isinstance(a, str) else bytes(a)
        return _words(int.from_bytes(b + hashlib.sha512(b).digest(), "big"))
    try:
        return _words(hash(a) & ((1 << 64) - 1))
    except TypeError:
        return None


def _reader(r):
    """The state as ``(key, pos)``; the key is getstate()'s 625-tuple (the 624 words, then pos)."""
    def read():
        s = _OriginalRandom.getstate(r)[1]
        return s, s[624]
    return read


def _shadow(before):
    r = _OriginalRandom()
    r.setstate((3, before[0], None))

    def step(n):
        if n:
            r.getrandbits(32 * n)
        return r.getstate()[1]
    return step


def _describe_seed(a, version, state):
    """(seed material, literal) for ``seed(a, version)`` that left the generator in ``state``."""
    words = _seed_words(a) if version == 2 or not isinstance(a, (str, bytes, bytearray)) else None
    if words is not None:
        check = _OriginalRandom()
        check.seed(int.from_bytes(b"".join(w.to_bytes(4, "little") for w in words), "little"))
        if check.getstate()[1] != state:
            words = None
    if words is not None:
        material = "init_by_array([%s])" % ", ".join(str(w) for w in words)
    else:
        material = "state(%s)" % hashlib.sha256(repr(state).encode()).hexdigest()[:16]
    literal = _literal(a) if version == 2 else "%s, version=%d" % (_literal(a), version)
    return material, literal


def _entropy_seed(generator):
    """Seeds ``generator`` from OS entropy as CPython does (``init_by_array`` of 624 words read
    from ``os.urandom``), with words the recorder reads itself, and names the seed as the engine
    does: ``init_by_array(624 words from os.urandom, sha256 <first 12 hex digits of the bytes>)``.
    The state is as random as CPython's own seeding; only now the trace can name it."""
    entropy = os.urandom(2496)
    while entropy[-4:] == bytes(4):  # a zero top word would shorten the key
        entropy = os.urandom(2496)
    _OriginalRandom.seed(generator, int.from_bytes(entropy, "little"))
    return "init_by_array(624 words from os.urandom, sha256 %s)" % hashlib.sha256(entropy).hexdigest()[:12]


def install(session, module):
    """Hooks the ``random`` module's global generator into ``session``."""
    inst = module._inst
    read = _reader(inst)
    stream = Stream("python", "global", "mt19937", read, counter(_shadow), _entropy_seed(inst), same_state)

    for name, describe in DESCRIBE.items():
        original = getattr(module, name, None)
        if original is None or getattr(original, "__self__", None) is not inst:
            continue

        def wrapper(*args, _original=original, _describe=describe, **kwargs):
            return session.draw(stream, _describe, _original, args, kwargs)
        wrapper.__name__ = wrapper.__qualname__ = name
        wrapper.__doc__ = original.__doc__
        setattr(module, name, wrapper)

    original_seed = module.seed

    def seed(a=None, version=2):
        original_seed(a, version)
        source = session.callsite.source(1)
        if a is None:
            # An explicit call that asks for OS entropy: the trace names the call, as the engine does.
            session.declare(stream, _entropy_seed(inst), {"how": "entropy", "call": "random.seed(None)", "source": source})
            return
        material, literal = _describe_seed(a, version, inst.getstate()[1])
        session.declare(stream, material, session.seeding("random.seed(%s)" % literal, source))
    seed.__doc__ = original_seed.__doc__
    module.seed = seed

    original_setstate = module.setstate

    def setstate(state):
        original_setstate(state)
        session.declare(stream, "setstate(pos=%d)" % read()[1],
                        session.seeding("random.setstate(...)", session.callsite.source(1)))
    setstate.__doc__ = original_setstate.__doc__
    module.setstate = setstate

    _install_instances(session, module)


def _install_instances(session, module):
    """Replaces ``random.Random`` with a subclass whose instances record their own streams."""
    count = [0]

    def declare(r, a, version):
        stream = r.__dict__.get("_rngdiff_stream")
        if stream is None:
            caller = sys._getframe(3)
            if os.path.realpath(caller.f_code.co_filename).startswith(_LIBRARIES):
                return  # a library's own generator (tempfile's, TensorFlow's op-seed one): not the script's
            count[0] += 1
            stream = Stream("python", "Random#%d" % count[0], "mt19937", _reader(r), counter(_shadow), "entropy", same_state)
            r.__dict__["_rngdiff_stream"] = stream
        if a is None:
            session.declare(stream, _entropy_seed(r), {"how": "entropy"})
            return
        material, literal = _describe_seed(a, version, _OriginalRandom.getstate(r)[1])
        session.declare(stream, material, session.seeding("random.Random(%s)" % literal, session.callsite.source(1)))

    class Random(_OriginalRandom):
        __doc__ = _OriginalRandom.__doc__

        def seed(self, a=None, version=2):
            super().seed(a, version)
            declare(self, a, version)

        def setstate(self, state):
            super().setstate(state)
            stream = self.__dict__.get("_rngdiff_stream")
            if stream is not None:
                session.declare(stream, "setstate(pos=%d)" % stream.read()[1],
                                session.seeding("Random.setstate(...)", session.callsite.source(1)))

    def method(name, describe):
        original = getattr(_OriginalRandom, name)

        def recorded(self, *args, **kwargs):
            stream = self.__dict__.get("_rngdiff_stream")
            if stream is None:
                return original(self, *args, **kwargs)
            return session.draw(stream, describe, original.__get__(self), args, kwargs)
        recorded.__name__ = recorded.__qualname__ = name
        recorded.__doc__ = original.__doc__
        return recorded

    for name, describe in DESCRIBE.items():
        if hasattr(_OriginalRandom, name):
            setattr(Random, name, method(name, describe))
    Random.__module__ = "random"
    Random.__qualname__ = Random.__name__ = "Random"
    module.Random = Random
