"""How many 64-bit PCG64 outputs were drawn between two real states.

PCG64 is a 128-bit LCG (``state = state * MULTIPLIER + inc``, one step per 64-bit output), so the
distance between two states is found in 128 steps at most, bit by bit (PCG's ``distance``),
whatever the number of outputs: no replay. A state is ``(state, inc, has_uint32, uinteger)`` as
``bit_generator.state`` gives it; a 32-bit draw served from the kept half (``has_uint32``) is 0.

    >>> lcg_distance(before_state, after_state, inc)    # 5 after five next64 calls

Edge case: states with different increments (the generator was replaced) give None.
"""

MULTIPLIER = 0x2360ED051FC65DA44385DF649FCCF645
MASK = (1 << 128) - 1


def lcg_distance(current, target, inc, multiplier=MULTIPLIER):
    bit, distance = 1, 0
    while current != target:
        if bit > MASK:
            return None
        if (current & bit) != (target & bit):
            current = (current * multiplier + inc) & MASK
            distance |= bit
        inc = ((multiplier + 1) * inc) & MASK
        multiplier = (multiplier * multiplier) & MASK
        bit <<= 1
    return distance


def counter(before, after, hint=None):
    """A ``Stream.count`` for PCG64 states."""
    if before[1] != after[1]:
        return None
    return lcg_distance(before[0], after[0], before[1])
