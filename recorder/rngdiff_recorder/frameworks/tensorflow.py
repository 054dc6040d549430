"""TensorFlow's stateless random ops as the Keras 3 TensorFlow backend uses them.

A stateless op (``tf.random.stateless_uniform(shape, seed=[a, b])``) reads a Philox stream keyed by
its seed from counter 0 every time: the stream is ``tensorflow.stateless(a,b)``, declared with the
Philox key and counter TensorFlow derives from the seed (read from the real op
``StatelessRandomGetKeyCounter``, not recomputed), after a ``tf.stateless.GenerateKey``
derivation. A stateless stream has no state to read, so a draw's ``count`` is the number of Philox
blocks its output spans, by TensorFlow's kernels' rule as the engine reports it (TensorFlowStreams):
four 32-bit or two 64-bit values a block; a truncated normal owns 256 blocks (float32) or 128
(float64) per group of four (two) values.

    >>> streams = StatelessStreams(session)
    >>> streams.draw("stateless_uniform", "uniform", {"minval": "-0.5", ...}, "float32", [5, 3],
    ...              (144272510, 0), values, "train.py:12")    # count 4

Edge cases: the same seed again re-declares its stream (counter back to 0), as the engine's
recorder does; a seed TensorFlow refuses never reaches here (the op raised first).

Hooked when the script imports ``tensorflow``: ``tf.random.set_seed(s)`` called by the script is
a ``tf.random.set_seed`` derivation (as the engine writes it; of Keras 3, only ``fit``'s shuffle reads
the global seed, its other ops are stateless; inside ``keras.utils.set_random_seed`` it is part of that call's derivation).
The Keras 3 recorder (``keras3.py``) calls ``StatelessStreams.draw`` after its backend's ops;
``tf.random.uniform`` and the other ops called by the script itself are not recorded in this stage.
"""

import functools

MODULES = ("tensorflow",)


def install(session, module):
    """Hooks ``tf.random.set_seed`` of ``module`` (``tensorflow``, just imported) into ``session``."""
    random = getattr(module, "random", None)
    original = getattr(random, "set_seed", None)
    if original is None or getattr(original, "_rngdiff", False):
        return

    @functools.wraps(original)
    def set_seed(seed):
        result = original(seed)
        if not getattr(session, "seeding_keras", False):
            session.derivation("tf.random.set_seed", {"seed": repr(seed)},
                               "TensorFlow global seed (read by Keras 3's fit shuffle)", source=session.callsite.source(1))
        return result
    set_seed._rngdiff = True
    random.set_seed = set_seed

_PER_BLOCK = {"float64": 2, "int64": 2, "uint64": 2}


def _blocks(count, dtype, truncated):
    per = _PER_BLOCK.get(dtype, 4)
    groups = (count + per - 1) // per
    if truncated:
        return groups * (256 if per == 4 else 128)
    return groups


# Seed pairs whose key and counter a graph already computed (``remember_key_counter``), until used.
_KNOWN = {}


def key_counter_text(seed):
    """``key=(0x…,0x…) counter=(0,0,0x…,0x…)`` for an int32 seed pair, from TensorFlow's own key
    derivation: the one a graph ran for it (``remember_key_counter``), or run eagerly now (even
    while a graph is being built)."""
    known = _KNOWN.pop(tuple(seed), None)
    if known is not None:
        return known
    import tensorflow as tf
    with tf.init_scope():
        key, counter = tf.raw_ops.StatelessRandomGetKeyCounter(seed=tf.constant(list(seed), dtype=tf.int32))
    return _material(key.numpy(), counter.numpy())


def remember_key_counter(seed, key, counter):
    """Keeps what ``tf.raw_ops.StatelessRandomGetKeyCounter`` gave for ``seed`` inside a graph
    (NumPy arrays), for ``key_counter_text``: one eager op less per draw recorded later."""
    _KNOWN[tuple(int(v) for v in seed)] = _material(key, counter)


def _material(key, counter):
    k = int(key[0])
    c = [int(x) for x in counter]

    def word(w):
        return "0x%08x" % w

    def words(v):
        return [v & 0xFFFFFFFF, v >> 32]
    low = words(c[0])
    high = words(c[1])
    counter_words = ["0" if w == 0 else word(w) for w in low] + [word(w) for w in high]
    return "key=(%s,%s) counter=(%s)" % (word(k & 0xFFFFFFFF), word(k >> 32), ",".join(counter_words))


class StatelessStreams:
    """The ``tensorflow.stateless(a,b)`` streams of one run, with where each one's last draw ended."""

    def __init__(self, session):
        self.session = session
        self.next = {}

    def draw(self, op, dist, params, dtype, shape, seed, values, source, truncated=False):
        session = self.session
        writer = session.writer
        name = "stateless(%d,%d)" % seed
        material = key_counter_text(seed)
        seed_text = "[%d, %d]" % seed
        seeding = {"how": "derived", "rule": "tf.stateless.GenerateKey", "from": "seed=" + seed_text}
        if source is not None:
            seeding["source"] = source
        key = (name, material)
        count = 1
        for d in shape:
            count *= int(d)
        blocks = _blocks(count, dtype, truncated)
        ids = {}

        def declare_new():
            sid = writer.known("tensorflow", name, "philox4x32-10", material)
            if sid is None:
                sid = writer.declare("tensorflow", name, "philox4x32-10", material, seeding)
            ids["id"] = sid
        # The derivation keys the stream: declared before it when new (as the engine's recorder does).
        session.emit(declare_new)
        session.derivation("tf.stateless.GenerateKey", {"seed": seed_text}, material, stream=lambda: ids["id"],
                           source=source)
        previous = self.next.get(key)

        def redeclare():
            writer.declare("tensorflow", name, "philox4x32-10", material, seeding)
        if previous is not None and previous > 0:
            session.emit(redeclare)  # the same seed again: its stream starts over at counter 0
        self.next[key] = blocks
        session.write_draw(lambda: ids["id"], 0, blocks, op, dist, params, dtype, shape, source,
                           *session.digest_of(values))
