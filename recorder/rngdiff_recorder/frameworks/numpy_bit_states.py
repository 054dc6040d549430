"""NumPy's five bit generators as the recorder reads them: one ``Kind`` per class.

A ``Kind`` reads a bit generator's real ``state`` into a tuple, counts the outputs between two
such tuples in the engine's unit (``count``: 32-bit words for MT19937, 64-bit outputs for the
others; ``mt19937.py``, ``pcg64.py``, ``philox.py``, ``sfc64.py``), names the state as the engine
names an assigned one (``material``), and puts a state back into a scratch bit generator of
NumPy's own class (``scratch``, to replay a draw's permutation).

    >>> kind = kinds(numpy, numpy.random)["Philox"]
    >>> before = kind.read(bg); bg.random_raw(5); kind.count(before, kind.read(bg))    # 5

Edge cases: a 32-bit draw served from the kept half of a 64-bit output (``has_uint32``) counts 0,
as in the engine; ``advance`` is not a number of outputs (the caller takes the state after it as
its new reference).
"""

from .. import pcg64, philox, sfc64
from ..mt19937 import numpy_counter, same_state


class Kind:
    """One bit generator class: ``name`` (NumPy's), ``algorithm`` (the trace's), ``read(bg)``,
    ``count(before, after, hint)``, ``same(a, b)``, ``material(state)``, ``scratch(state)``."""

    def __init__(self, name, algorithm, read, count, to_dict, material, original, same=None):
        self.name, self.algorithm, self.original = name, algorithm, original
        self.read, self.count, self._to_dict, self.material = read, count, to_dict, material
        self.same = same or (lambda a, b: a == b)
        self._scratch = None

    def scratch(self, state):
        """A bit generator of NumPy's own class (one, reused) holding ``state``."""
        if self._scratch is None:
            self._scratch = self.original(0)
        self._scratch.state = self._to_dict(state)
        return self._scratch


def _state(bg):
    return bg.state


def kinds(numpy, module):
    """The five ``Kind``s by NumPy class name, over ``module``'s classes as NumPy defines them."""
    def original(name):
        cls = getattr(module, name)
        return getattr(cls, "_rngdiff_original", cls)

    def words(values):
        return numpy.array([int(v) for v in values], dtype=numpy.uint64)

    def half(s):
        return int(s["has_uint32"]), int(s["uinteger"])

    def read_mt(bg):
        s = _state(bg)["state"]
        return s["key"].tobytes(), int(s["pos"])

    def dict_mt(t):
        return {"bit_generator": "MT19937",
                "state": {"key": numpy.frombuffer(t[0], dtype=numpy.uint32).copy(), "pos": t[1]}}

    def pcg_kind(name, algorithm, count):
        def read(bg):
            s = _state(bg)
            return (int(s["state"]["state"]), int(s["state"]["inc"])) + half(s)

        def to_dict(t):
            return {"bit_generator": name, "state": {"state": t[0], "inc": t[1]}, "has_uint32": t[2], "uinteger": t[3]}
        return Kind(name, algorithm, read, count, to_dict,
                    lambda t: "state(state=0x%x, inc=0x%x)" % (t[0], t[1]), original(name))

    def read_philox(bg):
        s = _state(bg)
        return ((philox.counter_int(s["state"]["counter"].tolist()), tuple(int(k) for k in s["state"]["key"]),
                 int(s["buffer_pos"])) + half(s) + (tuple(int(b) for b in s["buffer"]),))

    def dict_philox(t):
        counter = [(t[0] >> (64 * i)) & 0xFFFFFFFFFFFFFFFF for i in range(4)]
        return {"bit_generator": "Philox", "state": {"counter": words(counter), "key": words(t[1])},
                "buffer": words(t[5]), "buffer_pos": t[2], "has_uint32": t[3], "uinteger": t[4]}

    def material_philox(t):
        counter = [(t[0] >> (64 * i)) & 0xFFFFFFFFFFFFFFFF for i in range(4)]
        return "state(counter=[%s], key=[%s])" % (", ".join(map(str, counter)), ", ".join(map(str, t[1])))

    def read_sfc(bg):
        s = _state(bg)
        return tuple(int(w) for w in s["state"]["state"]) + half(s)

    def dict_sfc(t):
        return {"bit_generator": "SFC64", "state": {"state": words(t[:4])}, "has_uint32": t[4], "uinteger": t[5]}

    mt = original("MT19937")
    return {
        "MT19937": Kind("MT19937", "mt19937", read_mt, numpy_counter(numpy, mt(0)), dict_mt,
                        lambda t: "state(pos=%d)" % t[1], mt, same_state),
        "PCG64": pcg_kind("PCG64", "pcg64", pcg64.counter),
        "PCG64DXSM": pcg_kind("PCG64DXSM", "pcg64dxsm", pcg64.dxsm_counter),
        "Philox": Kind("Philox", "philox4x64-10", read_philox, philox.outputs_between, dict_philox, material_philox,
                       original("Philox")),
        "SFC64": Kind("SFC64", "sfc64", read_sfc, sfc64.outputs_between, dict_sfc,
                      lambda t: "state([%s])" % ", ".join(map(str, t[:4])), original("SFC64")),
    }
