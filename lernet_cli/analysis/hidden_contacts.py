"""What anonymized outputs hide by its form, nobody having listed it (phone numbers, street
addresses, postal codes, BSNs, IBANs), counted for `lernet names` and the notes after exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from ..language.names_contacts import postcodes


@dataclass
class HiddenContacts:
    """The phone numbers, street addresses, BSNs and IBANs anonymized outputs hide found by
    their form (`language.names_contacts`), nobody having listed them."""

    phones: int = 0
    addresses: int = 0
    streets: dict[str, int] = field(default_factory=dict)
    """A street's name as said (without its house number) -> how often."""
    transcripts: set[str] = field(default_factory=set)
    bsns: int = 0
    ibans: int = 0
    postcodes: int = 0

    def __bool__(self) -> bool:
        return bool(self.phones or self.addresses or self.bsns or self.ibans or self.postcodes)

    def add(
        self, where: str, text: str, hidden: Iterable[tuple[int, int, str]], marks: Any
    ) -> None:
        for start, end, mark in hidden:
            if mark == marks.phone:
                self.phones += 1
            elif mark == marks.bsn:
                self.bsns += 1
            elif mark == marks.iban:
                self.ibans += 1
            elif mark == marks.address and _postcode(text[start:end]):
                self.postcodes += 1
            elif mark == marks.address:
                self.addresses += 1
                street = regex.sub(r"^\d+\w?,?\s+", "", text[start:end])  # "45 lakeview drive"
                street = regex.sub(r"[\s,]*\d.*$", "", street, flags=regex.DOTALL).strip()
                if regex.search(r"[^\W\d_]{2}", street):  # a postal code names no street
                    self.streets[street] = self.streets.get(street, 0) + 1
            else:
                continue
            self.transcripts.add(where)

    def summary(self) -> str:
        """ "2 phone numbers, 1 BSN and 3 street addresses (Kerkstraat, Stationsweg …) in 1
        transcript" """
        parts = []
        if self.phones:
            parts.append(f"{self.phones} phone number{'' if self.phones == 1 else 's'}")
        if self.bsns:
            parts.append(f"{self.bsns} BSN{'' if self.bsns == 1 else 's'}")
        if self.ibans:
            parts.append(f"{self.ibans} IBAN{'' if self.ibans == 1 else 's'}")
        if self.addresses:
            shown = sorted(self.streets, key=lambda s: (-self.streets[s], s))
            names = ", ".join(shown[:SHOWN_STREETS]) + (
                f" and {len(shown) - SHOWN_STREETS} more" if len(shown) > SHOWN_STREETS else ""
            )
            parts.append(
                f"{self.addresses} street address{'' if self.addresses == 1 else 'es'}"
                + (f" ({names})" if names else "")
            )
        if self.postcodes:
            parts.append(f"{self.postcodes} postal code{'' if self.postcodes == 1 else 's'}")
        n = len(self.transcripts)
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return listed + f" in {n} transcript{'' if n == 1 else 's'}"


def _postcode(hidden: str) -> bool:
    """Whether an address hidden is a postal code alone ("7411 AB" of "7411 AB Deventer",
    "R0L 1P0", a ZIP code), which names no street."""
    return regex.fullmatch(r"\d{5}(?:-\d{4})?", hidden) is not None or any(
        (s, e) == (0, len(hidden)) for s, e in postcodes(hidden + " Plaats")
    )


SHOWN_STREETS = 5
"""Streets named in the note on hidden addresses; the rest are counted."""
