"""`lernet review --candidates` and `lernet codings --candidates`: what the rules missed, ranked
by lernet.learn.candidates, shown and decided one by one, or listed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import UsageError
from ..language.plural import counted
from .coding import _evidence, key_prompt, say
from .common import _err, _open

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook


def selected(codebook: Codebook, code_: str | None, theme: str | None) -> list[str] | None:
    if code_:
        return codebook.descendants(codebook.resolve(code_, "code").id)
    if theme:
        return codebook.descendants(codebook.resolve_theme(theme).id)
    return None


def _study(project: Any, store: Any) -> Any:
    """The study as candidates see it, with the codebook's rules where they compile (for what
    the rules nearly found)."""
    from ..codebook.codebook import load_codebook
    from ..errors import CodebookError
    from ..learn.candidates import load_study
    from ..project.project import codebook_file

    try:
        codebook = load_codebook(codebook_file(project), cache=project.cache_dir)
    except CodebookError:
        codebook = load_codebook(codebook_file(project), with_rules=False, cache=project.cache_dir)
    return load_study(store, codebook)


def _limit(limit: int | None, store: Any) -> int:
    from ..learn.candidates import default_limit

    if limit is None:
        return default_limit(len(store.transcripts()))
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    return limit


def _words(cand: Any) -> str:
    """The words as said; a negated one marked (its negated use is what resembles)."""
    return ", ".join(w["word"] + (" (negated)" if w["negated"] else "") for w in cand.why())


def _shown_words(cand: Any, redactor: Any) -> list[dict[str, Any]]:
    """The words that made a candidate similar; a name among them ("Els", "Hofke") hidden, and
    its lemma with it."""
    words = cand.why()
    if redactor is None:
        return words
    from ..analysis.anonymize import is_cased

    cased = is_cased(cand.sentence)
    out = []
    for w in words:
        shown = redactor.redact(w["word"], cased)
        out.append(w if shown == w["word"] else {**w, "word": shown, "lemma": shown})
    return out


def _where(cand: Any, redactor: Any, participants: Any) -> dict[str, Any]:
    """A candidate's place, text, score and similar words in JSON (anonymized with a redactor):
    the fields `codings --candidates` and `review --candidates --auto` share."""
    from ..analysis.people import person

    return {
        "file": redactor.file(cand.path) if redactor else cand.path,
        "participant": redactor.participant(cand.participant) if redactor else cand.participant,
        "group": person(cand.participant, cand.group_name, cand.label, participants).group,
        "segment": cand.segment,
        "start": cand.start,
        "end": cand.end,
        "text": redactor.redact(cand.sentence) if redactor else cand.sentence,
        "score": round(cand.score, 4),
        "words": _shown_words(cand, redactor),
    }


def list_candidates(
    theme: str | None,
    code_: str | None,
    limit: int | None,
    fmt: str,
    no_anonymize: bool,
    project_dir: Path | None,
    delimiter: str = "auto",
) -> None:
    from ..analysis.people import make_redactor
    from ..output.render import Figure, print_table, to_json, write

    project, store, codebook, participants = _open(project_dir)
    with store:
        ids = selected(codebook, code_, theme)
        n = _limit(limit, store)
        study = _study(project, store)
        redactor = None if no_anonymize else make_redactor(participants, store, project)
    records = []
    for code in study.leaf_codes(ids):
        for rank, cand in enumerate(study.rank(code, n), 1):
            records.append(
                {
                    "code": code,
                    "rank": rank,
                    **_where(cand, redactor, participants),
                    "new_participant": cand.new_participant,
                    "near_miss": round(cand.near_miss, 3),
                }
            )
    _note(study, redactor)
    if fmt == "json":
        write(to_json(records))
        return
    columns = ["code", "rank", "file", "participant", "segment", "score", "new", "words", "text"]
    table = [
        [
            r["code"],
            r["rank"],
            r["file"],
            r["participant"],
            r["segment"],
            Figure(f"{r['score']:.2f}"),
            "yes" if r["new_participant"] else "",
            ", ".join(w["word"] for w in r["words"]),
            r["text"],
        ]
        for r in records
    ]
    if fmt == "csv":
        from .common import _delimiter, _write_csv

        _write_csv(columns, table, _delimiter(delimiter, fmt, project.csv_style))
    elif not records:
        _err("lernet: no candidates: no turn without the code resembles it")
    else:
        print_table(columns, table, numeric_from=len(columns))


def _note(study: Any, redactor: Any = None) -> None:
    """What the candidates leave out on purpose, on stderr (learn.candidates.left_out)."""
    from ..learn.candidates import left_out

    note = left_out(study, redactor.file if redactor else str)
    if note:
        _err(f"lernet: {note}")


def review_candidates(
    project: Any,
    store: Any,
    ids: list[str] | None,
    limit: int | None,
    who: str,
    console: Any,
    plain: bool,
) -> None:
    """Per code, up to `limit` candidates: a accept (a coding by the reviewer), r reject
    (remembered), s skip (shown again next time), u undo the last answer of this session (again
    and again: the candidate comes back), q stop. Each decision is saved at once, and the
    ranking learns from it before the next candidate."""
    from rich.text import Text

    from ..coding.review import Tally, parse_decision

    n = _limit(limit, store)
    study = _study(project, store)
    lang = project.language
    done = Tally()
    codes = study.leaf_codes(ids)
    # What `u` takes back, last first: (code's place, candidate's number, the code's skipped
    # turns before it, the candidate, what the answer counted as, an accepted one's coding).
    answered: list[tuple[int, int, set[tuple[int, int]], Any, str, int | None]] = []
    at, shown, skip = 0, 1, set[tuple[int, int]]()
    stop = seen = False
    while at < len(codes):
        code_id = codes[at]
        cand = None
        if shown <= n:
            cand = next(
                (c for c in study.rank(code_id) if (c.transcript_id, c.segment) not in skip),
                None,
            )
        if cand is None:
            at, shown, skip = at + 1, 1, set()
            continue
        seen = True
        label = study.codebook.codes[code_id].label(lang)
        who_has = (
            "no turn of this participant has the code yet"
            if cand.new_participant
            else "this participant has the code in another turn"
        )
        console.rule(f"{code_id} ({label})  candidate {shown}/{n}")
        console.print(
            Text(
                say(
                    lang,
                    "where",
                    path=cand.path,
                    segment=cand.segment,
                    participant=cand.participant,
                )
            )
        )
        console.print(_evidence(cand.text, cand.start, cand.end, plain))
        console.print(
            Text(
                f"similar words: {_words(cand) or '-'}  score: {cand.score:.2f}"
                + _near_miss(cand.near_miss)
                + f"\n{who_has}"
            )
        )
        while True:
            try:
                answer = typer.prompt(
                    f"{say(lang, 'candidate', code=code_id)} {key_prompt(lang, 'arsuq')}",
                    default="s",
                    show_default=False,
                )
            except (typer.Abort, EOFError, KeyboardInterrupt):
                answer = "q"
            decision = parse_decision(answer)
            if decision == "undo" and not answered:
                console.print(Text(say(lang, "nothing_to_undo")))
                continue
            if decision in ("accept", "reject", "skip", "undo", "quit"):
                break
            console.print(Text(say(lang, "not_one", answer=answer, keys="a, r, s, u, q")))
        if decision == "quit":
            stop = True
            break
        if decision == "undo":
            at, shown, skip, last, counted, made = answered.pop()
            if counted == "accepted" and made is not None:
                study.unaccept(store, last, made)
            elif counted == "rejected":
                study.unreject(store, last)
            done.uncount(counted)
            console.print(Text(f"undone: {counted} (candidate {shown}/{n} of {codes[at]} again)"))
            continue
        made = None
        if decision == "accept":
            made = study.accept(store, cand, who)
            counted = "accepted"
        elif decision == "reject":
            study.reject(store, cand, who)
            counted = "rejected"
        else:
            counted = "skipped"
        answered.append((at, shown, set(skip), cand, counted, made))
        done.count(counted)
        if decision == "skip":
            skip.add((cand.transcript_id, cand.segment))
        shown += 1
    _note(study)
    if not (seen or stop):
        _err("lernet: no candidates: no turn without the code resembles it")
        return
    _err(
        f"lernet: {done.accepted} accepted, {done.rejected} rejected, {done.skipped} skipped; "
        f"saved as reviewer {who!r}"
        + ("; run lernet review --candidates again to go on" if stop else "")
    )


def _near_miss(share: float) -> str:
    """How close a rule of the code came: some of its word groups stand here, or all of them
    and something held it back."""
    if not share:
        return ""
    if share >= 1:
        return "  a rule's words all stand here, held back (a negation, a none: word, distance)"
    return f"  {share:.0%} of a rule's word groups stand here"


def auto_candidates(
    project: Any,
    store: Any,
    participants: Any,
    ids: list[str] | None,
    min_score: float | None,
    undo: bool,
    fmt: str,
    no_anonymize: bool = False,
) -> None:
    """`lernet review --candidates --auto`: the best candidate turn per participant and code
    that clears the threshold coded as `similar`, pending review (learn/similar.py); with
    `undo`, the `similar` codings nobody reviewed removed."""
    from ..analysis.people import make_redactor
    from ..learn.similar import DEFAULT_MIN_SCORE, add
    from ..output.render import to_json, write

    if undo:
        removed = store.remove_similar(ids)
        if fmt == "json":
            write(to_json({"removed": removed}))
        else:
            _err(
                f"lernet: removed {counted(removed, 'similar coding')} nobody reviewed yet; "
                "reviewed ones "
                "stay (a rejected one is not added again)"
            )
        return
    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    study = _study(project, store)
    added = add(store, study, ids, threshold)
    pairs = {(a.candidate.participant, a.candidate.code) for a in added}
    if fmt == "json":
        redactor = None if no_anonymize else make_redactor(participants, store, project)
        records = []
        for a in added:
            cand = a.candidate
            records.append(
                {
                    "id": a.coding_id,
                    "code": cand.code,
                    **_where(cand, redactor, participants),
                    "direction": a.direction,
                    "near_miss": round(cand.near_miss, 3),
                }
            )
        write(
            to_json(
                {
                    "min_score": threshold,
                    "added": len(added),
                    "participants_codes": len(pairs),
                    "codings": records,
                }
            )
        )
        return
    _err(
        f"lernet: added {counted(len(added), 'coding')} ({len(pairs)} participants × codes) from "
        f"candidates scoring >= {threshold:g}; review them with lernet review --coder similar"
    )
