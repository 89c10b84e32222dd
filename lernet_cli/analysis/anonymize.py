"""Replace names of people and organisations, and e-mail addresses, in quotes and exports.

The Redactor lives in `language/names.py`, below coding: the coder masks the same names for the
rules (coding/names.py) as the anonymizer hides in outputs. This module keeps the analysis
layer's name for it.
"""

from __future__ import annotations

from ..language.names import (
    EMAIL,
    ORGANISATION,
    PARTICLES,
    PERSON,
    TITLES,
    Redactor,
    file_name_shown,
    is_cased,
    is_ordinary_word,
)

__all__ = [
    "EMAIL",
    "ORGANISATION",
    "PARTICLES",
    "PERSON",
    "TITLES",
    "Redactor",
    "file_name_shown",
    "is_cased",
    "is_ordinary_word",
]
