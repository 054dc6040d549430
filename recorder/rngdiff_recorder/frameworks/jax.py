"""JAX keys as the Keras 3 JAX backend uses them: one stream per key.

A JAX sampler (``jax.random.uniform(key, shape)``) reads the Threefry-2x32 stream keyed by its key
data ``(hi, lo)`` from the start every time: the stream is ``jax.key(hi,lo)``, declared with seed
``threefry2x32 key_data=(hi, lo); partitionable, x32`` (the two JAX settings that change the bits,
read from the real ``jax.config``) and seeding call ``key_data (hi, lo)``, as JAXStreams names it.
A key has no state to read, so ``count`` is the number of Threefry evaluations the output needs:
one per value when ``jax_threefry_partitionable`` is on (JAX's default), one per two 32-bit values
otherwise.

    >>> streams.draw("uniform", "uniform", {"minval": "-1.0", "maxval": "1.0", "dtype": "float32"},
    ...              "float32", [3, 2], (255512576, 0), values, source)      # count 6

Edge cases: the same key again re-declares its stream (counter back to 0), as the engine does.
Nothing is patched here yet: the Keras 3 recorder (``keras3.py``) calls ``KeyStreams.draw`` for its
backend's ops; ``jax.random.*`` called by the script itself is not recorded in this stage.
"""

MODULES = ()


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


class KeyStreams:
    """The ``jax.key(hi,lo)`` streams of one run, with where each one's last draw ended."""

    def __init__(self, session):
        self.session = session
        self.next = {}

    def draw(self, op, dist, params, dtype, shape, key, values, source):
        session = self.session
        writer = session.writer
        summary = config_summary()
        name = "key(%d,%d)" % key
        material = "threefry2x32 key_data=(%d, %d); %s" % (key[0], key[1], summary)
        seeding = {"how": "explicit", "call": "key_data (%d, %d)" % key}
        if source is not None:
            seeding["source"] = source
        count = 1
        for d in shape:
            count *= int(d)
        evaluations = _evaluations(count, dtype, summary.startswith("partitionable"))
        previous = self.next.get((name, material))
        ids = {}

        def declare():
            sid = writer.known("jax", name, "threefry2x32-20", material)
            if sid is None or (previous is not None and previous > 0):
                sid = writer.declare("jax", name, "threefry2x32-20", material, seeding)
            ids["id"] = sid
        session.emit(declare)
        self.next[(name, material)] = evaluations
        session.write_draw(lambda: ids["id"], 0, evaluations, op, dist, params, dtype, shape, source,
                           *session.digest_of(values))
