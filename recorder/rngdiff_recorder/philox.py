"""How many 64-bit outputs of NumPy's ``Philox`` (4x64-10) were drawn between two real states.

Philox keeps a 256-bit block counter, incremented *before* each block of four 64-bit outputs is
computed into its buffer, and the position of the next unused output in that buffer
(``buffer_pos``, 4 when the buffer is spent, as after seeding). So between two states with the
same key the outputs drawn are ``4 * (counter_after - counter_before) + pos_after - pos_before``,
the counter difference taken mod 2**256: no replay, whatever the number of outputs. A state is
``(counter, key, buffer_pos, has_uint32, uinteger)``, the counter as one int (its four words,
least significant first), the key as a tuple; a 32-bit draw served from the kept half is 0.

    >>> outputs_between((0, key, 4, 0, 0), (1, key, 1, 0, 0))    # 1: the first output of block 1

Edge case: states with different keys (the generator was replaced) give None. ``advance`` adds to
the counter and empties the buffer, so a distance across it is not a number of outputs: the
recorder never asks for one (it takes the state after ``advance`` as its new reference).
"""

MOD = 1 << 256


def counter_int(words):
    """The 256-bit counter from its four 64-bit words, least significant first."""
    value = 0
    for i, w in enumerate(words):
        value |= int(w) << (64 * i)
    return value


def outputs_between(before, after, hint=None):
    """A ``Stream.count`` for Philox states."""
    if before[1] != after[1]:
        return None
    return ((after[0] - before[0]) % MOD) * 4 + after[2] - before[2]
