"""Python ints as bit sets: the matcher's terms and rules, and a stored word's turns."""

from __future__ import annotations


def set_bits(mask: int) -> list[int]:
    """The positions of the bits set in `mask`, lowest first."""
    # From the top: clearing the highest bit shortens the int, so each step costs less than one
    # on the whole mask (the matcher's masks span thousands of bits, of which few are set).
    out = []
    while mask:
        bit = mask.bit_length() - 1
        out.append(bit)
        mask ^= 1 << bit
    out.reverse()
    return out
