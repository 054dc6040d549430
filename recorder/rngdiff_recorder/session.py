"""The recording session: the trace, the user's script, and one ``Stream`` per real generator.

A framework module (``frameworks/*.py``) wraps each drawing function so that it calls
``session.draw(stream, describe, fn, args, kwargs)``: the session reads the generator's real state
before and after the call, counts the words between them (``Stream.words``), asks ``describe`` for
the op, distribution, parameters, dtype, shape and values in the engine's vocabulary, and writes
one draw event. Calls made while another recorded call runs (``randint`` calling ``randrange``
in a subclass) are not recorded again: one framework-level call is one draw.

    >>> s = Session(writer, CallSite("train.py"), keep_values=False)
    >>> s.draw(stream, describe, rng.random, (), {})

Counters: each declaration (a seeding) starts the stream's counter at 0 (or the ``start`` it gives); every draw's counter is
the counter after the previous recorded event plus the words between the state then and the state
before this call, so words drawn behind the recorder's back show as a counter gap, never hidden.

Consumers: who asked for a draw, as the engine's ``TraceRecorder`` names it. ``consuming(path,
role)`` sets the consumer of every draw and derivation inside it; ``drawing_for(path, role)`` only
that of draws (a built-in Keras layer's build: its derivations stay with the caller, as in the
engine). A consumer whose path is not known yet (``Consumer(None, role)``, a Keras weight whose
path exists only once its variable is made) holds the events written meanwhile until ``resolve``
names it, so they are written in order with the path they should have.

    >>> with s.consuming("sequential/dense/kernel", "init"):
    ...     s.derivation("keras.draw_seed", {"seed": "5"}, "[5, 0]")
"""

import contextlib
import os
import sys
import sysconfig

_LIBRARIES = tuple(os.path.realpath(p) + os.sep for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
                                                          sysconfig.get_paths()["platlib"]})

from .digest import array_digest, scalar_digest
from .trace import TraceWriter


# ``str(dtype)`` of the NumPy dtypes met so far.
_DTYPE_NAMES = {}

# Writers a DataLoader worker inherited from the script's process: kept alive, so that the
# worker never flushes (and so duplicates) the parent's buffered lines.
_inherited = []


class Stream:
    """One real generator. ``read()`` returns its state (a tuple); ``count(before, after, hint)``
    the units drawn between two states (``mt19937.counter``, ``pcg64.counter``); ``same(a, b)``
    whether two states are equal (``mt19937.same_state``: cheaper than ``==``); ``framework``,
    ``name`` and ``algorithm`` name it in the trace; ``entropy_seed`` is the seed written when it
    draws before any seeding the recorder saw."""

    # Every stream made in this process, so that a DataLoader worker can rename them all.
    made = []

    def __init__(self, framework, name, algorithm, read, count, entropy_seed, same=None):
        Stream.made.append(self)
        self.framework, self.name, self.algorithm = framework, name, algorithm
        self.read, self.count = read, count
        self.same = same or (lambda a, b: a == b)
        self.entropy_seed = entropy_seed
        # Called with the draw's source for a stream that draws before any seeding the recorder saw,
        # when the framework starts it from a fixed seed: returns (seed, seeding). None: entropy.
        self.first_seeding = None
        self.id = None
        self.declared = False
        self.counter = 0
        self.last = read()

    def words(self, before, after, hint=None):
        return self.count(before, after, hint)


def _stream_id(stream):
    if stream is None or isinstance(stream, str):
        return stream
    if isinstance(stream, Stream):
        return stream.id
    return stream()


class Consumer:
    """A consumer path and role; ``path`` None while it is not known yet (see ``Session.resolve``)."""

    def __init__(self, path, role):
        self.path, self.role = path, role


TOP = Consumer("<top>", "")


class Session:
    def __init__(self, writer, callsite, keep_values):
        self.writer = writer
        self.callsite = callsite
        self.keep_values = keep_values
        self.depth = 0
        self._consumers = [TOP]
        self._draw_consumers = []
        self._held = []
        # Seeding calls renamed while a framework call that seeds runs (``keras.utils.set_random_seed``
        # seeds ``random`` with ``random.seed(s)``; the engine names the outer call).
        self.renamed_calls = {}
        # One-shot: called with a stream just declared (to write a derivation right after it).
        self.after_declare = None
        # Called first by ``close`` (a framework naming what it still holds while the script's
        # variables are still there).
        self.closing = []

    # Consumers

    @property
    def consumer(self):
        return self._consumers[-1]

    @property
    def draw_consumer(self):
        return self._draw_consumers[-1] if self._draw_consumers and self._draw_consumers[-1] else self._consumers[-1]

    @contextlib.contextmanager
    def consuming(self, path, role):
        """Every draw and derivation inside is attributed to ``path``/``role`` (a ``Consumer`` too)."""
        consumer = path if isinstance(path, Consumer) else Consumer(path, role)
        self._consumers.append(consumer)
        self._draw_consumers.append(None)
        try:
            yield consumer
        finally:
            self._consumers.pop()
            self._draw_consumers.pop()

    def enter(self, consumer):
        """``consuming(consumer)`` without a context manager (a hook's hot path): every draw and
        derivation until ``leave()`` is attributed to ``consumer``."""
        self._consumers.append(consumer)
        self._draw_consumers.append(None)

    def leave(self):
        """Ends the ``enter`` before it."""
        self._consumers.pop()
        self._draw_consumers.pop()

    @contextlib.contextmanager
    def drawing_for(self, path, role):
        """Draws inside are attributed to ``path``/``role``; derivations keep the current consumer."""
        self._draw_consumers.append(path if isinstance(path, Consumer) else Consumer(path, role))
        try:
            yield
        finally:
            self._draw_consumers.pop()

    def resolve(self, consumer, path):
        """Names a consumer made without a path, and writes the events held for it."""
        consumer.path = path
        self._flush()

    def _flush(self):
        while self._held and all(c.path is not None for c in self._held[0][0]):
            self._held.pop(0)[1]()

    def emit(self, write, *consumers):
        """Runs ``write()`` now, or once every consumer it names has a path (in order with the rest)."""
        if not self._held:
            for c in consumers:
                if c.path is None:
                    break
            else:
                write()
                return
        self._held.append((consumers, write))

    def close(self):
        """Writes what is still held (a consumer that never got a path is ``<top>``)."""
        for hook in self.closing:
            try:
                hook()
            except Exception as error:  # the trace must still be written
                sys.stderr.write("rngdiff record: warning: %s: %s\n" % (type(error).__name__, error))
        for consumers, _ in self._held:
            for c in consumers:
                if c.path is None:
                    c.path = "<top>"
        self._flush()

    def importing(self, skip=2):
        """The module a library is importing when its top-level code draws (``rich.style``), or
        None when the draw comes from the script (or code it called) or from no import. Only
        modules installed in the interpreter's library folders count: a helper module beside the
        script is the script's own code."""
        frame = sys._getframe(skip)
        while frame is not None:
            code = frame.f_code
            if code.co_filename == self.callsite.filename:
                return None
            if code.co_name == "<module>" and os.path.realpath(code.co_filename).startswith(_LIBRARIES):
                return frame.f_globals.get("__name__")
            frame = frame.f_back
        return None

    # DataLoader workers

    def enter_worker(self, part_path, worker_id):
        """In a DataLoader worker process just forked from the script's: from now on this process
        writes its events to ``part_path`` (``merge_parts`` appends them to the trace when the
        script ends), and every stream is the worker's own (``worker<id>/<name>``), declared again
        at its next seeding or draw. The parent's writer is kept, never flushed or closed here: its
        buffer holds the parent's lines. Events the parent still holds are the parent's to write."""
        _inherited.append(self.writer)
        self.writer = TraceWriter(open(part_path, "w", encoding="utf-8"), None)
        self._held = []
        self._consumers, self._draw_consumers, self.depth = [TOP], [], 0
        for stream in Stream.made:
            stream.name = "worker%d/%s" % (worker_id, stream.name)
            stream.declared, stream.id, stream.counter = False, None, 0

    def leave_worker(self):
        """The worker's loop ended: what it still holds is written (a consumer never named is
        ``<top>``) and its part is complete."""
        for consumers, _ in self._held:
            for c in consumers:
                if c.path is None:
                    c.path = "<top>"
        self._flush()
        self.writer.close()

    def merge_parts(self, trace_path):
        """Appends the parts DataLoader workers wrote beside ``trace_path`` (in the order of the
        loader passes, then of the workers), and removes them. A part cut short (a worker killed)
        keeps its complete lines."""
        folder, base = os.path.split(os.path.abspath(trace_path))
        prefix = base + ".pass"
        for name in sorted(n for n in os.listdir(folder or ".") if n.startswith(prefix)):
            path = os.path.join(folder, name)
            try:
                with open(path, encoding="utf-8") as part:
                    lines = [line for line in part.read().split("\n") if line.endswith("}")]
                self.writer.append_part(lines)
            except Exception as error:  # the trace must still be written
                sys.stderr.write("rngdiff record: warning: a DataLoader worker's events: %s: %s\n" % (type(error).__name__, error))
            finally:
                try:
                    os.remove(path)
                except OSError:
                    pass

    # Events

    def declare(self, stream, seed, seeding, start=0):
        """The stream was just (re)seeded: declare it with its seed and seeding call, its counter at
        ``start`` (a NumPy bit generator that drew before a ``Generator`` wrapped it)."""
        stream.counter = start
        stream.last = stream.read()
        stream.declared = True

        def write():
            stream.id = self.writer.declare(stream.framework, stream.name, stream.algorithm, seed, seeding, start)
        self.emit(write)
        if self.after_declare is not None:
            hook, self.after_declare = self.after_declare, None
            hook(stream)

    def seeding(self, call, source):
        call = self.renamed_calls.get(call, call)
        return {"how": "explicit", "call": call, "source": source} if source else {"how": "explicit", "call": call}

    def derivation(self, rule, inputs, result, stream=None, source=None):
        """Writes a derivation event with the current consumer. ``stream`` is an id, a ``Stream``
        or a function giving the id (read when the event is written, after any held declaration)."""
        consumer = self.consumer
        self.emit(lambda: self.writer.derivation(rule, inputs, result, _stream_id(stream), consumer.path,
                                                 consumer.role, source), consumer)

    def digest_of(self, array):
        """``(digest, values or None)`` of a NumPy array (or anything ``numpy.asarray`` takes)."""
        import numpy
        a = numpy.asarray(array)
        return array_digest(a), (a.ravel().tolist() if self.keep_values else None)

    def tensor(self, name, moment, array, index=None):
        """Writes a tensor event for a NumPy array (its own dtype)."""
        import numpy
        a = numpy.asarray(array)
        digest = array_digest(a)
        listed = a.ravel().tolist() if self.keep_values else None
        self.emit(lambda: self.writer.tensor(name, moment, str(a.dtype), list(a.shape), digest, listed, index))

    def phase(self, phase, edge, index=None, name=None):
        """Writes a phase marker (in order with held events)."""
        self.emit(lambda: self.writer.phase(phase, edge, index, name))

    def metric(self, name, value, epoch=None, step=None):
        """Writes a metric event (a float, as Python holds it)."""
        value = float(value)
        self.emit(lambda: self.writer.metric(name, value, epoch, step))

    def write_draw(self, stream_id, counter, count, op, dist, params, dtype, shape, source, digest, values):
        """Writes a draw with the current draw consumer (for streams without a readable state)."""
        consumer = self.draw_consumer
        self.emit(lambda: self.writer.draw(_stream_id(stream_id), counter, count, op, dist, params, dtype, shape, source, digest,
                                           values, consumer.path, consumer.role), consumer)

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
        if not stream.declared:
            stream.declared = True
            first_seed, first_seeding = stream.entropy_seed, {"how": "entropy"}
            if stream.first_seeding is not None:
                first_seed, first_seeding = stream.first_seeding(self.callsite.source(4))

            def write_entropy():
                stream.id = self.writer.declare(stream.framework, stream.name, stream.algorithm,
                                                first_seed, first_seeding)
            self.emit(write_entropy)
            stream.counter = 0
            unseen = 0
        counter = stream.counter + (unseen or 0)
        count = stream.words(before, after, hint)
        if count is None:
            count = 0
        if dtype is None:  # a NumPy array or scalar: its own dtype
            import numpy
            array = numpy.asarray(values)
            dtype = _DTYPE_NAMES.get(array.dtype)
            if dtype is None:
                dtype = _DTYPE_NAMES[array.dtype] = str(array.dtype)  # NumPy's str() of a dtype runs Python code
            digest = array_digest(array)
            listed = array.ravel().tolist() if self.keep_values else None
        else:
            digest = scalar_digest(values, dtype)
            listed = list(values) if self.keep_values else None
        consumer, source = self.draw_consumer, self.callsite.source(4)
        if consumer is TOP:
            module = self.importing(3)
            if module is not None:
                consumer = Consumer("import " + module, "import")
        self.emit(lambda: self.writer.draw(stream.id, counter, count, op, dist, params, dtype, shape,
                                           source, digest, listed, consumer.path, consumer.role), consumer)
        stream.counter = counter + count
        stream.last = after
        stream.last_counter = counter
