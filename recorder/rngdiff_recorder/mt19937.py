"""How many 32-bit MT19937 words were drawn between two real generator states.

A state is ``(key, pos)``: the 624-word key (as bytes or a tuple) and the position in it. Without
a twist between the states the count is ``pos_after - pos_before``; across twists the key changed,
and the count is found by advancing a copy of the *before* state (``advance(n)`` draws ``n`` words
at C speed) until its key equals the *after* key: one candidate per twist, trying ``hint`` first
when the caller knows the likely count (a large draw then costs one C call).

    >>> words_between(before, after, shadow)   # shadow(before) -> step; step(n) draws n more words, returns the key

Edge case: states that no number of words up to ``limit`` connects (the generator was replaced
behind the recorder's back) give None.
"""

N = 624


def words_between(before, after, shadow, hint=None, limit=1 << 36):
    (key_b, pos_b), (key_a, pos_a) = before, after
    if key_a == key_b and pos_a >= pos_b:
        return pos_a - pos_b
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
