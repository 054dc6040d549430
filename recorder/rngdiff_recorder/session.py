"""The recording session: the trace, the user's script, and one ``Stream`` per real generator.

A framework module (``frameworks/*.py``) wraps each drawing function so that it calls
``session.draw(stream, describe, fn, args, kwargs)``: the session reads the generator's real state
before and after the call, counts the words between them (``Stream.words``), asks ``describe`` for
the op, distribution, parameters, dtype, shape and values in the engine's vocabulary, and writes
one draw event. Calls made while another recorded call runs (``randint`` calling ``randrange``
in a subclass) are not recorded again: one framework-level call is one draw.

    >>> s = Session(writer, CallSite("train.py"), keep_values=False)
    >>> s.draw(stream, describe, rng.random, (), {})

Counters: each declaration (a seeding) starts the stream's counter at 0; every draw's counter is
the counter after the previous recorded event plus the words between the state then and the state
before this call, so words drawn behind the recorder's back show as a counter gap, never hidden.
"""

from .digest import array_digest, scalar_digest


class Stream:
    """One real generator. ``read()`` returns its state (a tuple); ``count(before, after, hint)``
    the units drawn between two states (``mt19937.counter``, ``pcg64.counter``); ``same(a, b)``
    whether two states are equal (``mt19937.same_state``: cheaper than ``==``); ``framework``,
    ``name`` and ``algorithm`` name it in the trace; ``entropy_seed`` is the seed written when it
    draws before any seeding the recorder saw."""

    def __init__(self, framework, name, algorithm, read, count, entropy_seed, same=None):
        self.framework, self.name, self.algorithm = framework, name, algorithm
        self.read, self.count = read, count
        self.same = same or (lambda a, b: a == b)
        self.entropy_seed = entropy_seed
        self.id = None
        self.counter = 0
        self.last = read()

    def words(self, before, after, hint=None):
        return self.count(before, after, hint)


class Session:
    def __init__(self, writer, callsite, keep_values):
        self.writer = writer
        self.callsite = callsite
        self.keep_values = keep_values
        self.depth = 0

    def declare(self, stream, seed, seeding):
        """The stream was just (re)seeded: declare it with its seed and seeding call."""
        stream.id = self.writer.declare(stream.framework, stream.name, stream.algorithm, seed, seeding)
        stream.counter = 0
        stream.last = stream.read()

    def seeding(self, call, source):
        return {"how": "explicit", "call": call, "source": source} if source else {"how": "explicit", "call": call}

    def draw(self, stream, describe, fn, args, kwargs, hint=None):
        """Calls ``fn(*args, **kwargs)`` and records it as one draw on ``stream``."""
        if self.depth:
            return fn(*args, **kwargs)
        before = stream.read()
        self.depth += 1
        try:
            result = fn(*args, **kwargs)
        finally:
            self.depth -= 1
        after = stream.read()
        self.depth += 1
        try:
            self._write(stream, before, after, describe(result, before, args, kwargs), hint)
        finally:
            self.depth -= 1
        return result

    def _write(self, stream, before, after, described, hint):
        op, dist, params, dtype, shape, values = described
        last = stream.last
        unseen = 0 if stream.same(last, before) else stream.words(last, before)
        if stream.id is None:
            stream.id = self.writer.declare(stream.framework, stream.name, stream.algorithm,
                                            stream.entropy_seed, {"how": "entropy"})
            stream.counter = 0
            unseen = 0
        counter = stream.counter + (unseen or 0)
        count = stream.words(before, after, hint)
        if count is None:
            count = 0
        if dtype is None:  # a NumPy array or scalar: its own dtype
            import numpy
            array = numpy.asarray(values)
            dtype = str(array.dtype)
            digest = array_digest(array)
            listed = array.ravel().tolist() if self.keep_values else None
        else:
            digest = scalar_digest(values, dtype)
            listed = list(values) if self.keep_values else None
        self.writer.draw(stream.id, counter, count, op, dist, params, dtype, shape,
                         self.callsite.source(4), digest, listed)
        stream.counter = counter + count
        stream.last = after
