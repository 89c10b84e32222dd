"""The names the rules must not read: a name is never evidence for a code.

An organisation called "Stichting Samen Vertrouwen" or "Kennisnetwerk Oost", a person called
"Winst": their words are a codebook's words, but saying the name says nothing about trust or
knowledge sharing. So wherever the rules run on a participant's turn (`lernet code`, re-coding
from the store, `lernet codebook eval`, `lernet suggest`, candidates), the names the anonymizer
would hide in that transcript are masked first: the rules read a neutral filler of the same length
there (`language.names.masked`), so evidence offsets stay right and quotes show the real text.

The names are the anonymizer's (analysis/people.py `make_redactor`) less one kind: those of
the participants file (names, organisations, `redact:`), those kept of removed participants, and
the transcript's own speaker labels and header names, stored with it. The speaker labels of
*other* transcripts are left out: with them, coding one file would depend on which others were
coded before it.

What decides the masks is a digest (`NameMasks.digest`) of the project's names, stored with each
transcript's codings (`names_digest`): when the participants file's names change, `lernet code`
codes every transcript whose digest differs again from the store, all its codes, every turn.
The latest names are kept in the store too (`RULE_NAMES_KEY`), so commands that run the rules on
stored turns without the participants file mask the same names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..language.names import Redactor
    from ..project.participants import Participants
    from ..store.store import Store

MASK_VERSION = "4"
"""Raise it when the same names are masked differently (what counts as a name, the filler)."""
NUMBERS_WHOLE = "numbers-whole"
"""In the digest of names that list a number ("06-12345678"): masked whole since lernet hid
phone numbers (`language.names_contacts`), not by its parts as a name's."""
RULE_NAMES_KEY = "rule_names"
"""The store's meta key of the names the rules last masked (`ProjectNames` as JSON)."""

Masker = Callable[[str], str]


def _unmasked(text: str) -> str:
    return text


@dataclass(frozen=True)
class ProjectNames:
    """The project's names the rules must not read, whatever the transcript."""

    names: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    language: str = "nl"

    @cached_property
    def digest(self) -> str:
        """Asked once per transcript when coding; the names do not change (frozen)."""
        from ..language.names_contacts import listed_number

        payload: list[object] = [
            MASK_VERSION,
            self.language,
            sorted(self.names),
            sorted(self.organisations),
        ]
        if any(listed_number(n) for n in self.names + self.organisations):
            # a number listed as a name is masked whole, no longer by its parts ("06", "12"):
            # what the rules read changed for the projects that list one, and only for those
            payload.append(NUMBERS_WHOLE)
        text = json.dumps(payload, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def to_json(self) -> str:
        return json.dumps(
            {
                "names": list(self.names),
                "organisations": list(self.organisations),
                "language": self.language,
            },
            ensure_ascii=False,
            sort_keys=True,
        )


def spoken_split(spoken: Iterable[str], language: str) -> tuple[list[str], list[str]]:
    """(people's names, organisations' names) of names as the store keeps them with a transcript:
    the names in its speaker labels ("Eva" of "Nurse Eva") and a header's names ("="), each a
    person's or an organisation's by its words ("Bouwbedrijf Hoekstra", "(ZORGGROEP MARKELO)"
    of a Teams label), and the names it gives as an organisation's ("=org:")."""
    spoken = list(spoken)
    if not spoken:  # most projects: no withdrawn participant (and no readers to import)
        return [], []
    from ..language.organisations import looks_like_organisation
    from ..readers.label_names import label_names
    from .header_names import HEADER_MARK, ORGANISATION_MARK

    said = [
        n
        for label in spoken
        if not label.startswith(HEADER_MARK)
        for n in label_names(label, language)
    ]
    given = [n.removeprefix(ORGANISATION_MARK) for n in spoken if n.startswith(ORGANISATION_MARK)]
    headers = [
        n[len(HEADER_MARK) :]
        for n in spoken
        if n.startswith(HEADER_MARK)
        and not n.startswith(ORGANISATION_MARK)
        and label_names(n[len(HEADER_MARK) :], language)
    ]
    # a label's part may be the speaker's organisation, as Teams writes it: "WOLTERINK,
    # Geertje (ZORGGROEP MARKELO)"
    people = [n for n in said + headers if not looks_like_organisation(n)]
    organisations = given + [n for n in said + headers if looks_like_organisation(n)]
    return people, organisations


def project_names(participants: Participants, store: Store, language: str) -> ProjectNames:
    """The participants file's names and those kept of removed participants."""
    from ..store.withdrawn import withdrawn_names

    withdrawn = withdrawn_names(store)
    people, organisations = spoken_split(withdrawn["spoken"], language)
    return ProjectNames(
        tuple(sorted(set(participants.all_names() + withdrawn["names"] + people))),
        tuple(
            sorted(
                set(participants.all_organisations() + withdrawn["organisations"] + organisations)
            )
        ),
        language,
    )


def _redactor(names: list[str], organisations: list[str], language: str) -> Redactor | None:
    from ..language.names import Redactor
    from ..language.stopwords import BY_LANGUAGE

    if not any(n.strip() for n in names + organisations):
        return None
    return Redactor(
        names,
        organisations,
        common_words=BY_LANGUAGE.get(language, frozenset()),
        language=language,
    )


@dataclass
class NameMasks:
    """What the rules read of a transcript's turns: its text with the names masked."""

    names: ProjectNames = field(default_factory=ProjectNames)
    own: dict[int, list[str]] = field(default_factory=dict)
    """Transcript id -> its own names as stored (`Store.transcript_names`), for `for_transcript`."""
    _project: Redactor | None | bool = False
    _maskers: dict[tuple[str, ...], Masker] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        return self.names.digest

    @classmethod
    def of_project(cls, participants: Participants, store: Store, language: str) -> NameMasks:
        return cls(project_names(participants, store, language))

    @classmethod
    def from_store(cls, store: Store) -> NameMasks:
        """The names the store's rule codings were last made with, and each transcript's own."""
        raw = store.get_meta(RULE_NAMES_KEY)
        data = json.loads(raw) if raw else {}
        names = ProjectNames(
            tuple(data.get("names", [])),
            tuple(data.get("organisations", [])),
            str(data.get("language", "nl")),
        )
        return cls(names, store.transcript_names())

    def remember(self, store: Store) -> None:
        """Keep these names in the store, for the commands that run rules without them."""
        text = self.names.to_json()
        if store.get_meta(RULE_NAMES_KEY) != text:
            store.set_meta(RULE_NAMES_KEY, text)

    def _project_redactor(self) -> Redactor | None:
        if self._project is False:
            self._project = _redactor(
                list(self.names.names), list(self.names.organisations), self.names.language
            )
        return self._project  # type: ignore[return-value]

    def masker(self, own: Iterable[str] = ()) -> Masker:
        """What masks the turns of a transcript whose own names (as stored) are `own`."""
        key = tuple(sorted(set(own)))
        found = self._maskers.get(key)
        if found is not None:
            return found
        people, organisations = spoken_split(key, self.names.language) if key else ([], [])
        redactors = [
            r
            for r in (
                self._project_redactor(),
                _redactor(people, organisations, self.names.language),
            )
            if r is not None
        ]
        found = _masker(redactors) if redactors else _unmasked
        self._maskers[key] = found
        return found

    def for_transcript(self, transcript_id: int) -> Masker:
        return self.masker(self.own.get(transcript_id, ()))

    def mask(self, transcript_id: int, text: str) -> str:
        return self.for_transcript(transcript_id)(text)


def _masker(redactors: list[Redactor]) -> Masker:
    from ..language.names import masked

    def mask(text: str) -> str:
        spans = [s for r in redactors for s in r.spans(text)]
        if not spans:
            return text
        if len(redactors) > 1:
            spans.sort()
        return masked(text, spans)

    return mask
