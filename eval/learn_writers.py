"""Do terms learned from the dev key carry over to writers they were not learned from?

    .venv/bin/python eval/learn_writers.py [--jobs 2] [--top 20]      # the folds (slow)
    .venv/bin/python eval/learn_writers.py --report                   # tables from the JSON

Leave one writer out on dev (issue #17). A writer is a file prefix (`na`, `ef`, `nt`, ...). In
each fold one writer is held out and `suggest` (lernet_cli/learn/suggest.py) learns, code by code,
from the key of every other dev interview **in the held-out writer's language**, pooled: words,
lemmas, two-word phrases, negated terms and `all:` pairs, its top `--top` per code. Nothing else
is learned from (no codebook examples, no review decisions: they could hold the held-out writer's
words). Each proposal is then added alone to its code as a rule (`term_rule`: an `any:` or `all:`
rule, default negation, `negation: require` for a term proposed in negation) and run on the
held-out writer's participant turns: its participant-level TP gained and FP added over what the
current rules give (a participant the rules give the code already gains nothing).

A term (code, term, kind, negation) is kept when, over the folds in which it was proposed:
proposed in at least MIN_FOLDS folds, TP gained - FP added > MIN_NET, and the held-out writers
in whose fold it gained (net > 0) outnumber those in whose fold it lost (net < 0).

The honest estimate of what the kept terms add is nested: for each held-out writer V, the terms
learned without V (fold V's proposals) that the keep rule keeps on the other writers' folds alone
are added together to the code (their firings united per participant), and the pooled TP/FP/FN
of every writer so treated give the estimated dev F1. The same sum with the terms kept on all
folds is printed too, and is optimistic (the terms were chosen on those very folds).

Writes eval/learn_writers.json (the fold table) and eval/learn_writers.md (generated). Dev only:
never reads eval/test, eval/check, eval/learn or the writers' notes.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from run import EVAL, language_of, lernet, new_project, split_of  # noqa: E402

OUT_JSON = EVAL / "learn_writers.json"
OUT_MD = EVAL / "learn_writers.md"

MIN_FOLDS = 3
"""Proposed in at least this many folds: learned from different sets of writers."""
MIN_NET = 0
"""TP gained - FP added on the held-out writers of those folds must exceed this."""

BATCHES = (
    ("na", "nb", "nc", "nd", "ea", "ef"),
    ("ng", "nh", "ei", "ej"),
    ("nk", "nl", "em", "en"),
    ("nr", "ns", "er"),
    ("nx", "ny", "ex", "ey"),
    ("nt", "nu", "et", "eu"),
    ("no", "np", "eo", "ep"),
)
"""The writers of each batch (eval/README.md): with --without-batch a fold learns from none of
the held-out writer's batch, as the writers of one batch got the same extra instructions."""

_PREFIX_RE = re.compile(r"^([a-z]+)\d+$")


def writer_of(path: str | Path) -> str:
    m = _PREFIX_RE.match(Path(path).stem)
    if not m:
        raise SystemExit(f"{Path(path).name}: no writer prefix")
    return m.group(1)


def dev_files() -> dict[str, list[Path]]:
    """Dev interviews per language."""
    out: dict[str, list[Path]] = defaultdict(list)
    for f in sorted((EVAL / "dev").glob("*.md")):
        assert split_of(f.stem) == "dev", f
        out[language_of(f)].append(f)
    return dict(out)


def term_id(row: dict[str, Any]) -> str:
    neg = " (negated)" if row["negated"] else ""
    return f"{row['code']} | {row['kind']}: {row['term']}{neg}"


# --------------------------------------------------------------------------- one fold


def batch_of(writer: str) -> tuple[str, ...]:
    return next(b for b in BATCHES if writer in b)


def _fold(job: tuple[str, list[str], str, int, bool]) -> dict[str, Any]:
    """Learn without writer `held` (without its batch when `without_batch`), from the other
    writers of the language; every proposal's effect on `held`'s participants."""
    import lernet_cli.learn.suggest as suggest_module
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.coding.autocode import rule_matches
    from lernet_cli.errors import NotEnoughData
    from lernet_cli.language.text import make_doc
    from lernet_cli.learn.handcoding import HandCoding, load_hand_coding, rule_codes
    from lernet_cli.learn.suggest import MIN_CODED, MIN_TRANSCRIPTS, Extra, suggest, term_rule
    from lernet_cli.store.store import Store

    lang, files, held, top, without_batch = job
    left_out = batch_of(held) if without_batch else (held,)
    # suggest reads every turn once per code; one doc per text for the whole fold (the matcher
    # leaves a doc's caches as they were)
    suggest_module.make_doc = lru_cache(maxsize=None)(make_doc)  # type: ignore[assignment]
    doc_of = suggest_module.make_doc
    with tempfile.TemporaryDirectory(prefix="lernet-writers-") as tmp:
        project = new_project(Path(tmp) / "p", lang)
        (project / "transcripts").mkdir()
        for f in files:
            shutil.copyfile(f, project / "transcripts" / Path(f).name)
        lernet(["code", "transcripts", "--coder", "key"], project, False)
        book = load_codebook(project / "codebook.yaml")
        leaves = [c.id for c in book.walk() if not c.children]
        with Store.open(project / ".lernet" / "lernet.db") as store:
            every = load_hand_coding(store, book, "key")
            rules_all = rule_codes(book, every.units, store)
    units = every.units
    learn = [i for i, u in enumerate(units) if writer_of(u.path) not in left_out]
    out_of = [i for i, u in enumerate(units) if writer_of(u.path) == held]
    hand = HandCoding("key", [units[i] for i in learn], [every.codes[i] for i in learn])
    rules = [rules_all[i] for i in learn]

    def person(i: int) -> str:
        return f"{Path(units[i].path).stem}:{units[i].participant}"

    people = sorted({person(i) for i in out_of})
    key_p: dict[str, set[str]] = {p: set() for p in people}
    rule_p: dict[str, set[str]] = {p: set() for p in people}
    for i in out_of:
        key_p[person(i)] |= every.codes[i]
        rule_p[person(i)] |= rules_all[i]
    key_p = {p: {c for c in cs if c in leaves} for p, cs in key_p.items()}
    rule_p = {p: {c for c in cs if c in leaves} for p, cs in rule_p.items()}
    rows: list[dict[str, Any]] = []
    for c in leaves:
        labels = hand.positives(c)
        paths = {u.path for u, lab in zip(hand.units, labels, strict=True) if lab}
        if sum(labels) < MIN_CODED or len(paths) < MIN_TRANSCRIPTS:
            continue
        try:
            s = suggest(book, c, hand, rules, top, Extra(), lang)
        except NotEnoughData:
            continue
        code = book.codes[c]
        for item in s.items:
            rule = term_rule(item.feature, f"{c}#learned")
            if rule is None:
                continue
            fires: set[str] = set()
            for i in out_of:
                p = person(i)
                if (
                    p not in fires
                    and c not in rule_p[p]
                    and rule_matches(book, code, doc_of(units[i].text), [rule])
                ):
                    fires.add(p)
            item_json = item.to_json()
            rows.append(
                {
                    "code": c,
                    "term": item_json["term"],
                    "kind": item_json["kind"],
                    "negated": item_json["negated"],
                    "precise": item.precise,
                    "tp": sorted(p for p in fires if c in key_p[p]),
                    "fp": sorted(p for p in fires if c not in key_p[p]),
                }
            )
    base = {"tp": 0, "fp": 0, "fn": 0}
    for p in people:
        for c in leaves:
            k, r = c in key_p[p], c in rule_p[p]
            base["tp"] += k and r
            base["fp"] += r and not k
            base["fn"] += k and not r
    return {
        "writer": held,
        "language": lang,
        "interviews": sorted({Path(units[i].path).stem for i in out_of}),
        "learned_from": sorted({writer_of(units[i].path) for i in learn}),
        "participants": people,
        "base": base,
        "rows": rows,
    }


# --------------------------------------------------------------------------- the fold table

ROW_KEYS = ("code", "kind", "term", "negated")


def pack(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """The fold table as stored: one list of terms, and per fold the indices of those it
    proposed (`precise` the ones `suggest` rated precise) and whom each that fired coded."""
    terms: dict[tuple[Any, ...], int] = {}
    out = []
    for fold in folds:
        packed = {k: v for k, v in fold.items() if k != "rows"}
        packed |= {"proposed": [], "precise": [], "fired": {}}
        for row in fold["rows"]:
            t = terms.setdefault(tuple(row[k] for k in ROW_KEYS), len(terms))
            packed["proposed"].append(t)
            if row["precise"]:
                packed["precise"].append(t)
            if row["tp"] or row["fp"]:
                packed["fired"][str(t)] = {"tp": row["tp"], "fp": row["fp"]}
        out.append(packed)
    return {"terms": [list(t) for t in terms], "folds": out}


def unpack(data: dict[str, Any]) -> list[dict[str, Any]]:
    terms = [dict(zip(ROW_KEYS, t, strict=True)) for t in data["terms"]]
    folds = []
    for packed in data["folds"]:
        precise = set(packed["precise"])
        rows = []
        for t in packed["proposed"]:
            fired = packed["fired"].get(str(t), {"tp": [], "fp": []})
            rows.append(terms[t] | {"precise": t in precise} | fired)
        folds.append(
            {k: v for k, v in packed.items() if k not in ("proposed", "precise", "fired")}
            | {"rows": rows}
        )
    return folds


# --------------------------------------------------------------------------- statistics


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def term_stats(folds: list[dict[str, Any]], skip: str | None = None) -> dict[str, dict[str, Any]]:
    """Per term, over the folds it was proposed in (all but `skip`'s): folds, TP gained, FP
    added, writers it gained and lost in."""
    out: dict[str, dict[str, Any]] = {}
    for fold in folds:
        if fold["writer"] == skip:
            continue
        for row in fold["rows"]:
            t = term_id(row)
            s = out.setdefault(
                t,
                {
                    "code": row["code"],
                    "term": row["term"],
                    "kind": row["kind"],
                    "negated": row["negated"],
                    "language": fold["language"],
                    "folds": 0,
                    "tp": 0,
                    "fp": 0,
                    "won": [],
                    "lost": [],
                },
            )
            s["folds"] += 1
            s["tp"] += len(row["tp"])
            s["fp"] += len(row["fp"])
            net = len(row["tp"]) - len(row["fp"])
            if net > 0:
                s["won"].append(fold["writer"])
            elif net < 0:
                s["lost"].append(fold["writer"])
    return out


def kept(stats: dict[str, Any], min_folds: int = MIN_FOLDS, min_net: int = MIN_NET) -> bool:
    return (
        stats["folds"] >= min_folds
        and stats["tp"] - stats["fp"] > min_net
        and len(stats["won"]) > len(stats["lost"])
    )


def added(fold: dict[str, Any], terms: set[str]) -> tuple[int, int]:
    """TP and FP that `terms` together add on the fold's held-out writer (a participant × code
    counted once however many of them fire)."""
    tp: set[tuple[str, str]] = set()
    fp: set[tuple[str, str]] = set()
    for row in fold["rows"]:
        if term_id(row) in terms:
            tp |= {(p, row["code"]) for p in row["tp"]}
            fp |= {(p, row["code"]) for p in row["fp"]}
    return len(tp), len(fp)


NEVER_READ = ("ny", "ey", "nt", "nu", "et", "eu")
"""The writers no rule round read (eval/README.md: rounds 5 and 6 kept `ny ey` unread, and the
sixth batch came in after round 6): the dev writers most like a new writer. Reported apart."""

CANDIDATES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "every proposal": lambda row: True,
    "phrases and pairs": lambda row: row["kind"] == "all" or " " in row["term"],
    "rated precise": lambda row: bool(row["precise"]),
}
"""The candidate sets compared (declared before the first run): everything `suggest` proposes
(the set the decision rests on), no single words (suggest's own finding on dev: single words add
more wrong codings than right), and what `suggest` rates precise."""
CHOSEN = "every proposal"
NEEDED_GAIN = 0.005
"""Below this estimated gain in dev F1 (nested), no codebook change (issue #17)."""


def only(folds: list[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    want = CANDIDATES[which]
    return [f | {"rows": [r for r in f["rows"] if want(r)]} for f in folds]


def pooled(
    folds: list[dict[str, Any]], added_: dict[str, tuple[int, int]], writers: set[str] | None
) -> dict[str, Any]:
    """Pooled F1 of the folds (of `writers`, or all) before and after the TP/FP added."""
    fs = [f for f in folds if writers is None or f["writer"] in writers]
    b = {k: sum(f["base"][k] for f in fs) for k in ("tp", "fp", "fn")}
    tp = sum(added_[f["writer"]][0] for f in fs)
    fp = sum(added_[f["writer"]][1] for f in fs)
    before = f1(b["tp"], b["fp"], b["fn"])
    after = f1(b["tp"] + tp, b["fp"] + fp, b["fn"] - tp)
    return {"tp": tp, "fp": fp, "before": before, "after": after, "gain": after - before}


def estimate(folds: list[dict[str, Any]], min_folds: int, min_net: int) -> dict[str, Any]:
    """Nested: per held-out writer, the terms of its fold that the keep rule keeps on the other
    folds alone; and, for comparison, the terms kept on all folds (optimistic)."""
    every = {t for t, s in term_stats(folds).items() if kept(s, min_folds, min_net)}
    nested: dict[str, tuple[int, int]] = {}
    insample: dict[str, tuple[int, int]] = {}
    for fold in folds:
        outer = term_stats(folds, skip=fold["writer"])
        chosen = {t for t, s in outer.items() if kept(s, min_folds, min_net)}
        nested[fold["writer"]] = added(fold, chosen)
        insample[fold["writer"]] = added(fold, every)
    never = set(NEVER_READ)
    read = {f["writer"] for f in folds} - never
    return {
        "min_folds": min_folds,
        "min_net": min_net,
        "kept": len(every),
        "nested": pooled(folds, nested, None),
        "in_sample": pooled(folds, insample, None),
        "nested_never_read": pooled(folds, nested, never),
        "nested_read": pooled(folds, nested, read),
        "per_writer": [
            {"writer": f["writer"], "language": f["language"], "proposals": len(f["rows"])}
            | pooled(folds, nested, {f["writer"]})
            for f in folds
        ],
    }


# --------------------------------------------------------------------------- report


def _num(x: float) -> str:
    return f"{x:.3f}"


def _signed(x: float) -> str:
    return f"{x:+.3f}"


def _gain(x: dict[str, Any]) -> str:
    return (
        f"{_num(x['before'])} -> {_num(x['after'])} ({_signed(x['gain'])}; "
        f"+{x['tp']} TP +{x['fp']} FP)"
    )


def report(data: dict[str, Any]) -> str:
    folds = unpack(data)
    stats = term_stats(folds)
    main = estimate(only(folds, CHOSEN), MIN_FOLDS, MIN_NET)
    verdict = (
        f"The estimated gain ({_signed(main['nested']['gain'])}) is below {NEEDED_GAIN}: no "
        "term goes into the codebook."
        if main["nested"]["gain"] < NEEDED_GAIN
        else f"The estimated gain ({_signed(main['nested']['gain'])}) reaches {NEEDED_GAIN}."
    )
    batch = bool(data.get("without_batch"))
    title = "without the held-out writer's batch" if batch else "across writers"
    lines = [
        f"# Terms learned from the dev key, {title} (generated by eval/learn_writers.py)",
        "",
        "Leave one writer (file prefix) out on dev: `suggest` learns from the key of every other",
        ("dev interview of another batch" if batch else "dev interview")
        + " in the held-out writer's language (pooled; no codebook examples), its top",
        f"{data['top']} proposals per code; each proposal is added alone to its code and run on",
        "the held-out writer (participant-level TP gained and FP added over the current rules).",
        f"Kept: proposed in at least {MIN_FOLDS} folds, TP gained - FP added > {MIN_NET}, and",
        "more held-out writers gained than lost. Dev only: nothing here comes from test, check,",
        "learn or the writers' notes.",
        "",
        f"{len(folds)} folds, {sum(len(f['rows']) for f in folds)} proposals, "
        f"{len(stats)} distinct terms, {main['kept']} kept.",
        "",
        f"**Estimated gain in dev F1 (nested, each writer held out once): {_gain(main['nested'])}."
        f"** {verdict}",
        "",
        "## Estimated gain per candidate set and threshold",
        "",
        "Participant-level micro F1 over all dev writers, each held out once. *Nested*: for",
        "each held-out writer, the terms of its own fold (learned without it) that the keep rule",
        "keeps on the other writers' folds alone (the honest estimate). *Kept on all folds*: the",
        "final term list on every fold: optimistic, the terms were chosen on those very folds.",
        f"*Never read*: the writers no rule round read ({' '.join(NEVER_READ)}); *read*: the",
        "others, whose interviews the rules were written from (fewer misses left to find).",
        "",
        "| candidates | net > | kept | nested | kept on all folds | nested, never read | "
        "nested, read |",
        "|---|---|---|---|---|---|---|",
    ]
    for which in CANDIDATES:
        for mn in (0, 1, 2):
            e = estimate(only(folds, which), MIN_FOLDS, mn)
            star = " **(decides)**" if (which, mn) == (CHOSEN, MIN_NET) else ""
            lines.append(
                f"| {which}{star} | {mn} | {e['kept']} | {_gain(e['nested'])} | "
                f"{_gain(e['in_sample'])} | {_gain(e['nested_never_read'])} | "
                f"{_gain(e['nested_read'])} |"
            )
    lines += [
        "",
        f"## Per held-out writer ({CHOSEN}, net > {MIN_NET}, nested)",
        "",
        "| writer | language | never read | proposals | TP added | FP added | F1 before | "
        "F1 after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for w in main["per_writer"]:
        lines.append(
            f"| {w['writer']} | {w['language']} | {'yes' if w['writer'] in NEVER_READ else ''} | "
            f"{w['proposals']} | {w['tp']} | {w['fp']} | {_num(w['before'])} | "
            f"{_num(w['after'])} |"
        )
    chosen = sorted(
        (s for s in stats.values() if kept(s)),
        key=lambda s: (s["code"], -(s["tp"] - s["fp"]), s["term"]),
    )
    lines += [
        "",
        "## Kept terms (over all folds)",
        "",
        "| code | term | kind | negated | lang | folds | TP | FP | writers + | writers - |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in chosen:
        lines.append(
            f"| {s['code']} | {s['term']} | {s['kind']} | {'yes' if s['negated'] else ''} | "
            f"{s['language']} | {s['folds']} | {s['tp']} | {s['fp']} | "
            f"{' '.join(s['won'])} | {' '.join(s['lost'])} |"
        )
    proposed = [s for s in stats.values() if s["folds"] >= MIN_FOLDS]
    lines += [
        "",
        "## All terms proposed in enough folds",
        "",
        f"{len(proposed)} terms proposed in at least {MIN_FOLDS} folds: "
        f"{sum(1 for s in proposed if s['tp'] - s['fp'] > 0)} with net > 0, "
        f"{sum(1 for s in proposed if s['tp'] == 0 and s['fp'] == 0)} that never coded a new "
        f"participant, {sum(1 for s in proposed if s['tp'] - s['fp'] < 0)} with net < 0 "
        f"(each alone: TP {sum(s['tp'] for s in proposed)}, FP {sum(s['fp'] for s in proposed)}).",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--writer", action="append", help="only these held-out writers (a try)")
    parser.add_argument("--report", action="store_true", help="tables from the JSON only")
    parser.add_argument(
        "--without-batch",
        action="store_true",
        help="each fold learns from none of the held-out writer's batch (writes "
        "eval/learn_writers-batch.*)",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--md", type=Path)
    args = parser.parse_args(argv)
    suffix = "-batch" if args.without_batch else ""
    args.json = args.json or OUT_JSON.with_name(f"learn_writers{suffix}.json")
    args.md = args.md or OUT_MD.with_name(f"learn_writers{suffix}.md")
    if not args.report:
        jobs = []
        for lang, files in dev_files().items():
            for w in sorted({writer_of(f) for f in files}):
                if args.writer and w not in args.writer:
                    continue
                jobs.append((lang, [str(f) for f in files], w, args.top, args.without_batch))
        with ProcessPoolExecutor(args.jobs) as pool:
            folds = []
            for fold in pool.map(_fold, jobs):
                print(f"{fold['writer']}: {len(fold['rows'])} proposals", flush=True)
                folds.append(fold)
        data = {"top": args.top, "without_batch": args.without_batch} | pack(folds)
        args.json.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    data = json.loads(args.json.read_text(encoding="utf-8"))
    args.md.write_text(report(data), encoding="utf-8")
    e = estimate(only(unpack(data), CHOSEN), MIN_FOLDS, MIN_NET)
    print(f"{e['kept']} kept; dev F1 nested {_gain(e['nested'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
