"""What decides a stored transcript's codings, as digests: a change says what must be made again.

Two parts, kept apart so that a researcher who edits a rule does not wait for every file to be
read again:

- `coding_digest`: the file's codings made from comments, inline tags and the protocol, and what
  else is read with the file (interviewer labels, the coder of tags, the speakers of a group
  interview). From the codebook it takes what those read: ids, labels, directions. A change means
  the file is read again.
- `code_digests`: per code, what decides its rule codings: its rules (terms, windows, negation,
  expressions, names), its direction cues when it is directional, and the matcher's version. A
  change re-applies that code's rules to the stored turns (coding/recode.py); codes whose digest
  is the same keep their codings. `rules_digest` sums them up for a whole codebook.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from ..codebook.codebook import Code, Codebook
from ..codebook.rules import Rule

CODER_VERSION = "16"
"""The matcher's version: raise it when the same rules code the same text differently."""
READER_VERSION = "18"
"""The readers' version: raise it when the same file is read differently (turns, comments, tags,
names to redact), so that `lernet code FILES` reads stored files again instead of taking them as
unchanged. 1: a header table's names; 2: inline tags in .vtt and .srt; 3: Teams' "Surname, First
(ORGANISATION)" labels, and the whole name they give to redact; 4: hard-wrapped .txt lines joined
into running text; 5: direction words in comments and tags ("Funding gives", "Expertise,
receives"); 6: questions set in bold in a transcript without labels read as the interviewer's,
and a transcription tool's closing footer ("Transcribed by https://otter.ai") is no speech; 7: a
timestamp in brackets right after a label ("R: (14:00) Ik zou...") is no speech; 8: Zoom's saved
captions ("[Name] 10:02:33" on a line of its own) read with their speakers, questions that
alternate with answers in a file without labels read as the interviewer's, and a turn that a
timestamp on a line of its own broke mid-sentence joined again; 9: Word's hidden text is no
speech; a transcription service's speaker label on a line of its own (with a time beside it, or
a numbered "Speaker 1" alone) starts a turn, its numbered speaker's timed blocks in a row are one
turn, page numbers, its name line and a paragraph of its own it repeats are no speech, and the
interviewer among generic labels is the speaker most of whose words are questions; 10: a memo
from a Word or ODT comment keeps the comment's date, not the day its file was coded, and a Word
content control left empty (its placeholder text, "Klik of tik om tekst in te voeren.") is no
speech; 11: a dash or bar between a service's speaker label and its time, a numbered speaker
before the speech without a colon, WhisperX's "[SPEAKER_00]:" labels, a time in brackets inside
the speech ("kennis [00:00:15] met") no word of it, and in a file without labels a line that a
speech recogniser cut mid-sentence joined to the turn before (a coding from a Word comment is
dated by the comment: read again, it takes that date); 12: a question and its answer under two
labels that each occur once ("Interviewer:", "Lotte Dekker:" below a title) are two turns, a label
seen once right below a title is read as on the first line, a comma between a speaker and a time
("Spreker 1, 00:00:03") is not the label's, and a transcriber's note ("[onverstaanbaar
00:12:31]", "(lacht)", "[crosstalk]") no word of the speech; 13: where a note of speech not
made out ("[onverstaanbaar]", "[inaudible]", "[crosstalk]") stood in a turn is kept, so that a
quote shows the gap; and f4transkript's time marks
("#00:01:23-4#") no words of the speech, and .rtf files read; 15: Word's comments in an .rtf are
codes and memos, as a .docx's are, a PDF's speaker table read by its columns, its short lines at
the foot of pages kept as speech unless set apart as a footer, and a document's first heading
(its title) and how its speakers were told apart kept with it, so that a stored file that looks
like no interview (readers/kind.py: a guide, a consent form) is said to be one; 17: a speaker
label, header field or page header name in a script without capitals ("田中 花子", "سارة أحمد")
read as a name, page headers' names in Cyrillic and Greek too, and the names of a header line
("Interviewee: Eleni Pappas") and of title fields ("Naam: Griet Mertens") above the first turn
of a .txt or .md kept to redact; a .docx, .odt or .rtf `time | text` table read as a PDF's is,
its speakers from the text cell, and a PDF speaker's name that wraps beside wrapping text one
turn; 18: a title block's labelled lines above the first turn ("Interviewer: Emma Clarke",
"Participant: P05") fields, not turns, their names kept to redact, and a value that withholds a
name ("Respondent: Anoniem", "Name: [redacted]") no name to redact."""


def _digest(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rule_key(rule: Rule) -> list[Any]:
    return [
        rule.name,
        rule.kind,
        [[t.text for t in group] for group in rule.groups],
        [t.text for t in rule.none],
        rule.within,
        rule.negation,
        rule.pattern_text,
    ]


def code_key(code: Code) -> list[Any]:
    """What decides one code's rule codings (the code's own rules, not its children's), as
    plain lists: its digest's payload, kept in the store so that the next edit can be compared
    with it (`term_edits`)."""
    cues = (
        {k: [t.text for t in terms] for k, terms in code.directions.items()}
        if code.directional
        else None
    )
    return [CODER_VERSION, code.id, cues, [_rule_key(r) for r in code.rules]]


def code_digest(code: Code) -> str:
    return _digest(code_key(code))


def code_digests(codebook: Codebook) -> dict[str, str]:
    """Code id -> its digest, for every code with rules."""
    return {code.id: code_digest(code) for code in codebook.rule_codes()}


def code_keys(codebook: Codebook) -> dict[str, str]:
    """Per-code digest -> its payload as stored (JSON), for every code with rules."""
    out = {}
    for code in codebook.rule_codes():
        text = json.dumps(code_key(code), ensure_ascii=False, sort_keys=True)
        out[hashlib.sha256(text.encode("utf-8")).hexdigest()] = text
    return out


def term_edits(old: str, new: str) -> list[list[list[str]]] | None:
    """Where an edit of one code's rules can change its codings, when it only added or removed
    terms (`old` and `new` are `code_key` payloads as stored): per rule group (or `none:` list)
    that changed, a rule of words, as term texts, that is live wherever the code may now be
    found otherwise than before: the terms added or removed there, and each of the rule's other
    groups (old and new terms together). Elsewhere every rule of the code finds what it found.
    None for any other change (a rule added, removed or moved, a window, negation, an
    expression, the direction cues, the matcher) and for terms only reordered (which of two
    terms is reported first may change)."""
    try:
        old_version, old_id, old_cues, old_rules = json.loads(old)
        new_version, new_id, new_cues, new_rules = json.loads(new)
    except (ValueError, TypeError):
        return None
    if (old_version, old_id, old_cues) != (new_version, new_id, new_cues):
        return None
    if len(old_rules) != len(new_rules):
        return None
    out: list[list[list[str]]] = []
    same = (0, 1, 4, 5, 6)  # name, kind, within, negation, expression
    for was, now in zip(old_rules, new_rules, strict=True):
        if len(was) != 7 or len(now) != 7:
            return None
        if [was[i] for i in same] != [now[i] for i in same] or len(was[2]) != len(now[2]):
            return None
        groups = [list(dict.fromkeys([*a, *b])) for a, b in zip(was[2], now[2], strict=True)]
        lists = [*zip(was[2], now[2], strict=True), (was[3], now[3])]
        for place, (before, after) in enumerate(lists):
            changed = [*(Counter(before) - Counter(after)), *(Counter(after) - Counter(before))]
            if not changed:
                if before != after:
                    return None
                continue
            others = [g for i, g in enumerate(groups) if i != place]
            out.append([changed, *others])
    return out


def rules_digest(codebook: Codebook) -> str:
    """What decides the rules' codings of a stored turn: every code's rules and the matcher.

    Equal for two codebooks whose rules are the same, whatever else differs (labels, comments,
    descriptions, the order of the file). A codebook read without its rules (tally, agree) is
    read again with them; a rule that does not compile leaves its code out, so the digest
    differs from any that coded."""
    if not codebook.with_rules:
        from pathlib import Path

        from ..codebook.codebook import parse_codebook

        codebook = parse_codebook(Path(codebook.path))
    return digest_of(code_digests(codebook))


def digest_of(digests: dict[str, str]) -> str:
    """The digest of a set of per-code digests (`rules_digest` of the codebook they came from)."""
    return _digest(sorted(digests.items()))


def names_digest(codebook: Codebook) -> str:
    """What comments, tags and the protocol read from a codebook: which codes there are (ids,
    labels), the codebook's own words for the directions (a comment may use them) and, for a
    code given without a direction, the cues that find one."""
    return _digest(
        [
            [
                code.id,
                code.labels,
                code.directional,
                {k: [t.text for t in terms] for k, terms in code.directions.items()},
                # only when declared: the digests of codebooks without them stay as they were
                *([code.direction_labels] if code.direction_labels else []),
            ]
            for code in codebook.walk()
        ]
    )


def coding_digest(
    codebook: Codebook,
    interviewer: list[str],
    speakers: list[list[str]] | None = None,
) -> str:
    """What, besides the file and the rules, decides a file's codings: a change reads the file
    again. `speakers` are the participants' ids and names, which map a group interview's speakers
    to participants."""
    protocol = codebook.protocol.digest if codebook.protocol is not None else None
    return _digest(
        [
            CODER_VERSION,
            READER_VERSION,
            names_digest(codebook),
            sorted(x.lower() for x in interviewer),
            protocol,
            speakers or [],
        ]
    )


CODED_WITH = "coded_with"
"""The store's meta key for the codebook file's digest at the last `lernet code` after which
every transcript's rule codings came from its rules."""
CODED_WITH_RULES = "coded_with_rules"
"""The store's meta key for the matcher's version and the rules' digest at that moment: with the
file's digest unchanged and every transcript still coded with these rules, the codings are the
rules' as they are, known without building the rules (`tally` on a fresh project)."""


def remember_coded_with(store: Any, codebook: Codebook) -> None:
    """After `lernet code`: the codebook these rule codings were made with (its file's digest),
    once no stored transcript is coded with other rules; the report cites it."""
    if not codebook.with_rules:
        return
    rules = digest_of(code_digests(codebook))
    if all(t.rules_digest in (None, rules) for t in store.transcripts()):
        if store.get_meta(CODED_WITH) != codebook.digest:
            store.set_meta(CODED_WITH, codebook.digest)
        mark = f"{CODER_VERSION} {rules}"
        if store.get_meta(CODED_WITH_RULES) != mark:
            store.set_meta(CODED_WITH_RULES, mark)


def still_coded_with(store: Any, codebook: Codebook, rules_digests: list[str]) -> bool:
    """Whether the stored rule codings (`rules_digests`, one per coded transcript) are known to
    be this codebook's rules as they are, without building them: its file is the one the last
    `lernet code` coded every transcript with, by this version of the matcher, and no
    transcript has been coded with other rules since."""
    mark = store.get_meta(CODED_WITH_RULES) or ""
    version, _, rules = mark.partition(" ")
    return (
        bool(rules)
        and version == CODER_VERSION
        and store.get_meta(CODED_WITH) == codebook.digest
        and all(d == rules for d in rules_digests)
    )
