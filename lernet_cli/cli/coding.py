"""Commands on coded transcripts: speakers, codings, memos, review (`lernet code` is in
code.py)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import UsageError, printable

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
from .common import (
    SAID,
    DelimiterOpt,
    FileOpt,
    ForceOutputOpt,
    FormatOpt,
    Interrupts,
    LimitOpt,
    OutputOpt,
    ProjectOpt,
    _delimiter,
    _err,
    _open,
    _participants_path,
    _scope,
    _write_csv,
    handle_errors,
    no_anonymize_opt,
    output_format,
    output_to,
)

CodingsNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the coded passages and notes, the coders' names and the transcripts' paths "
        "and participant ids"
    ),
]
MemosNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"the {SAID} in the comments, tags and the text they mark, their authors' names and the "
        "file names"
    ),
]
ReviewNoAnonOpt = Annotated[
    bool,
    no_anonymize_opt(
        f"(with --candidates --auto --format json) the {SAID} in the passages and the file names"
    ),
]


@handle_errors
def speakers(
    files: Annotated[list[Path], typer.Argument(help="Transcripts or folders.")],
    interviewer: Annotated[
        list[str] | None, typer.Option(help="Speaker label of the interviewer.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    delimiter: DelimiterOpt = "auto",
) -> None:
    """The speakers lernet finds in each transcript: role, turns and words. Changes nothing."""
    from ..coding.inputs import refuse_unsupported
    from ..coding.pipeline import gather_inputs
    from ..coding.speakers import read_all, speaker_table
    from ..output.render import print_table, to_json, write

    fmt = output_format(fmt, ("table", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    found = gather_inputs(files)
    refused = found.only_unsupported()
    for path, why in found.skipped:
        if path != refused:
            _err(f"lernet: note: skipped {printable(path)}: {why}")
    if refused is not None:
        refuse_unsupported(refused)
    for path in found.codebooks:
        _err(f"lernet: note: skipped {printable(path)}: a codebook, not a transcript")
    for path in found.participants:
        _err(f"lernet: note: skipped {printable(path)}: a participants file, not a transcript")
    found.require_transcripts(files)
    project = _project_here()
    given = _given(project, found.transcripts)
    own = (
        {} if interviewer else {p: g["interviewer"] for p, g in given.items() if "interviewer" in g}
    )
    read, failed = read_all(found.transcripts, interviewer or _project_interviewer(project), own)
    if not read:  # nothing to show: the file's error, as for any bad input
        raise failed[0]
    from ..readers.kind import not_an_interview

    for name, transcript in read:
        for w in transcript.warnings:
            _err(f"lernet: warning: {name}: {w}")
        looks = not_an_interview(transcript, name)
        if looks is not None:
            _err(
                f"lernet: note: {name} looks like {looks}, not an interview: lernet code leaves "
                "it out of a folder, and codes it when it is named"
            )
    stored, remembered = _stored_participants(project, [name for name, _ in read])
    pids = {str(p): g["participant"] for p, g in given.items() if "participant" in g}
    rows = speaker_table(read, _participants_here(project, remembered), stored, pids)
    with output_to(output, fmt):
        columns = ["file", "speaker", "role", "participant", "turns", "words"]
        table = [[r.file, r.speaker, r.role, r.participant, r.turns, r.words] for r in rows]
        if fmt == "json":
            write(to_json([r.to_json() for r in rows]))
        elif fmt == "csv":
            style = project.csv_style if project is not None else None
            _write_csv(columns, table, _delimiter(delimiter, fmt, style))
        else:
            print_table(columns, table, numeric_from=4)
    for exc in failed:
        _err(f"lernet: error: {exc} (not in the table)")
    if failed:
        raise typer.Exit(failed[0].exit_code)


def _project_here() -> Any:
    """The project here, if there is one (speakers changes nothing and runs outside a project
    too)."""
    from ..project.project import find_project_root, load_project

    return None if find_project_root(Path.cwd()) is None else load_project(None)


def _project_interviewer(project: Any) -> list[str] | None:
    """The interviewer labels `lernet code` would use here: the project's own list, unless it is
    the default one (then lernet's own reading of labels, as for a file outside a project)."""
    from ..project.project import DEFAULT_INTERVIEWER_LABELS

    if project is None or project.interviewer_labels == DEFAULT_INTERVIEWER_LABELS:
        return None
    return list(project.interviewer_labels)


def _given(project: Any, paths: list[Path]) -> dict[Path, dict[str, Any]]:
    """What `lernet code FILE --participant/--interviewer` gave stored files (participant: str,
    interviewer: list of labels): `lernet code` reads and assigns them so again, and so are
    they shown."""
    import json

    from ..store.store import peek_given

    if project is None:
        return {}
    stored = peek_given(project.store_path)
    out: dict[Path, dict[str, Any]] = {}
    for path in paths:
        try:
            given = json.loads(stored.get(project.relative(path)) or "{}")
        except ValueError:
            continue
        if not isinstance(given, dict):
            continue
        kept: dict[str, Any] = {}
        labels = given.get("interviewer")
        if isinstance(labels, list) and labels:
            kept["interviewer"] = [str(x) for x in labels]
        if given.get("participant"):
            kept["participant"] = str(given["participant"])
        if kept:
            out[path] = kept
    return out


def _stored_participants(project: Any, names: list[str]) -> tuple[dict[str, str], str | None]:
    """(file as given -> the participant the store holds for it, the participants file the store
    remembers): by its path, else, for a file renamed or moved since the last `lernet code`, by
    its bytes where the stored file is gone, as `lernet code` follows it."""
    import hashlib

    from ..store.store import peek_stored

    if project is None:
        return {}, None
    stored, remembered = peek_stored(project.store_path)
    by_path = {p: pid for p, _, pid in stored}
    gone = {sha: pid for p, sha, pid in stored if not (project.root / p).exists()}
    out = {}
    for name in names:
        pid = by_path.get(project.relative(Path(name)))
        if pid is None and gone:
            try:
                pid = gone.get(hashlib.sha256(Path(name).read_bytes()).hexdigest())
            except OSError:
                pid = None
        if pid is not None:
            out[name] = pid
    return out, remembered


def _participants_here(project: Any, remembered: str | None = None) -> Any:
    """The participants file of the project here, if there is one: lernet.yaml's, else the one
    `lernet code` found and the store remembers (`remembered`), else one in the project."""
    from ..project.participants import load_participants

    if project is None:
        return None
    path = _participants_path(project, None)
    if project.participants_path is None and remembered and (project.root / remembered).is_file():
        path = project.root / remembered
    return load_participants(path) if path is not None else None


@handle_errors
def codings(
    coder: Annotated[str | None, typer.Option(help="Only this coder (e.g. auto).")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="accepted, rejected, pending, or vanished (reviewed text gone from the file)."
        ),
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Theme id or label.")] = None,
    code_: Annotated[str | None, typer.Option("--code", help="Code id or label.")] = None,
    candidates: Annotated[
        bool,
        typer.Option(
            "--candidates",
            help="List instead the turns that probably have a code they were not given, "
            "most likely first (as review --candidates shows them).",
        ),
    ] = False,
    files: FileOpt = None,
    limit: LimitOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    no_anonymize: CodingsNoAnonOpt = False,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """List codings one by one: file, participant, segment, code, coder, status, evidence."""
    from ..analysis.anonymize import is_cased
    from ..analysis.people import make_redactor, person_of, shown_note
    from ..coding.review import codebook_for_rules, rule_text
    from ..output.render import print_table, to_json, write

    fmt = output_format(fmt, ("table", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    if candidates:
        if coder is not None or status is not None:
            raise UsageError("--candidates lists turns without codings: no --coder or --status")
        if files:
            raise UsageError("--candidates looks at every transcript: no --file")
        from .candidates import list_candidates

        list_candidates(theme, code_, limit, fmt, no_anonymize, project_dir, delimiter)
        return
    if limit is not None:
        raise UsageError("--limit goes with --candidates")
    if status is not None and status not in ("accepted", "rejected", "pending", "vanished"):
        raise UsageError(
            f"--status must be accepted, rejected, pending or vanished, not {status!r}"
        )
    project, store, codebook, participants = _open(project_dir)
    codebook = codebook_for_rules(codebook, project.cache_dir)  # for the rule column
    with store:
        names = store.coder_names()
        if coder is not None:
            from ..analysis.coders import spelled

            coder = spelled(store, coder) or coder
        ids = None
        if code_:
            ids = codebook.descendants(codebook.resolve(code_, "code").id)
        elif theme:
            ids = codebook.descendants(codebook.resolve_theme(theme).id)
        scope = _scope(store, files, project)
        if status == "vanished":
            rows = [
                r
                for r in store.detached_rows()
                if (ids is None or r.code in ids)
                and (coder is None or names.same(r.coder, coder))
                and (scope is None or r.transcript_id in scope.ids)
            ]
        else:
            rows = store.coding_rows(
                codes=ids,
                coders=[coder] if coder else None,
                include_rejected=True,
                statuses=[status] if status else None,
                transcripts=scope.ids if scope is not None else None,
            )
        redactor = None if no_anonymize else make_redactor(participants, store, project)
    records = []
    for r in rows:
        evidence = r.segment_text[r.start : r.end]
        records.append(
            {
                "file": redactor.file(r.path) if redactor else r.path,
                "participant": redactor.participant(r.participant) if redactor else r.participant,
                "group": person_of(r, participants).group,
                "segment": r.segment or None,
                "code": r.code,
                "coder": redactor.coder(r.coder) if redactor else r.coder,
                "status": r.status,
                "start": r.start,
                "end": r.end,
                "text": redactor.redact(evidence, is_cased(r.segment_text))
                if redactor
                else evidence,
                "direction": r.direction,
                "note": shown_note(r, redactor) or None,
                "rule": rule_text(codebook, r, redactor),
            }
        )
    _note_coder_pseudonyms(rows, records)
    with output_to(output, fmt, anonymized=not no_anonymize):
        if fmt == "json":
            write(to_json(records))
            return
        columns = list(records[0]) if records else list(CODING_FIELDS)
        table = [list(rec.values()) for rec in records]
        if fmt == "csv":
            _write_csv(columns, table, _delimiter(delimiter, fmt, project.csv_style))
        else:
            print_table(columns, table, numeric_from=len(columns))


def _note_coder_pseudonyms(rows: list[Any], records: list[dict[str, Any]]) -> None:
    """One line when people who coded are shown by pseudonym ("Codeur 1"), so that the name
    `lernet code` and `lernet review` said is found again: it is the same coding."""
    shown = {r.coder: rec["coder"] for r, rec in zip(rows, records, strict=True)}
    renamed = sorted({v for k, v in shown.items() if v != k})
    if renamed:
        _err(
            f"lernet: note: people who coded are shown as {', '.join(renamed[:3])}"
            f"{' …' if len(renamed) > 3 else ''}, as in every anonymized output (lernet code "
            "and lernet review name them); --no-anonymize shows their names"
        )


CODING_FIELDS = (
    "file",
    "participant",
    "group",
    "segment",
    "code",
    "coder",
    "status",
    "start",
    "end",
    "text",
    "direction",
    "note",
    "rule",
)


@handle_errors
def memos(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    no_anonymize: MemosNoAnonOpt = False,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """Comments and tags that are not counted: they name no code, or mark no participant speech."""
    from ..analysis.memos import MEMO_COLUMNS, memo_records
    from ..analysis.people import make_redactor
    from ..output.render import print_table, to_json, write

    fmt = output_format(fmt, ("table", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project, store, _, participants = _open(project_dir)
    with store:
        redactor = None if no_anonymize else make_redactor(participants, store, project)
        records = memo_records(store, redactor)
    columns = MEMO_COLUMNS
    with output_to(output, fmt, anonymized=not no_anonymize):
        if fmt == "json":
            write(to_json(records))
        elif fmt == "csv":
            rows = [list(r.values()) for r in records]
            _write_csv(columns, rows, _delimiter(delimiter, fmt, project.csv_style))
        elif not records:
            _err("lernet: no memos")
        else:
            print_table(columns, [list(r.values()) for r in records], numeric_from=len(columns))


def _ask_code(codebook: Codebook, console: Any, lang: str = "en") -> str | None:
    """A valid code from the reviewer; None to go back to the choice, "" at end of input."""
    from rich.text import Text

    from ..coding.manual import find_code

    while True:
        try:
            answer = typer.prompt(say(lang, "new_code"), default="")
        except (typer.Abort, EOFError, KeyboardInterrupt):
            return ""
        if not answer.strip():
            return None
        if find_code(codebook, answer) is not None:
            return answer
        console.print(Text(say(lang, "unknown_code", answer=answer)))


PROMPTS = {
    "en": {
        "keys": {
            "a": "[a]ccept",
            "r": "[r]eject",
            "c": "[c]hange code",
            "d": "[d]irection",
            "s": "[s]kip",
            "u": "[u]ndo the last",
            "q": "[q]uit",
        },
        "candidate": "code this turn {code}?",
        "not_one": "'{answer}' is not one of {keys}",
        "new_code": "new code (id or label; empty to go back)",
        "unknown_code": "unknown code {answer!r}; lernet codebook show lists them",
        "direction": "direction ({choices}; empty to go back)",
        "or": "or",
        "not_direction": "'{answer}' is not a direction: {choices}",
        "no_direction": "{code} has no direction",
        "nothing_to_undo": "nothing to undo in this session",
        "where": "{path} · segment {segment} · participant {participant}",
    },
    "nl": {
        "keys": {
            "a": "[a] akkoord",
            "r": "[r] afwijzen",
            "c": "[c] andere code",
            "d": "[d] richting",
            "s": "[s] overslaan",
            "u": "[u] vorige terugdraaien",
            "q": "[q] stoppen",
        },
        "candidate": "deze beurt coderen als {code}?",
        "not_one": "'{answer}' is geen van {keys}",
        "new_code": "nieuwe code (id of label; leeg om terug te gaan)",
        "unknown_code": "onbekende code {answer!r}; lernet codebook show geeft ze",
        "direction": "richting ({choices}; leeg om terug te gaan)",
        "or": "of",
        "not_direction": "'{answer}' is geen richting: {choices}",
        "no_direction": "{code} heeft geen richting",
        "nothing_to_undo": "niets terug te draaien in deze sessie",
        "where": "{path} · segment {segment} · deelnemer {participant}",
    },
}
"""The interactive review's prompts and the line saying where a coding is, in the project's
language (the keys are the same letters in both); lernet's messages on stderr, the coding's
details and CSV/JSON keys stay English."""


def say(lang: str, key: str, **values: Any) -> str:
    """A review prompt or reply in the project's language (English for any other)."""
    words = PROMPTS.get(lang, PROMPTS["en"])
    return str(words[key]).format(**values)


def key_prompt(lang: str, keys: str) -> str:
    """ "[a]ccept, [r]eject, …" for these keys, in the project's language."""
    names: dict[str, str] = PROMPTS.get(lang, PROMPTS["en"])["keys"]  # type: ignore[assignment]
    return ", ".join(names[k] for k in keys)


def direction_choices(code: Any, lang: str) -> str:
    """The directions the review prompt offers, in the words the matrix shows them in the
    project's language: the codebook's own where it declares `direction_labels:` ("Gives, Gets
    or Both"), else "Brengen, Halen of Brengen en halen" ("Brings, Takes or Both")."""
    from ..codebook.codebook import DIRECTION_LABELS

    words = (
        code.direction_words(lang) if code else DIRECTION_LABELS.get(lang, DIRECTION_LABELS["en"])
    )
    return f"{words['bring']}, {words['take']} {say(lang, 'or')} {words['both']}"


def _ask_direction(
    codebook: Codebook, console: Any, code: Any = None, lang: str = "en"
) -> str | None:
    """A direction from the reviewer (bring, take, both, in English or Dutch, or the codebook's
    own words for them); None to go back to the choice, "" at end of input. The prompt names
    them in the codebook's words where it has them for `code`."""
    from rich.text import Text

    from ..coding.manual import direction_words

    words = direction_words(codebook)
    choices = direction_choices(code, lang)
    while True:
        try:
            answer = typer.prompt(say(lang, "direction", choices=choices), default="")
        except (typer.Abort, EOFError, KeyboardInterrupt):
            return ""
        if not answer.strip():
            return None
        found = words.get(" ".join(answer.split()).casefold())
        if found is not None:
            return found
        console.print(Text(say(lang, "not_direction", answer=answer, choices=choices)))


def _evidence(text: str, start: int, end: int, plain: bool) -> Any:
    """The segment with its evidence marked: bold and reversed in a terminal, between »…« when
    styles cannot show (piped into a file or another program, or a dumb terminal)."""
    from rich.text import Text

    if plain:
        return Text(f"{text[:start]}»{text[start:end]}«{text[end:]}")
    marked = Text(text)
    marked.stylize("bold reverse", start, end)
    return marked


def _check_review_options(
    candidates: bool,
    auto: bool,
    min_score: float | None,
    undo: bool,
    coder: str | None,
    fmt: str,
    limit: int | None,
    reviewer: str | None,
) -> None:
    """The review options that go together, checked before the store is opened."""
    if auto and not candidates:
        raise UsageError("--auto goes with --candidates: lernet review --candidates --auto")
    if not auto:
        for given, name in (
            (min_score is not None, "--min-score"),
            (undo, "--undo"),
            (fmt != "table", "--format"),
        ):
            if given:
                raise UsageError(f"{name} goes with --candidates --auto")
    if auto:
        if undo and min_score is not None:
            raise UsageError("--undo removes what --auto added: no --min-score")
        for given, name in ((limit is not None, "--limit"), (reviewer is not None, "--reviewer")):
            if given:
                raise UsageError(f"{name} does not go with --auto (nobody reviews there)")
        if fmt not in ("table", "json"):
            raise UsageError(f"--format with --auto takes table or json; not {fmt!r}")
        if min_score is not None:
            from ..learn.similar import check_min_score

            check_min_score(min_score)
    if coder is not None and candidates:
        raise UsageError("--coder goes with lernet review, not --candidates")


_PERSON_SOURCE = {
    "comment": "a comment",
    "tag": "a tag",
    "merge": "merged",
    "import": "imported",
}


def _review_coder(store: Any, name: str, against: str | None) -> tuple[str | None, str | None]:
    """(machine coder, person) that `review --coder` names: auto, protocol or similar, else a
    person who coded here (their codings are settled, `--against` another person)."""
    from ..store.coders import MACHINES

    key = name.strip().casefold()
    if key in MACHINES:
        if against is not None:
            raise UsageError("--against goes with --coder PERSON, not a machine coder")
        return key, None
    return None, _person_coder(store, name)


def _person_coder(store: Any, name: str | None) -> str:
    from ..analysis.coders import AUTO, known_coders, spelled
    from ..model import PROTOCOL_CODER as PROTOCOL

    person = spelled(store, name or "")
    if person is None or person in (AUTO, PROTOCOL):
        people = [c for c in known_coders(store) if c not in (AUTO, PROTOCOL)]
        raise UsageError(
            f"unknown coder {name!r}: --coder takes auto, protocol, similar or a person who "
            f"coded here ({', '.join(people) or 'nobody yet'})"
        )
    return person


@handle_errors
def review(
    code_: Annotated[
        str | None, typer.Option("--code", help="Only this code (and sub-codes).")
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Only this theme's codes.")] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            help="Your name as reviewer (default: coder: in lernet.yaml, else $LERNET_CODER, "
            "else your login name)."
        ),
    ] = None,
    candidates: Annotated[
        bool,
        typer.Option(
            "--candidates",
            help="Review instead what the rules missed: per code, the turns without it that "
            "resemble it most. Accepting codes the turn; a rejected one does not come back; "
            "u takes the last answer back.",
        ),
    ] = False,
    auto: Annotated[
        bool,
        typer.Option(
            "--auto",
            help="With --candidates: code, per participant and code, the participant's best "
            "candidate turn if it scores --min-score or more, as coder 'similar', pending "
            "review (about three in ten were wrong when measured: review them with "
            "lernet review --coder similar).",
        ),
    ] = False,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            help="With --auto: the score a candidate needs (default 0.55, chosen on the "
            "evaluation interviews).",
        ),
    ] = None,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo",
            help="With --candidates --auto: remove the 'similar' codings nobody reviewed yet.",
        ),
    ] = False,
    coder: Annotated[
        str | None,
        typer.Option(
            help="Only the codings of this machine coder (auto, protocol or similar); or a "
            "person's own codings nobody settled yet, to settle a disagreement between two "
            "coders: accepting keeps one, rejecting takes it out of the counts, with you as "
            "reviewer (lernet agree still compares what each coded).",
        ),
    ] = None,
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            help="With --coder PERSON: only their codings that this other person did not give "
            "the same turn (their disagreements); run it the other way round for the rest.",
        ),
    ] = None,
    accepted: Annotated[
        bool,
        typer.Option(
            "--accepted",
            help="Go through the codings accepted already too, to reject one after all (one "
            "deleted in another tool since the export, as lernet merge names them): the machine "
            "codings and those made in review (accepted candidates, changed codes); with "
            "--coder PERSON, their codings settled already.",
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="With --auto: table (a one-line summary) or json (what was added or removed).",
        ),
    ] = "table",
    no_anonymize: ReviewNoAnonOpt = False,
    limit: LimitOpt = None,
    files: FileOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Go through the rules' codings one by one: accept, reject, change the code or the direction,
    skip, or undo; or, with --coder PERSON, a person's codings, to settle a disagreement.

    Every decision is saved at once; stop with q (or Ctrl-C) and run it again to go on."""
    from rich.text import Text

    from ..codebook.codebook import load_codebook
    from ..coding import review as rv
    from ..errors import CodebookError
    from ..output.render import screen_console
    from ..project.project import codebook_file
    from ..store.store import SIMILAR

    _check_review_options(candidates, auto, min_score, undo, coder, fmt, limit, reviewer)
    if against is not None and (candidates or auto):
        raise UsageError("--against goes with lernet review --coder PERSON")
    if accepted and (candidates or auto):
        raise UsageError("--accepted goes with lernet review, not --candidates")
    if no_anonymize and not (auto and fmt == "json" and not undo):
        raise UsageError("--no-anonymize goes with --candidates --auto --format json")
    if files and (candidates or auto):
        raise UsageError(
            "--file goes with lernet review and lernet review --coder, not --candidates"
        )
    project, store, codebook, participants = _open(project_dir)
    store.check_writable()  # every answer is saved at once: not one typed in vain
    if auto:
        from .candidates import auto_candidates, selected

        with store:
            ids = selected(codebook, code_, theme)
            auto_candidates(project, store, participants, ids, min_score, undo, fmt, no_anonymize)
        return
    # With its rules, to show which of a rule's words fired; if a rule does not compile, the
    # review goes on without them.
    with contextlib.suppress(CodebookError):
        codebook = load_codebook(codebook_file(project), cache=project.cache_dir)
    from ..project.project import who_codes

    who, who_from = (reviewer, "--reviewer") if reviewer else who_codes(project)
    who = who.strip()
    from ..store.coders import MACHINES

    if not who or who.casefold() in MACHINES:
        raise UsageError("--reviewer needs a name other than 'auto', 'protocol' or 'similar'")
    who = store.person(who)
    console = screen_console(highlight=False)
    # Without colours (piped, or a dumb terminal) styles vanish: the evidence gets »…« instead.
    plain = console.color_system is None
    console.soft_wrap = not console.is_terminal  # a file gets whole lines
    if candidates:
        from .candidates import review_candidates, selected

        with store, Interrupts() as interrupts:
            ids = selected(codebook, code_, theme)
            review_candidates(project, store, ids, limit, who, console, plain)
        if interrupts.seen:
            _err("lernet: interrupted; every answer given is saved")
        interrupts.exit_if_seen()
        return
    if limit is not None:
        raise UsageError("--limit goes with --candidates")
    with store, Interrupts() as interrupts:
        # --file: one wave's codings only (wave 2 added after wave 1 was reviewed)
        scope = _scope(store, files, project)
        ids = None
        if code_:
            ids = codebook.descendants(codebook.resolve(code_, "code").id)
        elif theme:
            ids = codebook.descendants(codebook.resolve_theme(theme).id)
        person = None
        if coder is not None:
            coder, person = _review_coder(store, coder, against)
        elif against is not None:
            raise UsageError("--against goes with --coder PERSON")
        if person is not None:
            other = _person_coder(store, against) if against is not None else None
            if other is not None and other == person:
                raise UsageError(f"--against needs another person than {person!r}")

            def pending() -> list[Any]:
                queued = rv.person_queue(store, person, ids, other, settled=accepted)
                return [r for r in queued if scope is None or r.transcript_id in scope.ids]

            nothing = (
                f"nothing to settle: no coding of {person}'s"
                + ("" if accepted else " that nobody settled")
                + (f" where {other} differs" if other else "")
            )
        else:

            def pending() -> list[Any]:
                queued = rv.queue(store, ids, coder, accepted)
                return [r for r in queued if scope is None or r.transcript_id in scope.ids]

            nothing = "nothing to review: no pending codings for that selection"
            if accepted:
                nothing = "nothing to review: no pending or accepted codings for that selection"
        todo = pending()
        if not todo:
            _err(f"lernet: {nothing}")
            return
        done = rv.Tally()
        lang = project.language
        # [d]irection only where the codebook has codes with a direction
        keys = "arcdsuq" if any(c.directional for c in codebook.walk()) else "arcsuq"
        answered: list[tuple[int, rv.Decided]] = []  # what `u` takes back, last first
        at = 0
        while at < len(todo):
            n, row = at + 1, todo[at]
            code = codebook.codes.get(row.code)
            label = code.label(lang) if code else row.code
            console.rule(
                Text(
                    f"{n}/{len(todo)}  "
                    + say(
                        lang,
                        "where",
                        path=row.path,
                        segment=row.segment,
                        participant=row.participant,
                    )
                )
            )
            console.print(_evidence(row.segment_text, row.start, row.end, plain))
            said = codebook.direction_word(row.code, row.direction or "", lang)
            console.print(
                Text.assemble(
                    "code: ",
                    (row.code, "bold"),
                    f" ({label})  "
                    + (
                        f"coded by {row.coder} ({_PERSON_SOURCE.get(row.source, row.source)})"
                        if person is not None
                        else f"rule: {row.rule or row.source}"
                    ),
                    f"  direction: {row.direction} ({said})" if row.direction else "",
                    "  (accepted already)" if row.status == "accepted" else "",
                )
            )
            if row.source == SIMILAR and row.note:
                console.print(Text(row.note + " (coded automatically: check it)"))
            fired = rv.fired_words(codebook, row)
            if fired:
                rule = rv.rule_of(codebook, row)
                negated = rule is not None and rule.negation == "require"
                console.print(
                    Text(
                        "fired on: "
                        + rv.fired_text(fired)
                        + ("; negated, as the rule requires" if negated else "")
                    )
                )
            while True:
                try:
                    answer = typer.prompt(key_prompt(lang, keys), default="s", show_default=False)
                except (typer.Abort, EOFError, KeyboardInterrupt):
                    answer = "q"
                decision = rv.parse_decision(answer)
                if decision is None or (decision == "direction" and "d" not in keys):
                    console.print(Text(say(lang, "not_one", answer=answer, keys=", ".join(keys))))
                    continue
                if decision == "undo" and not answered:
                    console.print(Text(say(lang, "nothing_to_undo")))
                    continue
                new_code = None
                direction = None
                if decision == "direction":
                    code_of_row = codebook.codes.get(row.code)
                    if code_of_row is None or not code_of_row.directional:
                        console.print(Text(say(lang, "no_direction", code=row.code)))
                        continue
                    direction = _ask_direction(codebook, console, code_of_row, lang)
                    if direction is None:
                        continue
                    if direction == "":
                        decision = "quit"
                if decision == "change":
                    new_code = _ask_code(codebook, console, lang)
                    if new_code is None:
                        continue
                    if new_code == "":
                        decision = "quit"
                break
            if decision == "quit":
                break
            if decision == "undo":
                at, last = answered.pop()
                rv.undo(store, last, done)
                console.print(Text(f"undone: {last.counted} (coding {at + 1}/{len(todo)} again)"))
                continue
            answered.append(
                (at, rv.decide(store, codebook, row, decision, who, new_code, done, direction))
            )
            at += 1
        # the accepted ones --accepted shows again are settled: not "still pending"
        left = len([r for r in pending() if not accepted or r.status == "pending"])
    again = "the same lernet review" if files else "lernet review"
    more = f"; {left} still pending (run {again} again to go on)" if left else ""
    stopped = "interrupted; " if interrupts.seen else ""
    source = "" if who_from == "--reviewer" else f" ({who_from})"
    _err(f"lernet: {stopped}{done}; saved as reviewer {who!r}{source}{more}")
    interrupts.exit_if_seen()
