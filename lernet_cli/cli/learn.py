"""Learning commands: suggest (and --add), codebook eval."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    pass
from ..language.plural import counted
from .common import (
    DelimiterOpt,
    ForceOutputOpt,
    FormatOpt,
    OutputOpt,
    ProjectOpt,
    _delimiter,
    _err,
    _num,
    _participants_path,
    _write_csv,
    handle_errors,
    output_format,
    output_to,
)


@handle_errors
def suggest(
    code_: Annotated[
        str | None, typer.Option("--code", help="The code to learn terms for.")
    ] = None,
    all_codes: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Propose for every code with enough hand coding at once, best expected gain "
            "first.",
        ),
    ] = False,
    coder: Annotated[
        list[str] | None,
        typer.Option(
            help="Whose hand coding to learn from (default: the only person); repeat it to pool "
            "several people's."
        ),
    ] = None,
    top: Annotated[int, typer.Option(min=1, help="How many terms to propose.")] = 10,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            help="Write this term into the code's rule (repeatable); a pair A + B becomes a rule "
            "all: [A, B].",
        ),
    ] = None,
    add_negated: Annotated[
        list[str] | None,
        typer.Option(
            "--add-negated", help="Write this term into a negation: require rule (repeatable)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    project_dir: ProjectOpt = None,
) -> None:
    """Propose match terms for a code from a person's hand coding, with leave-one-transcript-out
    precision and recall; --add writes chosen terms into the codebook and shows the new counts."""
    from ..codebook.codebook import load_codebook
    from ..errors import UsageError
    from ..learn.handcoding import choose_coders, load_hand_coding, rule_codes
    from ..output.render import to_json, write
    from ..project.project import codebook_file, load_project
    from ..store.store import Store

    fmt = output_format(fmt, ("table", "json"), output, force)
    if all_codes == (code_ is not None):
        raise UsageError("name one code with --code, or use --all (not both)")
    if all_codes and (add or add_negated):
        raise UsageError("--add and --add-negated write into one code: use them with --code")
    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project))
    code = codebook.resolve(code_, "code") if code_ is not None else None
    if code is not None and (add or add_negated):
        with output_to(output, fmt):
            _adopt(project, codebook, code.id, list(add or []), list(add_negated or []), fmt)
        return
    from ..learn.suggest import extra_for, suggest_all
    from ..learn.suggest import suggest as learn_terms

    with Store.open(project.store_path) as store:
        people = choose_coders(store, coder)
        hand = load_hand_coding(store, codebook, people)
        rules = rule_codes(codebook, hand.units, store)
        if code is None:
            everything = suggest_all(codebook, hand, rules, store, top)
        else:
            extra = extra_for(codebook, code.id, store, hand)
            result = learn_terms(codebook, code.id, hand, rules, top, extra)
    with output_to(output, fmt):
        if code is None:
            if fmt == "json":
                write(to_json(everything.to_json()))
            else:
                _print_all(everything, codebook, project.language)
            return
        if fmt == "json":
            write(to_json(result.to_json()))
            return
        _print_suggestions(result, code.label(project.language))


def _interval(values: list[float] | None) -> str:
    return "" if values is None else f"{values[0] * 100:.0f}–{values[1] * 100:.0f}%"


def _print_all(result: Any, codebook: Any, lang: str) -> None:
    from ..output.render import print_table, write

    write(
        f"{counted(len(result.learned), 'code')} learned from {result.coder}'s hand coding of "
        f"{counted(len(result.transcripts), 'transcript')}; proposals that raise the estimated F1, "
        "best expected gain first.\n"
    )
    rows = []
    for learned, item in result.proposals():
        w = item.loo_with_rules
        rows.append(
            [
                learned.code,
                item.feature.text,
                "yes" if item.feature.negated else "",
                f"{learned.gain(item) * 100:+.0f}",
                _num(w.precision, True),
                _interval(_wilson(w.tp, w.tp + w.fp)),
                _num(w.recall, True),
                _interval(_wilson(w.tp, w.tp + w.fn)),
                f"{item.loo.tp}/{item.loo.tp + item.loo.fp}",
                "yes" if item.precise else "",
                f"{learned.coded_segments} in {learned.transcripts_with_code}",
            ]
        )
    if rows:
        print_table(
            [
                "code",
                "term",
                "negated",
                "gain (F1 points)",
                "+rules precision",
                "95% interval",
                "+rules recall",
                "95% interval",
                "right/coded left out",
                "precise",
                "coded turns in transcripts",
            ],
            rows,
            numeric_from=3,
            numeric_to=None,
        )
        write(
            "Estimated leave-one-transcript-out on the hand-coded transcripts; the intervals "
            "say how rough that is with this few turns. precise: a phrase or pair (A + B: both "
            "words in one sentence) coded in at least two transcripts, over 50% precise at the "
            "low end of its interval, and no wrong turn left out.\nAdd one with: lernet "
            "suggest --code CODE --add TERM (--add-negated for a negated one)\n"
        )
    else:
        write("No term raises the estimated F1 of any code.\n")
    if result.skipped:
        _err(
            f"lernet: too little hand coding for {counted(len(result.skipped), 'code')} (they need "
            "coded turns in at least 2 transcripts): "
            + ", ".join(f"{c} ({n} in {t})" for c, n, t in result.skipped)
        )


def _wilson(k: int, n: int) -> list[float] | None:
    from ..learn.evaluate import wilson

    return wilson(k, n)


def _print_suggestions(result: Any, label: str) -> None:
    from ..output.render import print_table, write

    extra = result.extra
    also = [
        counted(n, what)
        for n, what in (
            (extra.examples, "example"),
            (extra.counterexamples, "counterexample"),
            (extra.accepted, "accepted candidate"),
            (extra.rejected, "rejected candidate"),
        )
        if n
    ]
    write(
        f"{result.code} ({label}): {result.coder} coded {result.coded_segments} of "
        f"{result.segments} participant turns, in {result.transcripts_with_code} of "
        f"{result.transcripts} transcripts"
        + (f"; also learned from {', '.join(also)}" if also else "")
        + ".\n"
        f"Current rules on these turns: precision {_num(result.rules.precision, True)}, "
        f"recall {_num(result.rules.recall, True)}.\n"
    )
    if not result.items:
        write("No term separates the coded turns from the others well enough to propose.\n")
    else:
        rows = [
            [
                i,
                s.feature.text,
                "yes" if s.feature.negated else "",
                f"{s.z:.2f}",
                s.coded,
                s.other,
                _num(s.loo.precision, True),
                _interval(_wilson(s.loo.tp, s.loo.tp + s.loo.fp)),
                _num(s.loo.recall, True),
                _num(s.loo_with_rules.precision, True),
                _num(s.loo_with_rules.recall, True),
                f"{s.folds}/{result.transcripts}",
                "yes" if s.precise else "",
            ]
            for i, s in enumerate(result.items, 1)
        ]
        columns = ["#", "term", "negated", "z", "coded", "other", "precision", "95% interval"]
        columns += ["recall", "+rules precision", "+rules recall", "proposed", "precise"]
        print_table(columns, rows, numeric_from=3, numeric_to=None)
        write(
            "precision and recall are estimated leave-one-transcript-out: a term codes a "
            "transcript only when it is proposed without that transcript (proposed: in how many); "
            f"based on {result.coded_segments} coded turns, so read the interval, not the "
            "figure alone. precise: see lernet suggest --all, or the README.\n"
            "Write one into the rules with: lernet suggest --code "
            f"{result.code} --add TERM (--add-negated TERM for a negated one)\n"
        )
    if result.in_rules:
        write(f"Already in the rules: {', '.join(result.in_rules)}\n")


def _adopt(
    project: Any, codebook: Any, code_id: str, terms: list[str], negated: list[str], fmt: str
) -> None:
    from ..learn.adopt import adopt_terms
    from ..output.render import print_table, to_json, write
    from ..project.participants import load_participants
    from ..store.store import Store

    with Store.open(project.store_path) as store:
        participants = load_participants(_participants_path(project, store), project.cache_dir)
        result = adopt_terms(project, store, codebook, participants, code_id, terms, negated)
    if fmt == "json":
        write(
            to_json(
                {
                    "code": code_id,
                    "added": result.added,
                    "already_in_rules": result.already,
                    "backup": project.relative(result.backup) if result.backup else None,
                    "examples": result.examples,
                    "example_failures": result.failures_after,
                    "new_example_failures": result.new_failures,
                    "counts": [
                        {
                            "id": c.code,
                            "participants_before": c.participants_before,
                            "participants_after": c.participants_after,
                            "segments_before": c.segments_before,
                            "segments_after": c.segments_after,
                        }
                        for c in result.changes
                    ],
                }
            )
        )
        return
    if result.already:
        _err(f"lernet: already in the rules of {code_id}: {', '.join(result.already)}")
    if not result.added:
        return
    _err(f"lernet: added to {code_id} ({result.where}): {', '.join(result.added)}")
    if result.backup:
        _err(f"lernet: the previous codebook is kept as {project.relative(result.backup)}")
    failed = result.failures_after
    write(
        f"codebook test: {result.examples - len(failed)} passed, {len(failed)} failed "
        f"({len(result.new_failures)} new)\n"
    )
    for f in result.new_failures:
        write(f"NEW FAIL {f}\n")
    if not result.changes:
        write("tally: no count changes (the new terms code no turn the rules did not already)\n")
    else:
        print_table(
            ["code", "label", "interviewees", "segments"],
            [
                [
                    c.code,
                    c.label,
                    f"{c.participants_before} -> {c.participants_after}",
                    f"{c.segments_before} -> {c.segments_after}",
                ]
                for c in result.changes
            ],
            title="tally: before -> after re-coding",
            numeric_from=2,
        )
    if result.stale:
        _err(
            f"lernet: note: {counted(result.stale, 'transcript')} "
            f"{'was' if result.stale == 1 else 'were'} coded with an older codebook; "
            "the change includes what re-coding them does anyway"
        )
    _err("lernet: run lernet code to store the new codings")


@handle_errors
def codebook_eval(
    coder: Annotated[
        list[str] | None,
        typer.Option(
            help="Whose hand coding to measure against (default: the only person); repeat it to "
            "pool several people's."
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    force: ForceOutputOpt = False,
    delimiter: DelimiterOpt = "auto",
    project_dir: ProjectOpt = None,
) -> None:
    """Precision, recall and F1 of the rules against a person's hand coding, per code, at segment
    and participant level, worst first: which rules to improve."""
    from ..codebook.codebook import load_codebook
    from ..learn.evaluate import evaluate
    from ..learn.handcoding import choose_coders, load_hand_coding, rule_codes
    from ..output.render import Figure, print_table, to_json, to_md_table, write
    from ..project.project import codebook_file, load_project
    from ..store.store import Store

    fmt = output_format(fmt, ("table", "md", "csv", "json"), output, force)
    _delimiter(delimiter, fmt, None)
    project = load_project(project_dir)
    codebook = load_codebook(codebook_file(project), cache=project.cache_dir)
    with Store.open(project.store_path) as store:
        people = choose_coders(store, coder)
        hand = load_hand_coding(store, codebook, people)
        rules = rule_codes(codebook, hand.units, store)
    result = evaluate(codebook, hand, rules, project.language)
    with output_to(output, fmt):
        if fmt == "json":
            write(to_json(result.to_json()))
            return
        percent = fmt != "csv"

        def num(value: float | None) -> str:
            if value is None:
                return ""
            return Figure(f"{value * 100:.0f}%" if percent else f"{value:.4f}")

        columns = ["code", "label", "coded", "by rules", "both", "precision", "recall", "F1"]
        columns += ["people coded", "people by rules", "people P", "people R", "people F1"]
        rows = []
        for c in result.codes:
            seg, per = c.segment, c.participant
            rows.append(
                [
                    c.code,
                    c.label,
                    seg.tp + seg.fn,
                    seg.tp + seg.fp,
                    seg.tp,
                    num(seg.precision),
                    num(seg.recall),
                    num(seg.f1),
                    per.tp + per.fn,
                    per.tp + per.fp,
                    num(per.precision),
                    num(per.recall),
                    num(per.f1),
                ]
            )
        if fmt == "csv":
            _write_csv(columns, rows, _delimiter(delimiter, fmt, project.csv_style))
            return
        if fmt == "md":
            write(to_md_table(columns, rows))
            return
        _err(
            f"lernet: rules against {result.coder}'s hand coding: "
            f"{counted(result.segments, 'participant turn')} of "
            f"{counted(result.participants, 'participant')} in "
            f"{counted(len(result.transcripts), 'transcript')}"
        )
        print_table(columns, rows, numeric_from=2)
