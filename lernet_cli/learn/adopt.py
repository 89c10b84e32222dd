"""Taking proposed terms into the codebook, and showing what that does to the counts.

The codebook is the researcher's own file: it is changed only at the lines that take the new
terms (codebook_edit.py), checked before it is written, written in one step, and the previous
version is kept in `.lernet/backups/`. The counts after are what `lernet tally` will show once
`lernet code` has re-coded the transcripts: the rules' codings are made again from the stored
turns, and everything else (hand codings, protocol, reviews' rejections) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CodebookError, ProjectError

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from ..project.participants import Participants
    from ..project.project import Project
    from ..store.store import CodingRow, Store


@dataclass
class CountChange:
    code: str
    label: str
    participants_before: int
    participants_after: int
    segments_before: int
    segments_after: int


@dataclass
class AdoptResult:
    code: str
    added: list[str]
    already: list[str]
    where: str = ""
    backup: Path | None = None
    examples: int = 0
    failures_before: list[str] = field(default_factory=list)
    failures_after: list[str] = field(default_factory=list)
    changes: list[CountChange] = field(default_factory=list)
    stale: int = 0
    """Transcripts coded with another codebook than the one edited: part of the change is theirs."""

    @property
    def new_failures(self) -> list[str]:
        return [f for f in self.failures_after if f not in self.failures_before]


def _check_editable(project: Project) -> None:
    from ..project.project import default_codebook_path

    path = project.codebook_path.resolve()
    try:
        bundled = default_codebook_path().resolve()
    except ProjectError:
        bundled = None
    if path == bundled and not path.is_relative_to(project.root.resolve()):
        raise ProjectError(
            "this project uses lernet's bundled codebook, which is not yours to edit; copy it "
            "into the project and name it in lernet.yaml (codebook: codebook.yaml)",
            project.config_path,
        )


def adopt_terms(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    code_id: str,
    terms: list[str],
    negated_terms: list[str] | None = None,
) -> AdoptResult:
    """Add `terms` (and `negated_terms` to a `negation: require` rule) to the rules of
    `code_id`, run the examples, and recount."""
    from ..codebook.codebook import load_codebook
    from ..codebook.yamlio import read_settings_bytes, read_text_file, text_form
    from ..coding.autocode import run_examples
    from ..project.ownfiles import rewrite_own_file
    from ..userfiles import is_read_only
    from .codebook_edit import add_terms

    _check_editable(project)
    path = project.codebook_path
    raw = read_settings_bytes(path, CodebookError)
    text = read_text_file(path, CodebookError, raw)
    result = AdoptResult(code_id, [], [])
    places = []
    for group, negated in ((terms, False), (negated_terms or [], True)):
        if not group:
            continue
        edit = add_terms(text, code_id, group, negated=negated, path=path)
        text = edit.text
        result.added += [f"{t} (negated)" if negated else t for t in edit.added]
        result.already += [f"{t} (negated)" if negated else t for t in edit.already]
        if edit.added:
            places.append(edit.where)
    result.where = "; ".join(places)
    if not result.added:
        return result
    new = load_codebook(path, text=text)  # the file itself changes only once this loads
    if is_read_only(path):
        raise CodebookError("cannot write the codebook (read-only)", path)
    result.backup = rewrite_own_file(
        project.root, path, raw, text_form(raw).encode(text), CodebookError
    )

    result.examples, before = run_examples(codebook)
    _, after = run_examples(new)
    result.failures_before = [str(f) for f in before]
    result.failures_after = [str(f) for f in after]
    result.changes, result.stale = recount(store, codebook, new, participants, project.language)
    return result


def rule_rows(store: Store, codebook: Codebook) -> list[CodingRow]:
    """The rules' codings as `lernet code` would make them now from the stored turns."""
    from dataclasses import replace

    from ..coding.autocode import code_doc
    from ..coding.names import NameMasks
    from ..language.text import make_doc

    masks = NameMasks.from_store(store)
    rejected = {
        (int(t), int(s), str(c))
        for t, s, c in store.conn.execute(
            "SELECT transcript_id, segment, code FROM codings "
            "WHERE source = 'rule' AND status = 'rejected'"
        )
    }
    out = []
    for seg in store.participant_segments():
        text = masks.mask(seg.transcript_id, seg.segment_text)
        for match in code_doc(codebook, make_doc(text)):
            if (seg.transcript_id, seg.segment, match.code) in rejected:
                continue
            out.append(
                replace(
                    seg,
                    code=match.code,
                    start=match.start,
                    end=match.end,
                    coder="auto",
                    rule=match.rule,
                    direction=match.direction,
                    status="pending",
                    source="rule",
                )
            )
    return out


def recount(
    store: Store, old: Codebook, new: Codebook, participants: Participants, lang: str
) -> tuple[list[CountChange], int]:
    """Rows of `lernet tally` that change: now, and after re-coding with the new codebook."""
    from ..analysis.tally import tally

    rows = store.coding_rows()
    kept = [r for r in rows if not (r.coder == "auto" and r.source == "rule")]
    before = tally(old, rows, participants, lang=lang)
    after = tally(new, kept + rule_rows(store, new), participants, lang=lang)
    changes = [
        CountChange(b.id, b.label, b.participants, a.participants, b.segments, a.segments)
        for b, a in zip(before.rows, after.rows, strict=True)
        if (b.participants, b.segments) != (a.participants, a.segments)
    ]
    from ..coding.digests import rules_digest

    return changes, len(store.stale_transcripts(rules_digest(old)))
