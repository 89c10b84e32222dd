"""How far candidates take a researcher past the rules, and what learning from a few coded
interviews does: measured on the blind evaluation corpus.

    .venv/bin/python eval/candidates.py

1. Candidates. For a split, two throw-away lernet projects: one codes the interviews with the
   writers' key (`lernet code --coder key`), which gives the truth; the other codes the same
   interviews with the key's tags taken out, so it holds the rules' codings only, as a researcher's
   project would. A simulated reviewer then goes through `lernet review --candidates` code by
   code (the library functions the command calls): it accepts a candidate when the key gives that
   participant that code (anywhere in the interview), and rejects it otherwise. Every decision is
   stored, so the next ranking learns from it, as in a real review. After each round (one
   candidate per code per ten interviews) participant-level precision and recall of the rules
   together with the accepted candidates are measured against the key. A stricter reviewer, who
   accepts a candidate only when the key tagged that very turn with the code, is measured too.

2. Learning from a few coded interviews, on the two held-out studies of eval/learn (eight
   members of one network each, never read while rules change). Each consecutive pair of sorted
   ids is held out once: the key of the other six is kept as hand coding (a project in the
   study's language), the two are coded by the rules only. `lernet suggest --all` proposes terms;
   those it rates precise are added with `--add`; the two are coded again and their F1 against
   the key compared before and after. Pooled over the eight folds, and per fold.

Privacy: for the test split this script computes and writes scores only; it never prints a
sentence, a word of a candidate or lernet's messages (which can quote the interviews).

Writes eval/candidates.md, eval/candidates.json and eval/candidates.png.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from run import (  # noqa: E402
    _UNREADABLE_RE,
    EVAL,
    EvalError,
    interviews,
    key_codes,
    language_of,
    lernet,
    lernet_process,
    new_project,
    prf,
)

OUT_MD = EVAL / "candidates.md"
OUT_JSON = EVAL / "candidates.json"
OUT_PNG = EVAL / "candidates.png"
REVIEWER = "sim"
ROUNDS = 5
"""Candidates per code per ten interviews, at most."""
SECOND_BATCH = ("ng", "nh", "ei", "ej")

_OPEN_RE = re.compile(r"\[\[[^\[\]:\n]{1,120}:[ \t]?")


def strip_tags(text: str) -> str:
    """The interview as it was said: the key's tags taken out, their text kept."""
    return _OPEN_RE.sub("", text).replace("]]", "")


@dataclass
class Corpus:
    """Two projects on the same interviews: with the key, and with the rules only."""

    name: str
    files: list[Path]
    keyed: Path
    plain: Path
    key_people: set[tuple[str, str]] = field(default_factory=set)
    """(participant, leaf code) the key has."""
    key_turns: set[tuple[str, int, str]] = field(default_factory=set)
    """(file, segment, leaf code) the key tagged."""
    leaves: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    """Interviews lernet refused: their key's codes are misses, as in run.py."""


def build(name: str, files: list[Path], base: Path, private: bool) -> Corpus:
    keyed = new_project(base / f"{name}-key")
    plain = new_project(base / f"{name}-rules")
    unreadable: list[str] = []
    for project, strip in ((keyed, False), (plain, True)):
        into = project / "transcripts"
        into.mkdir()
        for f in files:
            text = f.read_text(encoding="utf-8")
            (into / f.name).write_text(strip_tags(text) if strip else text, encoding="utf-8")
        names = [f"transcripts/{f.name}" for f in files]
        args = ["code", *names] + (["--coder", "key"] if not strip else [])
        # exit 5: a file lernet cannot read; its key's codes count as misses (as in run.py)
        ran = lernet_process(args, project, private, ok=(0, 5))
        if not strip:
            unreadable = sorted(set(_UNREADABLE_RE.findall(ran.stderr)))
    corpus = Corpus(name, files, keyed, plain, unreadable=unreadable)
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.readers import md

    book = load_codebook(keyed / "codebook.yaml", with_rules=False)
    corpus.leaves = [c.id for c in book.walk() if not c.children]
    rows = json.loads(lernet(["codings", "--coder", "key", "--format", "json"], keyed, private))
    for r in rows:
        if r["code"] in corpus.leaves:
            corpus.key_people.add((r["participant"], r["code"]))
            corpus.key_turns.add((r["file"], r["segment"], r["code"]))
    for i in unreadable:
        path = next(f for f in files if f.stem == i)
        who = md.read(path).metadata.get("participant") or i
        corpus.key_people.update((who, c) for c in key_codes(path, keyed) if c in corpus.leaves)
    _same_turns(corpus)
    return corpus


def _same_turns(corpus: Corpus) -> None:
    """Both projects must have the same participant turns, so that segment numbers agree."""
    from lernet_cli.store.store import Store

    texts = []
    for project in (corpus.keyed, corpus.plain):
        with Store.open(project / ".lernet" / "lernet.db") as store:
            texts.append(
                [
                    (r.path, r.segment, r.participant, r.segment_text)
                    for r in store.participant_segments()
                ]
            )
    if texts[0] != texts[1]:
        raise EvalError(f"{corpus.name}: the keyed and the plain project differ in their turns")


# --------------------------------------------------------------------------- simulation


def people_coded(study: Any, leaves: list[str]) -> set[tuple[str, str]]:
    return {(p, c) for c in leaves for p in study.people_with.get(c, set())}


def measure(found: set[tuple[str, str]], key: set[tuple[str, str]]) -> dict[str, Any]:
    return prf(len(found & key), len(found - key), len(key - found))


def simulate(corpus: Corpus, strict: bool, settings: Any = None) -> dict[str, Any]:
    """Rounds of review on a copy of the rules-only store; figures after each round."""
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.learn.candidates import DEFAULT, load_study
    from lernet_cli.store.store import Store

    work = Path(tempfile.mkdtemp(prefix="lernet-cand-"))
    db = work / "lernet.db"
    shutil.copyfile(corpus.plain / ".lernet" / "lernet.db", db)
    book = load_codebook(corpus.plain / "codebook.yaml")
    per_round = max(1, round(len(corpus.files) / 10))
    curve = []
    with Store.open(db) as store:
        study = load_study(store, book, settings or DEFAULT)
        start = measure(people_coded(study, corpus.leaves), corpus.key_people)
        curve.append({"round": 0, "decisions": 0, "accepted": 0} | start)
        decisions = accepted = 0
        for r in range(1, ROUNDS + 1):
            for code in corpus.leaves:
                for _ in range(per_round):
                    ranked = study.rank(code, limit=1)
                    if not ranked:
                        break
                    cand = ranked[0]
                    if strict:
                        ok = (cand.path, cand.segment, code) in corpus.key_turns
                    else:
                        ok = (cand.participant, code) in corpus.key_people
                    decisions += 1
                    if ok:
                        accepted += 1
                        study.accept(store, cand, REVIEWER)
                    else:
                        study.reject(store, cand, REVIEWER)
            now = measure(people_coded(study, corpus.leaves), corpus.key_people)
            curve.append({"round": r, "decisions": decisions, "accepted": accepted} | now)
    shutil.rmtree(work, ignore_errors=True)
    return {"per_round": per_round, "curve": curve}


# --------------------------------------------------------------------------- learning


LEARN_HAND = 6
LEARN_ALL = 8
STUDIES = EVAL / "learn"
"""One folder per study: eight interviews of one network, never read while rules change."""


def studies() -> dict[str, list[Path]]:
    return {
        d.name: sorted(d.glob("*.md"))
        for d in sorted(STUDIES.iterdir())
        if d.is_dir() and len(list(d.glob("*.md"))) == LEARN_ALL
    }


def folds(files: list[Path]) -> list[tuple[list[Path], list[Path]]]:
    """The fixed rule: each consecutive pair of sorted ids held out once, the six others
    hand-coded."""
    out = []
    for i in range(0, LEARN_ALL, LEARN_ALL - LEARN_HAND):
        rest = files[i : i + LEARN_ALL - LEARN_HAND]
        out.append(([f for f in files if f not in rest], rest))
    return out


def pool_folds(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Participant-level figures of all folds' held-out pairs together, before and after."""
    out: dict[str, Any] = {"added": sum(len(r["added"]) for r in runs)}
    for when in ("before", "after"):
        tp, fp, fn = (sum(r[when]["participant"][k] for r in runs) for k in ("tp", "fp", "fn"))
        out[when] = prf(tp, fp, fn)
    out["folds_up"] = sum(
        r["after"]["participant"]["f1"] > r["before"]["participant"]["f1"] for r in runs
    )
    out["folds_down"] = sum(
        r["after"]["participant"]["f1"] < r["before"]["participant"]["f1"] for r in runs
    )
    return out


def _eval_project(project: Path) -> dict[str, Any]:
    data = json.loads(
        lernet(["codebook", "eval", "--coder", "key", "--format", "json"], project, False)
    )
    rows = {c["code"]: c["participant"] for c in data["codes"]}
    return {"overall": data["overall"], "codes": rows}


def learning(
    base: Path, hand: list[Path], rest: list[Path], which: str = "precise"
) -> dict[str, Any]:
    """Six interviews coded by hand (the key), two by the rules; suggest --all; add what it
    rates precise (`which` "gain": every proposal that raises the estimated F1); the two coded
    again and measured against their key."""
    name = f"learn-{which}-{rest[0].stem}"
    lang = language_of(rest[0])
    study = new_project(base / f"{name}-study", lang)
    check = new_project(base / f"{name}-check", lang)
    (study / "hand").mkdir()
    (study / "rest").mkdir()
    (check / "transcripts").mkdir()
    for f in hand:
        shutil.copyfile(f, study / "hand" / f.name)
    for f in rest:
        text = f.read_text(encoding="utf-8")
        (study / "rest" / f.name).write_text(strip_tags(text), encoding="utf-8")
        shutil.copyfile(f, check / "transcripts" / f.name)
    lernet(["code", "hand", "--coder", "key"], study, False)
    lernet(["code", "rest"], study, False)
    lernet(["code", "transcripts", "--coder", "key"], check, False)
    before = _eval_project(check)
    proposed = json.loads(
        lernet(["suggest", "--all", "--coder", "key", "--format", "json"], study, False)
    )
    hand_eval = json.loads(
        lernet(["codebook", "eval", "--coder", "key", "--format", "json"], study, False)
    )
    leaves = set(proposed["codes_learned"]) | {c["code"] for c in proposed["too_little"]}
    coded_turns = {
        c["code"]: c["segment"]["tp"] + c["segment"]["fn"]
        for c in hand_eval["codes"]
        if c["code"] in leaves
    }
    chosen = [
        p for p in proposed["proposals"] if (p["gain"] > 0 if which == "gain" else p["precise"])
    ]
    added = []
    for p in chosen:
        option = "--add-negated" if p["negated"] else "--add"
        lernet(["suggest", "--code", p["code"], option, p["term"]], study, False)
        added.append({"code": p["code"], "term": p["term"], "negated": p["negated"]})
    shutil.copyfile(study / "codebook.yaml", check / "codebook.yaml")
    lernet(["code", "transcripts", "--coder", "key"], check, False)
    after = _eval_project(check)
    changed = {}
    for code, b in before["codes"].items():
        a = after["codes"][code]
        if (b["tp"], b["fp"], b["fn"]) != (a["tp"], a["fp"], a["fn"]):
            changed[code] = {"before": b, "after": a}
    return {
        "hand": [f.stem for f in hand],
        "held_out": [f.stem for f in rest],
        "codes_learned": len(proposed["codes_learned"]),
        "codes_hand_coded": len(coded_turns),
        "codes_with_5_turns": sum(1 for n in coded_turns.values() if n >= 5),
        "codes_with_proposals": len({p["code"] for p in proposed["proposals"]}),
        "too_little": len(proposed["too_little"]),
        "proposals": len(proposed["proposals"]),
        "added": added,
        "before": before["overall"],
        "after": after["overall"],
        "changed_codes": changed,
    }


# --------------------------------------------------------------------------- writing


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def at_round(curve: list[dict[str, Any]], r: int) -> dict[str, Any]:
    return next(p for p in curve if p["round"] == r)


GOAL = 0.90


def goal_sentence(name: str, res: dict[str, Any]) -> str:
    curve = res["lenient"]["curve"]
    third = at_round(curve, 3)
    reached = next((p for p in curve if p["recall"] is not None and p["recall"] >= GOAL), None)
    head = (
        f"**{name}: goal {'reached' if third['recall'] >= GOAL else 'not reached'}**: "
        f"recall {num(third['recall'])} after 3 candidates per code per ten interviews "
        f"({third['decisions']} decisions; rules alone {num(curve[0]['recall'])})"
    )
    if reached is not None:
        return head + f"; {GOAL:.2f} first reached after {reached['decisions']} decisions."
    best = curve[-1]
    return head + (
        f"; {GOAL:.2f} is not reached within {ROUNDS} per code per ten interviews "
        f"(recall {num(best['recall'])} after {best['decisions']} decisions)."
    )


def write_markdown(results: dict[str, Any], seconds: float, learning_only: bool = False) -> str:
    took = (
        f"the learning part run again alone with --learning-only in {seconds:.0f} s, the "
        "candidates' figures kept from the run before"
        if learning_only
        else f"{seconds:.0f} s"
    )
    lines = [
        "# Candidates and learning from a few coded interviews",
        "",
        "Generated by `eval/candidates.py`; do not edit by hand "
        f"({took}). How it is measured: the script's docstring.",
        "",
        "## Candidates: recall after reviewing the top candidates",
        "",
        "Participant × leaf code against the writers' key, as in `eval/results.md`. A round is "
        "one candidate per code per ten interviews (on test's 20 interviews: two per code), "
        "each taken from the ranking as it stands after the decisions before it. *Lenient*: "
        "the simulated reviewer accepts a candidate when the key gives that participant that "
        "code anywhere (the issue's reviewer); *strict*: only when the key tagged that very turn "
        "with it. The rules' own codings are not reviewed, so precision can only stay or rise.",
        "",
    ]
    for name in results["candidates"]:
        res = results["candidates"][name]
        lines.append(goal_sentence(name, res))
        lines.append("")
    for name, res in results["candidates"].items():
        lines += [
            f"### {name}: {res['interviews']} interviews, {res['key']} participant × codes "
            f"in the key, {res['lenient']['per_round']} candidate(s) per code per round",
            "",
        ]
        if res.get("unreadable"):
            lines += [
                f"Not readable by lernet: {', '.join(res['unreadable'])} (its key's codes "
                "count as misses, as in results.md).",
                "",
            ]
        header = "| reviewer | per code per ten interviews | decisions | accepted | P | R | F1 |"
        lines += [header, "|---|---|---|---|---|---|---|"]
        for kind in ("lenient", "strict"):
            curve = res[kind]["curve"]
            for r in (0, 1, 3, 5):
                p = at_round(curve, r)
                label = "rules alone" if r == 0 else f"top {r}"
                lines.append(
                    f"| {kind} | {label} | {p['decisions']} | {p['accepted']} | "
                    f"{num(p['precision'])} | {num(p['recall'])} | {num(p['f1'])} |"
                )
        lines.append("")
    lines += [
        "![recall against decisions](candidates.png)",
        "",
        "*dev* is all dev interviews; *dev2* is the second batch alone, on which the ranking's "
        "settings were chosen before the second round of rules was written on it too (so "
        "neither is unseen by the rules any more: only *test* is); *test* was run once the "
        "settings were fixed, and only its scores are shown; *unseen* is the two studies of "
        "eval/learn, written after the settings and every rule round, scores only. Candidates "
        "count the default codebook's reference passages, which are the dev key's evidence "
        "(eval/reference.py): on *dev* and *dev2* they know the answers, so only *test* and "
        "*unseen* measure them.",
        "",
    ]
    for key, title, rule in (
        ("learning", "Learning from six hand-coded interviews of a study", "rated precise"),
        (
            "learning_all_gains",
            "For comparison: adding every proposal that raises the estimated F1",
            "with a positive expected gain",
        ),
    ):
        if key in results:
            lines += _learning_markdown(results[key], title, rule)
    return "\n".join(lines)


def _learning_markdown(learn: dict[str, Any], title: str, rule: str) -> list[str]:
    if not learn:
        return []
    b, a = learn["before"], learn["after"]
    runs = learn["folds"]
    lines = [
        f"## {title}",
        "",
        f"Two studies of eight interviews (eval/learn), each pair of sorted ids held out once: "
        f"{len(runs)} folds. In each, the key of the other six is the hand coding, `lernet "
        f"suggest --all --coder key` proposes terms, those {rule} are added, and the two "
        f"held-out interviews are coded again. {learn['added']} term(s) added over all folds; "
        f"F1 up in {learn['folds_up']} fold(s), down in {learn['folds_down']}.",
        "",
        "| held-out pairs, pooled | tp | fp | fn | P | R | F1 |",
        "|---|---|---|---|---|---|---|",
        f"| before | {b['tp']} | {b['fp']} | {b['fn']} | {num(b['precision'])} | "
        f"{num(b['recall'])} | {num(b['f1'])} |",
        f"| after | {a['tp']} | {a['fp']} | {a['fn']} | {num(a['precision'])} | "
        f"{num(a['recall'])} | {num(a['f1'])} |",
        "",
        "| study | held out | codes learned | proposals | added | F1 before | F1 after |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        added = ", ".join(
            f"`{x['term']}`{' (negated)' if x['negated'] else ''} → `{x['code']}`"
            for x in r["added"]
        )
        lines.append(
            f"| {r['study']} | {' '.join(r['held_out'])} | {r['codes_learned']} | "
            f"{r['proposals']} | {added or 'none'} | {num(r['before']['participant']['f1'])} | "
            f"{num(r['after']['participant']['f1'])} |"
        )
    lines.append("")
    return lines


def plot(results: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.5), dpi=120)
    colours = {"test": "#c0392b", "dev": "#2c7fb8", "dev2": "#41ab5d"}
    for name, res in results["candidates"].items():
        for kind, style in (("lenient", "-"), ("strict", ":")):
            curve = res[kind]["curve"]
            xs = [p["decisions"] for p in curve]
            ys = [p["recall"] for p in curve]
            ax.plot(
                xs,
                ys,
                style,
                marker="o",
                ms=3,
                color=colours.get(name, "grey"),
                label=f"{name}, {kind} reviewer",
            )
            for p in curve:
                if p["round"] in (1, 3, 5) and kind == "lenient":
                    ax.annotate(
                        f"top {p['round']}",
                        (p["decisions"], p["recall"]),
                        textcoords="offset points",
                        xytext=(4, -10),
                        fontsize=7,
                    )
    ax.axhline(GOAL, color="black", lw=0.8, ls="--")
    ax.text(0, GOAL + 0.005, "goal 0.90", fontsize=8)
    ax.set_xlabel("candidates reviewed (decisions)")
    ax.set_ylabel("participant-level recall")
    ax.set_title("Recall of rules + accepted candidates against the key")
    ax.set_ylim(0.4, 1.0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        choices=["dev", "dev2", "test", "unseen"],
        action="append",
        help="Run these sets only and print their figures; writes no file.",
    )
    parser.add_argument(
        "--learning-only",
        action="store_true",
        help="Run the learning experiment only and keep the candidates' figures of the last "
        "run (eval/candidates.json): for a change to `suggest`, which they do not use.",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.learning_only:
        return _learning_only(started)
    dev = interviews("dev")
    sets = {
        "test": interviews("test"),
        "dev": dev,
        "dev2": [f for f in dev if f.stem.startswith(SECOND_BATCH)],
        "unseen": sorted(STUDIES.glob("*/*.md")),
    }
    chosen = args.only or list(sets)
    results: dict[str, Any] = {"candidates": {}}
    try:
        with tempfile.TemporaryDirectory(prefix="lernet-cand-") as tmp:
            for name in chosen:
                private = name in ("test", "unseen")
                corpus = build(name, sets[name], Path(tmp), private)
                results["candidates"][name] = {
                    "interviews": len(corpus.files),
                    "key": len(corpus.key_people),
                    "unreadable": corpus.unreadable,
                    "lenient": simulate(corpus, strict=False),
                    "strict": simulate(corpus, strict=True),
                }
                for kind in ("lenient", "strict"):
                    for point in results["candidates"][name][kind]["curve"]:
                        print(
                            f"{name} {kind} round {point['round']}: decisions "
                            f"{point['decisions']} accepted {point['accepted']} "
                            f"P {num(point['precision'])} R {num(point['recall'])}"
                        )
            if not args.only:
                _learning(Path(tmp), results)
    except EvalError as exc:
        print(f"eval/candidates.py: {exc}", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started
    if not args.only:
        OUT_JSON.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        OUT_MD.write_text(write_markdown(results, seconds), encoding="utf-8")
        plot(results, OUT_PNG)
        print(f"wrote {OUT_MD.relative_to(ROOT)}, {OUT_JSON.name}, {OUT_PNG.name}")
    print(f"{seconds:.0f} s")
    return 0


def _learning(tmp: Path, results: dict[str, Any]) -> None:
    for key, which in (("learning", "precise"), ("learning_all_gains", "gain")):
        runs = [
            learning(tmp, hand, rest, which) | {"study": study}
            for study, files in studies().items()
            for hand, rest in folds(files)
        ]
        results[key] = {"folds": runs, **pool_folds(runs)}
        learn = results[key]
        print(
            f"{key}: added {learn['added']} in {len(runs)} folds; held-out F1 "
            f"{num(learn['before']['f1'])} -> {num(learn['after']['f1'])}"
        )


def _learning_only(started: float) -> int:
    results = json.loads(OUT_JSON.read_text(encoding="utf-8"))
    try:
        with tempfile.TemporaryDirectory(prefix="lernet-cand-") as tmp:
            _learning(Path(tmp), results)
    except EvalError as exc:
        print(f"eval/candidates.py: {exc}", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started
    OUT_JSON.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    OUT_MD.write_text(write_markdown(results, seconds, learning_only=True), encoding="utf-8")
    print(f"wrote {OUT_MD.relative_to(ROOT)}, {OUT_JSON.name} (learning only)")
    print(f"{seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
