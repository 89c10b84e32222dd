"""Would coding the top candidates automatically raise participant-level F1 over the rules alone?

    .venv/bin/python eval/autocands.py [--cache FILE]

An experiment on eval/dev only (never test, check, learn or the writers' notes). Leave one batch
out: the dev interviews fall into five batches (eval/README.md: writers A-F's odd numbers, G-J,
K-N, Q-S, W-Z). For each batch, and within it each language (a study is in one language), a
throw-away project codes the batch's interviews with the rules only (the key's tags taken out,
as in eval/candidates.py) and `lernet review --candidates`'s ranking (learn/candidates.py) scores
every participant turn without a code. The reference passages are built from the key of the
OTHER four batches only (eval/reference.py's build on their files): the shipped reference holds
all of dev, so it would know the held-out answers.

Only a candidate of a participant who does not have the code yet can change a participant-level
figure, so per (participant, code) the best turn's score counts. A policy says which of those
are coded automatically:

- `score >= t`: every one whose score clears t;
- `top k, score >= t`: per code, the k per ten interviews of the study with the highest scores,
  if they clear t;
- `best code per participant, score >= t`: per participant, the one code with the highest score.

The rules' codings plus the added ones are scored against the key at participant × leaf code
(as eval/run.py), pooled over the batches, and per language. The policy is chosen on the pooled
figures (best F1 with precision >= 0.75). As a check on that choice, a nested estimate chooses the
policy on the four other batches' pooled figures and applies it to the held-out one.

Caveat: every rule round read the dev interviews, so the rules are better on dev (fewer misses
left for candidates, fewer false codings) than on unseen interviews.

Writes eval/autocands.md and eval/autocands.json. `--cache FILE` keeps the candidates' scores
between runs (the slow part) so the policies can be recomputed.

`--heldout` confirms, once, the policy the dev run chose (eval/autocands.json's `chosen`, never
re-chosen here) on the held-out interviews: the test split and the two unseen studies, each
study (and each language of test) a throw-away project, with reference passages from all of dev,
as the shipped reference has. It prints and writes figures only (eval/autocands-heldout.md and
.json), never a sentence of those interviews.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import reference as dev_reference  # noqa: E402
from candidates import build, people_coded  # noqa: E402
from run import EVAL, interviews, language_of, prf  # noqa: E402

OUT_MD = EVAL / "autocands.md"
OUT_JSON = EVAL / "autocands.json"
HELD_MD = EVAL / "autocands-heldout.md"
HELD_JSON = EVAL / "autocands-heldout.json"
BATCHES: dict[str, tuple[str, ...]] = {
    "b1": ("na", "nb", "nc", "nd", "ea", "ef"),
    "b2": ("ng", "nh", "ei", "ej"),
    "b3": ("nk", "nl", "em", "en"),
    "b4": ("nr", "ns", "er"),
    "b5": ("nx", "ny", "ex", "ey"),
    "b6": ("nt", "nu", "et", "eu"),
    "b7": ("no", "np", "eo", "ep"),
}
MIN_PRECISION = 0.75
THRESHOLDS = [0.30, 0.35] + [round(0.40 + 0.025 * i, 3) for i in range(13)]
TOP_K = (1, 2)
UNREAD = ("ny", "ey")
"""Dev interviews no rule round read (eval/README.md: round 5 read nx and ex, kept ny and ey as
its hold-out; the rounds before came before batch 5): the closest dev has to unseen."""


def batch_of(stem: str) -> str:
    return next(b for b, prefixes in BATCHES.items() if stem[:2] in prefixes)


# --------------------------------------------------------------------------- candidates


def score_study(
    name: str, files: list[Path], others: list[Path], base: Path, private: bool = False
) -> dict[str, Any]:
    """Rules-only codings, the key and every new-participant candidate's best score for one
    study (a batch's interviews in one language), with reference passages from `others`."""
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.learn.candidates import load_study
    from lernet_cli.learn.reference import Reference, study_languages
    from lernet_cli.store.store import Store

    corpus = build(name, files, base, private=private)
    book = load_codebook(corpus.plain / "codebook.yaml")
    passages = dev_reference.build(others)["codes"]
    with Store.open(corpus.plain / ".lernet" / "lernet.db") as store:
        study = load_study(store, book, reference=False)
        texts: dict[int, list[str]] = {}
        for t in study.turns:
            texts.setdefault(t.transcript_id, []).append(t.text)
        study.reference = Reference(Path(), "", passages).in_languages(
            study_languages(texts.values())
        )
        rules = people_coded(study, corpus.leaves)
        best = {
            key: {
                "participant": cand.participant,
                "code": key[1],
                "score": round(cand.score, 4),
                "near": round(cand.near_miss, 4),
                "key": key in corpus.key_people,
            }
            for key, cand in best_new(study, corpus.leaves).items()
        }
    return {
        "name": name,
        "interviews": len(files),
        "rules": sorted(map(list, rules)),
        "key": sorted(map(list, corpus.key_people)),
        "candidates": sorted(best.values(), key=lambda c: (c["code"], -c["score"])),
        "unreadable": corpus.unreadable,
    }


def best_new(study: Any, leaves: Iterable[str]) -> dict[tuple[str, str], Any]:
    """Per (participant, code) the participant does not have yet, their best candidate turn
    (a later one wins only over the kept one's score rounded to 4 places, as the figures were
    first made)."""
    best: dict[tuple[str, str], Any] = {}
    for code in leaves:
        for cand in study.rank(code):
            if not cand.new_participant:
                continue
            key = (cand.participant, code)
            if key not in best or cand.score > round(best[key].score, 4):
                best[key] = cand
    return best


def score_all() -> list[dict[str, Any]]:
    dev = interviews("dev")
    studies = []
    with tempfile.TemporaryDirectory(prefix="lernet-auto-") as tmp:
        for batch in BATCHES:
            held = [f for f in dev if batch_of(f.stem) == batch]
            others = [f for f in dev if batch_of(f.stem) != batch]
            by_lang: dict[str, list[Path]] = defaultdict(list)
            for f in held:
                by_lang[language_of(f)].append(f)
            for lang, files in sorted(by_lang.items()):
                started = time.monotonic()
                res = score_study(f"{batch}-{lang}", files, others, Path(tmp))
                studies.append(res | {"batch": batch, "language": lang})
                print(
                    f"{batch}-{lang}: {len(files)} interviews, {len(res['candidates'])} "
                    f"candidates ({time.monotonic() - started:.0f} s)",
                    flush=True,
                )
    return studies


# --------------------------------------------------------------------------- policies

Pick = Callable[[dict[str, Any]], list[dict[str, Any]]]


def by_threshold(t: float) -> Pick:
    return lambda s: [c for c in s["candidates"] if c["score"] >= t]


def by_top_k(k: int, t: float) -> Pick:
    def pick(s: dict[str, Any]) -> list[dict[str, Any]]:
        n = k * max(1, round(s["interviews"] / 10))
        per: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in s["candidates"]:
            if c["score"] >= t:
                per[c["code"]].append(c)
        return [c for cs in per.values() for c in sorted(cs, key=lambda c: -c["score"])[:n]]

    return pick


def by_participant(t: float) -> Pick:
    def pick(s: dict[str, Any]) -> list[dict[str, Any]]:
        best: dict[str, dict[str, Any]] = {}
        for c in s["candidates"]:
            if c["score"] >= t and (
                c["participant"] not in best or c["score"] > best[c["participant"]]["score"]
            ):
                best[c["participant"]] = c
        return list(best.values())

    return pick


def policies() -> dict[str, Pick]:
    out: dict[str, Pick] = {"rules alone": lambda s: []}
    for t in THRESHOLDS:
        out[f"score >= {t:.3f}"] = by_threshold(t)
    for k in TOP_K:
        for t in THRESHOLDS:
            out[f"top {k}, score >= {t:.3f}"] = by_top_k(k, t)
    for t in THRESHOLDS:
        out[f"best code per participant, score >= {t:.3f}"] = by_participant(t)
    return out


def counts(
    study: dict[str, Any], pick: Pick, only: Callable[[str], bool] = lambda p: True
) -> dict[str, int]:
    """tp, fp, fn of the rules plus what `pick` adds, over the participants `only` keeps."""
    rules = {(p, c) for p, c in study["rules"] if only(p)}
    key = {(p, c) for p, c in study["key"] if only(p)}
    added = {(c["participant"], c["code"]) for c in pick(study) if only(c["participant"])} - rules
    found = rules | added
    return {
        "tp": len(found & key),
        "fp": len(found - key),
        "fn": len(key - found),
        "added": len(added),
        "added_right": len(added & key),
    }


def pool(rows: Iterable[dict[str, int]]) -> dict[str, Any]:
    total: dict[str, int] = defaultdict(int)
    for r in rows:
        for k in ("tp", "fp", "fn", "added", "added_right"):
            total[k] += r[k]
    out = prf(total["tp"], total["fp"], total["fn"])
    out["added"] = total["added"]
    out["added_right"] = total["added_right"]
    out["added_precision"] = total["added_right"] / total["added"] if total["added"] else None
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def evaluate(studies: list[dict[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name, pick in policies().items():
        per = {(s["batch"], s["language"]): counts(s, pick) for s in studies}
        table[name] = {
            "all": pool(per.values()),
            "nl": pool(v for (_, lang), v in per.items() if lang == "nl"),
            "en": pool(v for (_, lang), v in per.items() if lang == "en"),
            "unread": pool(counts(s, pick, lambda p: p.startswith(UNREAD)) for s in studies),
            "batches": {b: pool(v for (bb, _), v in per.items() if bb == b) for b in BATCHES},
        }
    return table


def choose(rows: dict[str, dict[str, Any]]) -> str:
    """The policy with the best F1 whose precision stays at MIN_PRECISION or above."""
    ok = [n for n, r in rows.items() if (r["precision"] or 0) >= MIN_PRECISION]
    return max(ok, key=lambda n: (rows[n]["f1"] or 0, n == "rules alone"))


def nested(studies: list[dict[str, Any]], table: dict[str, Any]) -> dict[str, Any]:
    """Per batch, the policy chosen on the other four batches, applied to this one."""
    picks = policies()
    chosen = {}
    rows = []
    for b in BATCHES:
        others = {
            name: pool(v for bb, v in t["batches"].items() if bb != b) for name, t in table.items()
        }
        name = choose(others)
        chosen[b] = name
        rows += [counts(s, picks[name]) for s in studies if s["batch"] == b]
    return {"chosen": chosen, "result": pool(rows)}


# --------------------------------------------------------------------------- writing


def num(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def row(name: str, r: dict[str, Any], base: dict[str, Any]) -> str:
    delta = (r["f1"] or 0) - (base["f1"] or 0)
    return (
        f"| {name} | {num(r['precision'])} | {num(r['recall'])} | {num(r['f1'])} | "
        f"{delta:+.3f} | {r['added']} | {num(r['added_precision'])} |"
    )


HEADER = [
    "| policy | P | R | F1 | Δ F1 | added | added P |",
    "|---|---|---|---|---|---|---|",
]


def write_markdown(
    studies: list[dict[str, Any]], table: dict[str, Any], best: str, nest: dict[str, Any]
) -> str:
    base = table["rules alone"]
    lines = [
        "# Coding top candidates automatically: leave-one-batch-out on dev",
        "",
        "Generated by `eval/autocands.py`; do not edit by hand. How it is measured: the "
        "script's docstring. Participant × leaf code against the writers' key, pooled over the "
        f"five dev batches ({sum(s['interviews'] for s in studies)} interviews, "
        f"{base['all']['tp'] + base['all']['fn']} participant × codes in the key); reference "
        "passages from the other four batches only. *added*: participant × codes the policy "
        "codes that the rules had not; *added P*: the share of them the key has.",
        "",
        f"**Chosen on the pooled figures** (best F1, precision >= {MIN_PRECISION}): `{best}`: "
        f"F1 {num(table[best]['all']['f1'])} against {num(base['all']['f1'])} for the rules "
        f"alone ({(table[best]['all']['f1'] or 0) - (base['all']['f1'] or 0):+.3f}).",
        "",
        f"**Nested check** (the policy chosen on the four other batches, applied to the fifth): "
        f"F1 {num(nest['result']['f1'])} (P {num(nest['result']['precision'])}, R "
        f"{num(nest['result']['recall'])}, {nest['result']['added']} added); chosen per "
        "held-out batch: " + "; ".join(f"{b}: `{n}`" for b, n in nest["chosen"].items()) + ".",
        "",
        "**Caveat**: every rule round read the dev interviews, so on dev the rules are far "
        f"better than on unseen interviews (rules alone F1 {num(base['all']['f1'])} here; "
        "about 0.78 on test and the studies), and leave candidates little to find. The dev "
        f"interviews no rule round read ({', '.join(UNREAD)}) are the exception: rules alone "
        f"F1 {num(base['unread']['f1'])}, and the chosen policy "
        f"{(table[best]['unread']['f1'] or 0) - (base['unread']['f1'] or 0):+.3f} there "
        f"({table[best]['unread']['added']} added, {table[best]['unread']['added_right']} of "
        "them right), on only 12 interviews.",
        "",
        "## Best of each kind of policy, and rules alone",
        "",
    ]
    kinds = ["score >=", "top 1", "top 2", "best code per participant"]
    tops = ["rules alone"] + [
        choose({n: t["all"] for n, t in table.items() if n.startswith(k)}) for k in kinds
    ]
    titles = {
        "all": "all dev, pooled",
        "nl": "Dutch interviews",
        "en": "English interviews",
        "unread": f"interviews no rule round read ({', '.join(UNREAD)}: 12 of batch b5)",
    }
    for part in ("all", "nl", "en", "unread"):
        lines += [f"### {titles[part]}", "", *HEADER]
        lines += [row(n, table[n][part], base[part]) for n in tops]
        lines.append("")
    lines += ["## Per batch (the chosen policy)", "", "| batch | " + HEADER[0][2:]]
    lines[-1] = "| batch | rules F1 | P | R | F1 | Δ F1 | added | added P |"
    lines.append("|---|---|---|---|---|---|---|---|")
    for b in BATCHES:
        r, r0 = table[best]["batches"][b], base["batches"][b]
        lines.append(
            f"| {b} | {num(r0['f1'])} | {num(r['precision'])} | {num(r['recall'])} | "
            f"{num(r['f1'])} | {(r['f1'] or 0) - (r0['f1'] or 0):+.3f} | {r['added']} | "
            f"{num(r['added_precision'])} |"
        )
    for part in ("all", "unread"):
        lines += ["", f"## Every policy: {titles[part]}", "", *HEADER]
        lines += [row(n, t[part], base[part]) for n, t in table.items()]
    lines.append("")
    return "\n".join(lines)


def heldout() -> int:
    """The dev-chosen policy on test and the unseen studies (figures only)."""
    started = time.monotonic()
    chosen = json.loads(OUT_JSON.read_text(encoding="utf-8"))["chosen"]
    pick = policies()[chosen]
    dev = interviews("dev")
    groups: dict[str, list[Path]] = defaultdict(list)
    for f in interviews("test"):
        groups[f"test-{language_of(f)}"].append(f)
    for f in interviews("unseen"):
        groups[f"study-{f.parent.name}"].append(f)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="lernet-auto-") as tmp:
        for name, files in sorted(groups.items()):
            study = score_study(name, files, dev, Path(tmp), private=True)
            results[name] = {
                "interviews": len(files),
                "rules alone": counts(study, lambda s: []),
                chosen: counts(study, pick),
            }
            print(f"{name}: {len(files)} interviews", flush=True)
    parts = {
        "test": [n for n in results if n.startswith("test-")],
        "unseen studies": [n for n in results if n.startswith("study-")],
    }
    parts["all held-out"] = parts["test"] + parts["unseen studies"]
    table = {
        part: {pol: pool(results[n][pol] for n in names) for pol in ("rules alone", chosen)}
        for part, names in parts.items()
    }
    HELD_JSON.write_text(
        json.dumps({"chosen": chosen, "parts": table, "studies": results}, indent=1) + "\n",
        encoding="utf-8",
    )
    lines = [
        "# Coding top candidates automatically: the dev-chosen policy on held-out interviews",
        "",
        "Generated by `eval/autocands.py --heldout`; do not edit by hand. The policy "
        f"`{chosen}` was chosen on dev (eval/autocands.md) and is applied here unchanged, once; "
        "reference passages from all of dev. Participant × leaf code against the writers' key.",
        "",
    ]
    for part, rows in table.items():
        base = rows["rules alone"]
        lines += [f"## {part}", "", *HEADER]
        lines += [row(pol, r, base) for pol, r in rows.items()]
        lines.append("")
    HELD_MD.write_text("\n".join(lines), encoding="utf-8")
    for part, rows in table.items():
        a, b = rows["rules alone"], rows[chosen]
        print(
            f"{part}: rules alone F1 {num(a['f1'])}, with `{chosen}` F1 {num(b['f1'])} "
            f"({b['added']} added, {b['added_right']} right)"
        )
    print(f"wrote {HELD_MD.relative_to(ROOT)} ({time.monotonic() - started:.0f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="Keep the candidates' scores in this file.")
    parser.add_argument(
        "--heldout", action="store_true", help="Confirm the dev-chosen policy on test and studies."
    )
    args = parser.parse_args(argv)
    if args.heldout:
        return heldout()
    started = time.monotonic()
    if args.cache and args.cache.is_file():
        studies = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        studies = score_all()
        if args.cache:
            args.cache.write_text(json.dumps(studies), encoding="utf-8")
    table = evaluate(studies)
    best = choose({n: t["all"] for n, t in table.items()})
    nest = nested(studies, table)
    OUT_JSON.write_text(
        json.dumps({"chosen": best, "nested": nest, "policies": table}, indent=1) + "\n",
        encoding="utf-8",
    )
    OUT_MD.write_text(write_markdown(studies, table, best, nest), encoding="utf-8")
    base = table["rules alone"]["all"]
    print(f"rules alone: P {num(base['precision'])} R {num(base['recall'])} F1 {num(base['f1'])}")
    r = table[best]["all"]
    print(f"chosen {best}: P {num(r['precision'])} R {num(r['recall'])} F1 {num(r['f1'])}")
    print(f"nested: F1 {num(nest['result']['f1'])}")
    print(f"wrote {OUT_MD.relative_to(ROOT)} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
