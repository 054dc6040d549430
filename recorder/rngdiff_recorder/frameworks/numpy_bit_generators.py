"""NumPy's bit generator classes (``MT19937``, ``PCG64``, ``PCG64DXSM``, ``Philox``, ``SFC64``),
hooked so that the recorder knows each one the script makes before a ``Generator`` or
``RandomState`` wraps it.

Hooked when the script imports ``numpy.random``: each class in ``numpy.random`` becomes a subclass
(same name, module and ``isinstance`` answers) whose objects carry a ``Bits``: the seed argument as
the engine prints it, the ``SeedSequence`` behind it, and the position the engine counts for the
object — outputs drawn (``random_raw``) since it was made, jumped or given a state, read from the
real state (``numpy_bit_states``), ``advance`` not counted. Once wrapped (``Bits.owner``; the
wrapper's stream is ``owner.__dict__["_rngdiff_stream"]``), ``advance`` moves the stream without a
draw, and ``bit_generator.state = …`` starts the stream ``<name>/stateN`` seeded by the assignment,
as `rngdiff run` does.

    bg = np.random.Philox(7)             # Bits: argument '7', SeedSequence(entropy=[0x7])
    bg.random_raw(3); bg.advance(10)     # position 3 (the advance is not a draw)
    g = np.random.Generator(bg)          # numpy.Generator#1 declared with start 3 (numpy_generator)

Edge cases: ``jumped()`` gives a new object with the parent's seed and position 0 (the engine's
reading; NumPy gives it a new entropy SeedSequence); a bit generator NumPy made itself (its own
class, not the script's) gets a ``Bits`` when it is wrapped (``bits_of``), seeded as its
``seed_seq`` says, position 0; pickling and copying give NumPy's own class.
"""

import contextlib

from . import numpy_bit_states, numpy_seed_text
from ..session import Stream

MODULES = ("numpy.random",)
NAMES = ("MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64")

# The installed kinds by class name (numpy_random and numpy_generator read them); empty until
# the script imports numpy.random.
KINDS = {}


class Bits:
    """What the recorder knows of one bit generator object."""

    def __init__(self, kind, argument, seed_seq, state):
        self.kind, self.argument, self.seed_seq = kind, argument, seed_seq
        self.base, self.offset = state, 0
        self.owner = None
        self.assignments = 0

    def position(self, state):
        """The engine's counter for this object at ``state``: outputs drawn since ``base``, plus ``offset``."""
        return self.offset + (self.kind.count(self.base, state) or 0)

    def material(self, bg):
        """The seed material of a stream over ``bg``: its ``SeedSequence`` as the engine writes it, or,
        for an object NumPy reseeded without one (``RandomState.seed`` on MT19937), its state as it
        stands (``state(pos=N)``, as an assigned state is named)."""
        if getattr(self.seed_seq, "entropy", None) is None:
            return self.kind.material(self.kind.read(bg))
        return numpy_seed_text.material(self.seed_seq)

    def stream(self):
        return None if self.owner is None else self.owner.__dict__.get("_rngdiff_stream")


def bits_of(bg):
    """The ``Bits`` of a bit generator (made now for one of NumPy's own class), or None for a
    class the recorder does not know."""
    made = getattr(bg, "__dict__", {}).get("_rngdiff")
    if made is not None:
        return made
    name = type(bg).__name__
    kind = KINDS.get(name)
    if kind is None or not isinstance(bg, kind.original):
        return None
    seed_seq = getattr(bg, "seed_seq", None)
    return Bits(kind, numpy_seed_text.argument(seed_seq), seed_seq, kind.read(bg))


class SameClass(type):
    """The metaclass of a recording subclass that stands in for NumPy's class ``_rngdiff_original``:
    ``isinstance``/``issubclass`` answer for NumPy's class too (objects NumPy made itself); a
    script's own subclass of it answers as usual."""

    def __instancecheck__(cls, obj):
        original = cls.__dict__.get("_rngdiff_original")
        return isinstance(obj, original) if original is not None else type.__instancecheck__(cls, obj)

    def __subclasscheck__(cls, other):
        original = cls.__dict__.get("_rngdiff_original")
        return issubclass(other, original) if original is not None else type.__subclasscheck__(cls, other)


def install(session, module):
    """Replaces ``numpy.random``'s bit generator classes with recording subclasses."""
    import sys
    numpy = sys.modules["numpy"]
    kinds = numpy_bit_states.kinds(numpy, module)
    for name in NAMES:
        if getattr(getattr(module, name), "_rngdiff_original", None) is None:
            setattr(module, name, _subclass(session, kinds[name]))
    KINDS.update(kinds)


@contextlib.contextmanager
def unowned(bg):
    """Inside, a state assigned to ``bg`` is not the script's ``bit_generator.state = …`` (NumPy's
    ``RandomState.set_state`` assigns it; the caller declares its own seeding)."""
    bits = getattr(bg, "__dict__", {}).get("_rngdiff")
    owner = None if bits is None else bits.owner
    if bits is not None:
        bits.owner = None
    try:
        yield
    finally:
        if bits is not None:
            bits.owner = owner


def restarted(bg):
    """NumPy gave ``bg`` a new state without its ``state`` setter (``RandomState.seed``'s legacy
    seeding of an MT19937 object): its position starts again at 0 there, as the engine's does, and
    its seed sequence is what NumPy now holds (none)."""
    bits = getattr(bg, "__dict__", {}).get("_rngdiff")
    if bits is not None:
        bits.base, bits.offset = bits.kind.read(bg), 0
        bits.seed_seq = getattr(bg, "seed_seq", bits.seed_seq)


def _moved(bits, before, after):
    """``advance`` took the object from ``before`` to ``after``: not a draw. A wrapper's stream
    keeps the outputs drawn up to ``before`` and continues from ``after``; an unwrapped object's
    position likewise."""
    stream = bits.stream()
    if stream is not None:
        if stream.declared and not stream.same(stream.last, before):
            stream.counter += stream.words(stream.last, before) or 0
        stream.last = after
    else:
        bits.offset = bits.position(before)
        bits.base = after


def _subclass(session, kind):
    original = kind.original

    def assigned(self):
        bits = self.__dict__.get("_rngdiff")
        if bits is None:
            return
        state = kind.read(self)
        bits.base, bits.offset = state, 0
        stream = bits.stream()
        if stream is None:
            return
        bits.assignments += 1
        restored = Stream("numpy", "%s/state%d" % (stream.name, bits.assignments), stream.algorithm, stream.read,
                          stream.count, stream.entropy_seed, stream.same)
        bits.owner.__dict__["_rngdiff_stream"] = restored
        session.declare(restored, kind.material(state),
                        session.seeding("bit_generator.state = {...}", session.callsite.source(1)))

    class BitGenerator(original, metaclass=SameClass):
        __doc__ = original.__doc__
        _rngdiff_original = original

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            seed = args[0] if args else kwargs.get("seed")
            seed_seq = getattr(self, "seed_seq", None)
            argument = numpy_seed_text.argument(seed) if seed is not None else None
            self.__dict__["_rngdiff"] = Bits(kind, argument, seed_seq, kind.read(self))

        @property
        def state(self):
            return original.state.__get__(self)

        @state.setter
        def state(self, value):
            original.state.__set__(self, value)
            assigned(self)

        def __reduce__(self):
            made = original.__reduce__(self)
            return (made[0], (original,) + tuple(made[1][1:])) + tuple(made[2:])

    if hasattr(original, "advance"):
        def advance(self, delta):
            bits = self.__dict__.get("_rngdiff")
            if bits is None:
                return original.advance(self, delta)
            before = kind.read(self)
            result = original.advance(self, delta)
            _moved(bits, before, kind.read(self))
            return result
        advance.__doc__ = original.advance.__doc__
        BitGenerator.advance = advance

    if hasattr(original, "jumped"):
        def jumped(self, jumps=1):
            result = original.jumped(self, jumps)
            bits, made = self.__dict__.get("_rngdiff"), getattr(result, "__dict__", {}).get("_rngdiff")
            if bits is not None and made is not None:
                made.argument, made.seed_seq = bits.argument, bits.seed_seq
                made.base, made.offset = kind.read(result), 0
            return result
        jumped.__doc__ = original.jumped.__doc__
        BitGenerator.jumped = jumped

    BitGenerator.__module__ = original.__module__
    BitGenerator.__qualname__ = BitGenerator.__name__ = original.__name__
    return BitGenerator
