"""How `rngdiff run` writes a NumPy seed, so that the recorder writes it the same way.

Two texts: the seed *material* of a stream seeded through a ``SeedSequence`` (its entropy as
32-bit words in hex, and its spawn key), and the seed *argument* as the engine prints it in a
seeding call (``np.random.Generator(np.random.Philox(7))``): the argument's Python repr, but a
``SeedSequence`` as ``SeedSequence(entropy=…, spawn_key=(…))`` (NumPy's own repr spans lines).

    >>> material(np.random.SeedSequence(5).spawn(1)[0])   # 'SeedSequence(entropy=[0x5], spawn_key=(0,))'
    >>> argument(np.random.SeedSequence([1, 2]))          # 'SeedSequence(entropy=[1, 2], spawn_key=())'

Edge cases: an int wider than 32 bits is its words, least significant first (2**40 is
``[0x0, 0x100]``), 0 is one word; the spawn key is written with a trailing comma whatever its
length (``spawn_key=(0, 1,)``), as the engine writes it.
"""


def entropy_words(entropy):
    """SeedSequence's entropy as 32-bit words, least significant first, each int's words in turn."""
    if hasattr(entropy, "tolist"):  # a NumPy array or scalar
        entropy = entropy.tolist()
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


def material(seed_seq):
    """``SeedSequence(entropy=[0x…]…)``: a stream's seed material, as the engine's ``NumPyGenerator`` writes it."""
    entropy = ", ".join("0x%x" % w for w in entropy_words(seed_seq.entropy))
    key = tuple(getattr(seed_seq, "spawn_key", ()) or ())
    spawn = ", spawn_key=(%s,)" % ", ".join(str(w) for w in entropy_words(list(key))) if key else ""
    return "SeedSequence(entropy=[%s]%s)" % (entropy, spawn)


def argument(seed):
    """The seed argument of a bit generator's constructor as the engine prints it in a call."""
    if hasattr(seed, "spawn_key") and hasattr(seed, "entropy"):
        return "SeedSequence(entropy=%r, spawn_key=%r)" % (seed.entropy, tuple(int(k) for k in seed.spawn_key))
    return repr(seed)
