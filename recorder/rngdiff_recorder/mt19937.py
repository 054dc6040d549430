"""How many 32-bit MT19937 words were drawn between two real generator states.

A state is ``(key, pos, ...)``: the 624-word key (as bytes or a tuple) and the position in it
(items after the second are the caller's own: torch adds its generator's seed). Without
a twist between the states the count is ``pos_after - pos_before``; across twists the key changed,
and the count is found by advancing a copy of the *before* state (``advance(n)`` draws ``n`` words
at C speed) until its key equals the *after* key: one candidate per twist, trying ``hint`` first
when the caller knows the likely count (a large draw then costs one C call).

    >>> words_between(before, after, shadow)   # shadow(before) -> step; step(n) draws n more words, returns the key
    >>> count = numpy_counter(numpy, numpy.random.MT19937(0))   # a Stream.count for NumPy's states

Edge case: states that no number of words up to ``limit`` connects (the generator was replaced
behind the recorder's back) give None.
"""

N = 624


def same_key(a, b):
    """Whether two keys are the same. Bytes compare whole (memcmp); tuples of ints compare ten
    words spread over the key: a twist rewrites every word, each equal to its old value with
    probability 2**-32, so ten equal words mean no twist with certainty 1 - 2**-320, at a
    fraction of a whole-tuple comparison's cost. (A Python key tuple may carry the position as
    a 625th item; it is not compared here.)"""
    if isinstance(a, bytes):
        return a == b
    return (a[0] == b[0] and a[1] == b[1] and a[113] == b[113] and a[227] == b[227] and a[311] == b[311]
            and a[396] == b[396] and a[397] == b[397] and a[509] == b[509] and a[622] == b[622]
            and a[623] == b[623])


def same_state(a, b):
    """Whether two ``(key, pos)`` states are the same (see ``same_key``)."""
    return a[1] == b[1] and same_key(a[0], b[0])


def position_after(pos, words):
    """Where ``words`` words drawn from position ``pos`` land: ``(twists, pos)``, the twists made
    on the way and the position after (positions 1 to 624 after a draw; 624 is a spent block)."""
    room = N - pos
    if words <= room:
        return 0, pos + words
    twists = (words - room + N - 1) // N
    return twists, words - room - N * (twists - 1)


def rule_holds(before, after, words):
    """Whether two real states agree with ``words`` words drawn between them, as far as the states
    show without replaying: the position is where those words put it, and the key changed exactly
    when they cross a twist. Used for a rule (an op's words for its shape) already confirmed by a
    replay: a draw of another length is caught unless it differs by a whole number of twists'
    worth of words (624 words, never done by an op whose words are a fixed count per element)."""
    twists, pos = position_after(before[1], words)
    return after[1] == pos and (twists > 0) != same_key(before[0], after[0])


def words_between(before, after, shadow, hint=None, limit=1 << 36):
    key_b, pos_b, key_a, pos_a = before[0], before[1], after[0], after[1]
    if pos_a >= pos_b and same_key(key_a, key_b):
        return pos_a - pos_b
    blocks = getattr(shadow, "blocks", None)
    if blocks is not None:
        return blocks(before, after, limit)
    first = (N - pos_b) + pos_a
    if hint is not None and hint > first and (hint - first) % N == 0:
        if shadow(before)(hint) == key_a:
            return hint
    step = shadow(before)
    n = first
    key = step(first)
    while key != key_a:
        if n > limit:
            return None
        n += N
        key = step(N)
    return n


def counter(shadow):
    """A ``Stream.count`` for MT19937 states ``(key, pos)`` advanced by ``shadow``."""
    return lambda before, after, hint=None: words_between(before, after, shadow, hint)


def block_search(numpy, bit_generator):
    """A ``shadow.blocks`` for ``words_between`` that works in C with NumPy's MT19937 ``bit_generator``
    (a scratch one, reseeded for each count): after the first block boundary each block of 624 outputs
    is the tempered key of one twist, so the twist whose key is the *after* key is found by comparing
    whole blocks at once. Keys are little-endian uint32 bytes."""
    def blocks(before, after, limit):
        target = numpy.frombuffer(after[0], dtype=numpy.uint32).astype(numpy.uint64)
        target ^= target >> 11
        target ^= (target << 7) & 0x9D2C5680
        target ^= (target << 15) & 0xEFC60000
        target ^= target >> 18
        target &= 0xFFFFFFFF
        bg = bit_generator
        bg.state = {"bit_generator": "MT19937",
                    "state": {"key": numpy.frombuffer(before[0], dtype=numpy.uint32).copy(), "pos": before[1]}}
        if before[1] < N:
            bg.random_raw(N - before[1])
        twists, chunk = 0, 4
        while twists * N <= limit:
            raw = bg.random_raw(N * chunk).reshape(chunk, N)
            hits = numpy.flatnonzero((raw == target).all(axis=1))
            if hits.size:
                t = twists + int(hits[0]) + 1
                return (N - before[1]) + N * (t - 1) + after[1]
            twists += chunk
            chunk = min(chunk * 2, 1024)
        return None
    return blocks


def numpy_counter(numpy, scratch):
    """A ``Stream.count`` for NumPy MT19937 states ``(key bytes, pos)`` (little-endian uint32 key),
    stepping ``scratch`` (an MT19937 bit generator of NumPy's own class, reused for every count)."""
    def shadow(before):
        scratch.state = {"bit_generator": "MT19937",
                         "state": {"key": numpy.frombuffer(before[0], dtype=numpy.uint32).copy(), "pos": before[1]}}

        def step(n):
            while n > 0:
                m = min(n, 1 << 20)
                scratch.random_raw(m)
                n -= m
            return scratch.state["state"]["key"].tobytes()
        return step

    shadow.blocks = block_search(numpy, scratch)
    return counter(shadow)
