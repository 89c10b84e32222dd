"""Team commands: merge a second coder's work, and say which coder names are one person."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..language.plural import counted
from ..output.agreement import (
    agree_list,
    agree_table,
    interval_columns,
    interval_csv,
    interval_text,
)
from .common import (
    ForceOutputOpt,
    OutputOpt,
    ProjectOpt,
    _delimiter,
    _err,
    _write_csv,
    handle_errors,
    output_format,
    output_to,
)

if TYPE_CHECKING:
    from ..analysis.scope import FileScope
    from ..codebook.codebook import Codebook
    from ..exchange.merge import MergeResult, Other
    from ..exchange.people_file import PeopleWrite
    from ..exchange.taguette_codes import NewCode
    from ..language.names import Redactor
    from ..project.project import Project
    from ..store.store import Store


MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="THEIRS=OURS: take the other tool's code THEIRS as this codebook's code OURS (its "
        "label or id), for names that differ slightly between tools.",
    ),
]


AddCodesOpt = Annotated[
    bool,
    typer.Option(
        "--add-codes",
        help="Add the codes of a .qdpx that this codebook lacks to the codebook file (under "
        "the code their parent is here, else as themes; the old file kept beside it), and "
        "merge their codings.",
    ),
]


NewCodeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--new-code",
        help="THEIRS: with --add-codes, add the other tool's code THEIRS as a code of its own, "
        "though its name is spelled almost as a code's here (which --map THEIRS=OURS takes it "
        "as instead).",
    ),
]


@handle_errors
def merge(
    other: Annotated[
        Path,
        typer.Argument(
            help="The other coder's copy of the project (a folder), its store or a backup of "
            "it, or a .qdpx from lernet or another tool.",
            show_default=False,
        ),
    ],
    rename: Annotated[
        list[str] | None,
        typer.Option(
            "--rename",
            help="OLD=NEW: merge their coder OLD as NEW (when both of you coded as `manual`, "
            "or under one name).",
        ),
    ] = None,
    reviews: Annotated[
        bool,
        typer.Option(
            "--reviews",
            help="Also take their accept/reject decisions on the rules' codings that are still "
            "pending here, and the candidates they rejected.",
        ),
    ] = False,
    maps: MapOpt = None,
    add_codes: AddCodesOpt = False,
    new_code: NewCodeOpt = None,
    project_dir: ProjectOpt = None,
) -> None:
    """Add another coder's hand coding (comments, tags, review, imports) and memos to this
    project's transcripts with the same text, under their own names; a .qdpx's sources this
    project lacks are added with their text. The store is backed up first."""
    run_merge(
        other, list(rename or []), reviews, list(maps or []), project_dir, add_codes, new_code
    )


def run_merge(
    other: Path,
    rename: list[str],
    reviews: bool,
    maps: list[str],
    project_dir: Path | None,
    add_codes: bool = False,
    new_code: list[str] | None = None,
) -> None:
    """`lernet merge`, also as `lernet import qdpx ARCHIVE --into EXISTING`. All or nothing:
    the codebook (--add-codes) and the participants file are checked before the store
    changes, and if one of them still cannot be written after it did, the store is put back
    as it was (and the codebook, when it was written)."""
    from ..codebook.codebook import load_codebook
    from ..errors import UsageError
    from ..exchange.merge import _key, parse_maps, parse_renames, read_other
    from ..exchange.merge import merge as merge_into
    from ..exchange.people_file import plan_people
    from ..project.project import codebook_file, load_project
    from ..store.store import Store
    from .common import _participants_path

    if new_code and not add_codes:
        raise UsageError("--new-code goes with --add-codes")
    apart = {_key(n) for n in new_code or []}
    renames = parse_renames(rename)
    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project), with_rules=False, cache=project.cache_dir)
    mapped = parse_maps(maps, codebook)
    added: list[NewCode] = []
    data = (b"", b"")
    kept: Path | None = None
    people: list[PeopleWrite | None] = [None]
    by_hand: list[str] = []
    said: list[str] = []
    with Store.open(project.store_path) as store:
        theirs = read_other(other, project.root, project.store_path.parent)
        if add_codes:
            added, codebook, data = _codes_to_add(project, codebook, theirs, mapped, apart)
        people_path = _participants_path(project, store)

        def check(r: MergeResult) -> None:
            people[0], told = plan_people(people_path, project.root, r.people)
            by_hand.extend(told)

        result = merge_into(
            store,
            codebook,
            theirs,
            renames,
            take_reviews=reviews,
            maps=mapped,
            language=project.language,
            check=check,
        )
        from ..analysis.coders import maybe_same

        hints = maybe_same(store)
        kept = _write_own_files(
            project, store, result, data if added else None, people[0], said.append
        )
    if added:
        _err(
            f"lernet: added {counted(len(added), 'code')} without match rules to "
            f"{codebook_file(project).name}: "
            + ", ".join(
                f"{n.id} ({n.name}, "
                + (f"under {n.parent}" if n.parent else "a theme")
                + ("" if n.codable else ", codable: false as a category there")
                + ")"
                for n in sorted(added, key=lambda n: n.id)
            )
        )
    if kept is not None:
        _err(f"lernet: the previous codebook is kept as {project.relative(kept)}")
    _say(result, project.relative)
    for line in said + by_hand:
        _err(f"lernet: {line}")
    for a, b in hints if result.changed else []:
        _err(f'lernet: "{a}" and "{b}" may be one person: lernet coders same "{a}" "{b}"')


def _write_own_files(
    project: Project,
    store: Store,
    result: MergeResult,
    codebook: tuple[bytes, bytes] | None,
    people: PeopleWrite | None,
    say: Callable[[str], None],
) -> Path | None:
    """The codebook's new bytes (--add-codes: new, as read) and the participants file's, written
    after the merge: if either cannot be, the codebook as it was read and the store as it was
    before the merge (its backup) are put back, and the error says so. Returns the codebook's
    backup."""
    from ..errors import CodebookError, LernetError, StoreError
    from ..exchange.people_file import write_people
    from ..project.ownfiles import rewrite_own_file, write_in_place
    from ..project.project import codebook_file
    from ..store.backup import put_back

    path = codebook_file(project)
    kept: Path | None = None
    try:
        if codebook is not None:
            kept = rewrite_own_file(project.root, path, codebook[1], codebook[0], CodebookError)
        if people is not None:
            say(write_people(project.root, people)[1])
    except LernetError as exc:
        undone, failed = [], []
        if kept is not None:
            try:
                write_in_place(path, codebook[1] if codebook else b"")
                kept.unlink(missing_ok=True)
                undone.append(path.name)
            except OSError:
                failed.append(f"{path.name} could not be put back: its backup is {kept.name}")
        if result.backup is not None:
            try:
                put_back(store, result.backup)
                result.backup.unlink(missing_ok=True)
                undone.append("the store")
            except StoreError:
                failed.append(
                    "the store could not be put back as it was: lernet restore "
                    f"{project.relative(result.backup)} does"
                )
        said = []
        if undone:
            are = "is as it was" if len(undone) == 1 else "are as they were"
            said.append(f"the merge is undone: {' and '.join(undone)} {are}")
        raise type(exc)("; ".join([exc.message, *said, *failed]), exc.path, exc.line) from None
    return kept


def _codes_to_add(
    project: Project, codebook: Codebook, theirs: Other, maps: dict[str, str], apart: set[str]
) -> tuple[list[NewCode], Codebook, tuple[bytes, bytes]]:
    """--add-codes: the archive's codes this codebook lacks, the codebook with them and its
    file's (new bytes, bytes as read), checked before the store or the file changes."""
    from ..errors import UsageError
    from ..exchange.merge_codes import new_codes
    from ..exchange.taguette_codes import codebook_adding
    from ..project.project import codebook_file

    new = new_codes(codebook, theirs, maps, apart)
    if not new:
        return [], codebook, (b"", b"")
    if project.codebook_default:
        raise UsageError(
            "--add-codes: this project codes with lernet's own codebook, which lernet does not "
            f"change; copy {project.codebook_path} into the project as codebook.yaml, set "
            "codebook: codebook.yaml in lernet.yaml and merge again"
        )
    data, changed, raw = codebook_adding(codebook_file(project), new, "merge again")
    return new, changed, (data, raw)


def _say_gone(r: MergeResult) -> None:
    """This project's codings the archive of its export lacks: one line for each kind of
    coding (the rules', `similar`'s, made in review, by hand), with the `lernet review` that
    shows them to follow the deletion (the merge deletes nothing)."""
    from ..exchange.merge_deleted import HAND, REVIEW, RULES, SIMILAR

    said = {
        RULES: "of the rules",
        SIMILAR: "of lernet review --candidates --auto (similar)",
        REVIEW: "made in review",
        HAND: "by hand",
    }
    for kind, what in said.items():
        gone = [g for g in r.gone if g.kind == kind]
        if not gone:
            continue
        shown = [
            f"{g.transcript} {g.code}"
            + (f" by {g.coder}" if kind in (REVIEW, HAND) else "")
            + (" (accepted)" if kind in (RULES, SIMILAR) and g.status == "accepted" else "")
            for g in gone[:8]
        ]
        more = f" and {len(gone) - 8} more" if len(gone) > 8 else ""
        codes = sorted({g.code for g in gone})
        by_code = [f"--code {c}" for c in codes] if len(codes) <= 3 else [""]
        if kind == RULES:
            # review shows only pending codings unless asked for the accepted ones too
            accepted = any(g.status == "accepted" for g in gone)
            ways = [f"{w} --accepted".strip() if accepted else w for w in by_code]
        elif kind == SIMILAR:
            accepted = any(g.status == "accepted" for g in gone)
            ways = ["--coder similar" + (" --accepted" if accepted else "")]
        elif kind == REVIEW:
            # made in review: accepted, shown again by --accepted only
            ways = [f"{w} --accepted".strip() for w in by_code]
        else:
            ways = [
                f"--coder {shlex.quote(c)}"
                + (" --accepted" if any(g.settled for g in gone if g.coder == c) else "")
                for c in sorted({g.coder for g in gone})
            ]
        follow = " or ".join(f"lernet review {w}".strip() for w in ways)
        one = len(gone) == 1
        _err(
            f"lernet: {counted(len(gone), 'coding')} {what}"
            + f" here {'is' if one else 'are'} not in {r.other.name} (deleted in the other tool, "
            f"or made here since the export): {', '.join(shown)}{more}; kept here: to delete "
            f"{'it' if one else 'them'} too, reject {'it' if one else 'them'} in {follow}"
        )


def _say(r: MergeResult, relative: Callable[[Path], str]) -> None:
    for w in r.warnings:
        _err(f"lernet: warning: {r.other}: {w}")
    found = f"{len(r.matched)} of its transcripts found here by their text"
    if r.left_out:
        hand = sum(w.codings for w in r.left_out)
        notes = sum(w.memos for w in r.left_out)
        gone = sorted({w.participant for w in r.left_out})
        _err(
            f"lernet: left out {counted(len(r.left_out), 'transcript')} of "
            f"{'a participant' if len(gone) == 1 else 'participants'} who withdrew "
            f"({', '.join(gone)}; lernet remove --participant): "
            + ", ".join(w.name for w in r.left_out)
            + f"; none of {'its' if len(r.left_out) == 1 else 'their'} "
            f"{counted(hand, 'coding')} by hand and {counted(notes, 'memo')} taken"
        )
    if r.sources_added:
        names = ", ".join(r.sources_added[:5]) + (", ..." if len(r.sources_added) > 5 else "")
        _err(
            f"lernet: added {counted(len(r.sources_added), 'transcript')} this project did not "
            f"have, with their text from {r.other.name}, {counted(r.source_codings, 'coding')}"
            + (f" and {counted(r.source_memos, 'memo')}" if r.source_memos else "")
            + f": {names}"
        )
    if r.pseudonyms_back:
        who = ", ".join(f"{n} = {c}" for n, c in sorted(r.pseudonyms_back.items()))
        _err(
            f"lernet: users of {r.other.name} under this project's pseudonyms, whose work is "
            f"here already, taken as those people (their GUIDs unknown here): {who}"
        )
    if r.spelled:
        _err(
            f"lernet: took {counted(len(r.spelled), 'code')} of {r.other.name} as this "
            "codebook's, spelled otherwise here: "
            + ", ".join(
                f"{n!r} as {c}" for n, c in sorted(r.spelled.items(), key=lambda i: i[0].casefold())
            )
            + "; --map THEIRS=OURS takes one as another code"
        )
    for note in r.notices:
        _err(f"lernet: {note}")
    if r.sources_here:
        _err(
            f"lernet: {counted(r.sources_here, 'source')} of {r.other.name} were added here "
            "before (known by their GUID): not added again"
        )
    added = sum(r.added.values())
    memos = f" and {counted(r.memos, 'memo')}" if r.memos else ""
    if added:
        who = ", ".join(f"{n} by {c}" for c, n in sorted(r.added.items()))
        origin = ", ".join(f"{n} {_ORIGIN.get(s, s)}" for s, n in sorted(r.added_from.items()))
        _err(
            f"lernet: merged {r.other} ({found}): added {counted(added, 'coding')} "
            f"({who}; {origin}){memos} to {counted(r.transcripts_added_to, 'transcript')}"
        )
    elif r.memos:
        _err(
            f"lernet: merged {r.other} ({found}): no coding to add; added "
            f"{counted(r.memos, 'memo')} to {counted(r.transcripts_added_to, 'transcript')}"
        )
    elif not r.sources_added:
        _err(f"lernet: merged {r.other} ({found}): no coding to add, no memo")
    if r.already or r.memos_already:
        what = " and ".join(
            counted(n, w) for n, w in ((r.already, "coding"), (r.memos_already, "memo")) if n
        )
        _err(f"lernet: {what} already here: not added again")
    if r.by_rules:
        _err(
            f"lernet: left out {counted(r.by_rules, 'coding')} by the rules or the protocol: "
            "this project makes its own"
        )
    for coder in sorted(set(r.codes_here) | set(r.memos_here)):
        what = " and ".join(
            counted(n, w)
            for n, w in ((r.codes_here[coder], "coding"), (r.memos_here[coder], "memo"))
            if n
        )
        here = r.by_guid.get(coder)
        who = f"{coder}, the archive's name for {here} (the same user GUID)" if here else coder
        _err(
            f"lernet: left out {what} by {who}, who codes in this project "
            f"already; if that is another person, merge again with --rename '{coder}=NAME'"
        )
    for coder in sorted(set(r.merged_here) | set(r.memos_merged_here)):
        what = " and ".join(
            counted(n, w)
            for n, w in ((r.merged_here[coder], "coding"), (r.memos_merged_here[coder], "memo"))
            if n
        )
        _err(
            f"lernet: left out {what} by {coder}: an earlier merge of another copy brought "
            f"{coder}'s work in, and none of it is in {r.other}, so this is probably another "
            f"person under the same name; merge again with --rename '{coder}=NAME' (or "
            f"--rename '{coder}={coder}' if it is the same person)"
        )
    if r.unknown_codes:
        codes = ", ".join(
            f"{c} ({n}" + (f"; nearest here: {r.nearest[c]}" if c in r.nearest else "") + ")"
            for c, n in sorted(r.unknown_codes.items())
        )
        maps = " ".join(f'--map "{c}={r.nearest[c]}"' for c in sorted(r.nearest))
        _err(
            f"lernet: warning: left out codings of codes this codebook does not have: {codes}; "
            + (
                f"where a code here is meant, merge again with {maps}; otherwise merge again "
                "with --add-codes to add them to the codebook"
                if maps
                else "merge again with --add-codes to add them to the codebook"
            )
        )
    _say_gone(r)
    for name, n in sorted(r.unplaced.items()):
        _err(
            f"lernet: warning: {name}: {counted(n, 'coding')} whose words are not in this "
            "project's transcript (edited since?): not added"
        )
    for name, n in sorted(r.memos_unplaced.items()):
        _err(
            f"lernet: warning: {name}: {counted(n, 'memo')} whose words are not in this "
            "project's transcript (edited since?): added to the transcript without a turn"
        )
    if r.on_interviewer:
        _err(
            f"lernet: warning: {counted(r.on_interviewer, 'coding')} on a turn this project takes "
            "for the interviewer's: not added"
        )
    if r.encloses and r.missing:
        # A nested project holds some of the enclosing one's transcripts (one wave): the rest
        # are not missing by mistake.
        codings = sum(m.codings for m in r.missing)
        memos_left = sum(m.memos for m in r.missing)
        folders = sorted({str(Path(m.name).parent) for m in r.missing})
        left = " and ".join(
            text
            for n, text in (
                (codings, f"{counted(codings, 'coding')} by hand"),
                (memos_left, counted(memos_left, "memo")),
            )
            if n
        )
        _err(
            f"lernet: {counted(len(r.missing), 'transcript')} of {r.other} (the project this "
            f"one is nested in) {'is' if len(r.missing) == 1 else 'are'} not in this project "
            f"(in {'; '.join(folders)})" + (f": their {left} stay there" if left else "")
        )
    for m in [] if r.encloses else r.missing:
        coded = f"{counted(m.codings, 'coding')} by hand" if m.codings else "no coding by hand"
        coded += f", {counted(m.memos, 'memo')}" if m.memos else ""
        _err(
            f"lernet: not in this project: {m.name} ({coded}); "
            "to add it, put the file among this project's transcripts, lernet code it, and merge "
            "again"
        )
    _say_reviews(r)
    for group in r.groups_added:
        _err(f"lernet: {' and '.join(group)} are one person here too, as there (lernet coders)")
    if r.backup is not None:
        _err(
            f"lernet: the store as it was is in {relative(r.backup)} (`lernet restore` puts it "
            "back)"
        )


def _say_reviews(r: MergeResult) -> None:
    v = r.reviews
    if not v.total and not v.rejections:
        return
    who = ", ".join(sorted(v.reviewers))
    parts = []
    if v.taken:
        parts.append(f"{v.taken} taken over (pending here)")
    if v.pending:
        parts.append(f"{v.pending} on codings still pending here (--reviews takes them over)")
    if v.alike or v.differ:
        parts.append(f"{v.alike} decided alike here, {v.differ} differently (kept as decided here)")
    if v.absent:
        parts.append(f"{v.absent} on codings the rules here do not make")
    if v.total:
        _err(f"lernet: {who} reviewed {counted(v.total, 'rule coding')} there: " + "; ".join(parts))
    if v.rejections:
        _err(f"lernet: took over {counted(v.rejections, 'rejected candidate')}")


_ORIGIN = {
    "comment": "from comments",
    "tag": "from tags",
    "review": "made in review",
    "import": "imported",
}


@handle_errors
def coders(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """The names people coded and reviewed under, the person each counts as, and their codings."""
    if ctx.invoked_subcommand is not None:
        return
    from ..analysis.coders import COLUMNS, coder_table, maybe_same
    from ..output.render import print_table, to_json, write
    from ..project.project import load_project
    from ..store.store import Store

    fmt = output_format(fmt, ("table", "csv", "json"), output, force)
    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        rows = coder_table(store)
        hints = maybe_same(store)
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json([r.to_json() for r in rows]))
        elif fmt == "csv":
            table = [list(r.to_json().values()) for r in rows]
            _write_csv(COLUMNS, table, _delimiter("auto", fmt, project.csv_style))
        elif not rows:
            _err("lernet: nobody has coded or reviewed by hand in this project yet")
        else:
            print_table(COLUMNS, [list(r.to_json().values()) for r in rows], numeric_from=2)
        for a, b in hints:
            _err(f'lernet: "{a}" and "{b}" may be one person: lernet coders same "{a}" "{b}"')


@handle_errors
def coders_same(
    names: Annotated[
        list[str], typer.Argument(help="Two or more names of one person; the first is shown.")
    ],
    project_dir: ProjectOpt = None,
) -> None:
    """Count these coder names as one person (a Word comment's author and a --coder or
    --reviewer name) in tallies, agreement, reports and exports."""
    from ..analysis.coders import coded_together, coder_table, say_same
    from ..project.project import load_project
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        known = {r.name.casefold() for r in coder_table(store)}
        together = coded_together(store, names)
        group = say_same(store, names)
    for name in names:
        if " ".join(name.split()).casefold() not in known:
            _err(f"lernet: note: nobody codes or reviews as {name!r} here (yet)")
    _err(f"lernet: {' = '.join(group)}: one person, shown as {group[0]}")
    for a, b, paths in together:
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        _err(
            f"lernet: warning: {a} and {b} both coded {len(paths)} of the same "
            f"transcript{'' if len(paths) == 1 else 's'} ({shown}): if they are two people, "
            f"their agreement can no longer be measured; lernet coders apart "
            f"{shlex.quote(b)} undoes this"
        )


@handle_errors
def coders_apart(
    names: Annotated[list[str], typer.Argument(help="Names to count as people of their own.")],
    project_dir: ProjectOpt = None,
) -> None:
    """Undo `lernet coders same` for these names."""
    from ..analysis.coders import say_apart
    from ..project.project import load_project
    from ..store.store import Store

    project = load_project(project_dir)
    with Store.open(project.store_path) as store:
        say_apart(store, names)
    _err(f"lernet: {', '.join(names)}: each a person of their own again")


def agree_all(
    store: Store,
    codebook: Codebook,
    names: list[str],
    ids: list[str] | None,
    unit: str,
    show_disagreements: bool,
    scope: FileScope | None,
    redactor: Redactor | None,
    out: tuple[str, Path | None, str],
    lang: str = "en",
    resamples: int = 1000,
) -> None:
    """`lernet agree A B C…`: Krippendorff's alpha over all the coders at once, per code and
    overall, rendered as `lernet agree A B` renders a pair (table, csv or json); a table's
    words in the project's language `lang`."""
    from ..analysis.agreement import agree_words, caption, ci_note, too_few_note
    from ..analysis.agreement_all import agreement_all
    from ..analysis.agreement_ci import add_intervals
    from ..analysis.coders import AUTO
    from ..analysis.tally import headers
    from ..output.render import to_json, write
    from .common import _num, without_passages

    fmt, output, delimiter = out
    result = agreement_all(store, codebook, names, ids, unit, show_disagreements, scope)
    add_intervals(result, resamples)
    if AUTO in result.coders:
        _err(
            "lernet: note: auto (the rules) is one of the coders: its alpha measures the rules too"
        )
    shown = {c: redactor.coder(c) if redactor else c for c in result.coders}
    if redactor is not None:
        said = ", ".join(f"{c} as {shown[c]}" for c in result.coders if shown[c] != c)
        if said:
            _err(f"lernet: note: {said}, as in every anonymized output; --no-anonymize shows names")
    every = [*result.codes, *(r.own for r in result.codes if r.own is not None)]
    for part in every:
        for d in part.disagreements:
            d["coded_by"] = [shown[c] for c in d["coded_by"]]
            d["not_coded_by"] = [shown[c] for c in d["not_coded_by"]]
            if redactor is not None:
                d["file"] = redactor.file(d["file"]) if d["file"] else d["file"]
                d["participant"] = redactor.participant(d["participant"])
    result.coded_by = {shown[c]: k for c, k in result.coded_by.items()}
    result.coders = [shown[c] for c in result.coders]
    n = len(result.transcripts)
    _err(
        f"lernet: note: Krippendorff's alpha (nominal) over all {len(result.coders)} coders, in "
        f"the {n} transcript{'' if n == 1 else 's'} at least two of them coded ("
        + ", ".join(
            f"{c} coded {k}{' of them' if i == 0 else ''}"
            for i, (c, k) in enumerate(result.coded_by.items())
        )
        + "; a coder counts only where they coded); each pair: lernet agree A B"
    )
    with output_to(output, fmt, anonymized=redactor is not None):
        if fmt == "json":
            write(to_json(without_passages(result.to_json())))
            return
        # CSV: a name a statistics program takes as a variable (as the JSON's key), no space
        agreed = "all_agree" if fmt == "csv" else "all agree"
        ci_columns = interval_columns(fmt, resamples)
        columns = ["code", "units", agreed, "alpha", *ci_columns, "disagreements"]
        # CSV: which coders and unit on every row (last), as a pair's, so that such files stack
        stacked = ["+".join(result.coders), result.unit]
        words = agree_words(lang, fmt)
        # too few units to judge: a column of its own (CSV: 1 or 0, always), as for a pair
        noted = fmt == "csv" or result.any_too_few()
        if noted:
            columns.append("too_few_units" if fmt == "csv" else "note")
        if fmt == "csv":
            columns += ["coders", "unit"]
        rows: list[list[object]] = []
        for line, name, depth in [*result.lines(words["itself"]), (None, words["overall"], -1)]:
            if line is None and depth >= 0:
                if fmt != "csv":
                    rows.append(["  " * depth + name, *[""] * (len(columns) - 1)])
                continue
            t = result.overall if line is None else line.table
            ci = result.overall_ci if line is None else line.ci
            dis = result.pooled_disagreements() if line is None else len(line.disagreements)
            agr, alp = t.all_agree(), t.alpha()
            thin = bool(t.units) and t.too_few()
            if fmt == "csv":
                rows.append(
                    [
                        name,
                        t.units,
                        *("" if v is None else round(v, 4) for v in (agr, alp)),
                        *interval_csv(ci),
                        dis,
                        int(thin),
                        *stacked,
                    ]
                )
                continue
            figures = (_num(agr, True, lang), _num(alp, lang=lang))
            note = [words["too few"] if thin else ""] if noted else []
            indent = "  " * max(depth, 0) if fmt == "table" else ""
            ci_text = [interval_text(ci, lang)] if resamples else []
            rows.append([indent + name, t.units, *figures, *ci_text, dis, *note])
        if fmt == "csv":
            _write_csv(columns, rows, delimiter)
            return
        agree_table(
            caption(result.coders, result.unit, result.units, len(result.transcripts), lang),
            headers(columns, lang, fmt),
            rows,
            fmt,
            [
                *ci_note(words, resamples),
                *([words["undefined alpha"]] if result.any_undefined() else []),
                *([too_few_note(words)] if result.any_too_few() else []),
            ],
        )
        if show_disagreements:
            listed: list[str] = []
            for code_row, name, _ in result.lines(words["itself"]):
                for d in code_row.disagreements if code_row is not None else []:
                    where = d["file"] or d["participant"]
                    text = d.get("text", "")
                    text = redactor.redact(text) if redactor else text
                    who = words["coded by"].format(
                        who=", ".join(d["coded_by"]), others=", ".join(d["not_coded_by"])
                    )
                    listed.append(f"{name}  {where} #{d['segment']}  {who}: {text}")
            agree_list(listed, fmt)
