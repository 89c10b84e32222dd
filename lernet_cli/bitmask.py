"""Python ints as bit sets: the matcher's terms and rules, and a stored word's turns."""

from __future__ import annotations


def set_bits(mask: int) -> list[int]:
    """The positions of the bits set in `mask`, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out
