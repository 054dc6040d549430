"""How many 64-bit outputs of NumPy's ``SFC64`` were drawn between two real states.

SFC64's state is four 64-bit words ``a, b, c, w``; ``w`` is a counter that every output
increments by one (13 after seeding: 1, then twelve outputs discarded). So the outputs drawn
between two states are ``w_after - w_before`` (mod 2**64): no replay. A state is ``(a, b, c, w,
has_uint32, uinteger)`` as ``bit_generator.state`` gives it; a 32-bit draw served from the kept
half is 0.

    >>> outputs_between((a, b, c, 13, 0, 0), (a2, b2, c2, 18, 0, 0))    # 5

Edge case: SFC64 has no ``advance`` or ``jumped``; a state assigned behind the recorder's back is
read as the difference of its counter word, the only position SFC64 has.
"""

MOD = 1 << 64


def outputs_between(before, after, hint=None):
    """A ``Stream.count`` for SFC64 states."""
    return (after[3] - before[3]) % MOD
