"""How many 64-bit outputs of NumPy's PCG64 or PCG64DXSM were drawn between two real states.

Both are 128-bit LCGs (``state = state * multiplier + inc``, one step per 64-bit output): PCG64
with its 128-bit multiplier, PCG64DXSM with the 64-bit "cheap" one (0xda942042e4dd58b5, NumPy's
``PCG_CHEAP_MULTIPLIER_128``). So the distance between two states is found in 128 steps at most,
bit by bit (PCG's ``distance``), whatever the number of outputs: no replay. A state is ``(state,
inc, has_uint32, uinteger)`` as ``bit_generator.state`` gives it; a 32-bit draw served from the
kept half (``has_uint32``) is 0.

    >>> lcg_distance(before_state, after_state, inc)                    # 5 after five PCG64 outputs
    >>> lcg_distance(before_state, after_state, inc, DXSM_MULTIPLIER)   # the same for PCG64DXSM

Edge case: states with different increments (the generator was replaced) give None.
"""

MULTIPLIER = 0x2360ED051FC65DA44385DF649FCCF645
DXSM_MULTIPLIER = 0xDA942042E4DD58B5
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


def dxsm_counter(before, after, hint=None):
    """A ``Stream.count`` for PCG64DXSM states."""
    if before[1] != after[1]:
        return None
    return lcg_distance(before[0], after[0], before[1], DXSM_MULTIPLIER)
