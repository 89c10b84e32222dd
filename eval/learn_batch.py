"""Do the terms learn_writers kept carry over to a folder of interviews no rule has seen?

    .venv/bin/python eval/learn_batch.py FOLDER [--md eval/learn_batch.md] [--json OUT]
    .venv/bin/python eval/learn_batch.py --from-json eval/learn_batch.json --md eval/learn_batch.md

The pre-registered test of eval_work s11/PREREG7 (issue #17, batch 7). The term lists are
eval/learn_writers.py's, from its fold table eval/learn_writers.json, over all folds, exactly as
that script keeps them (proposed in >= MIN_FOLDS folds, TP gained - FP added > MIN_NET, more
held-out writers gained than lost):

- primary: the kept terms of the "rated precise" candidate set (the rows `suggest` rated precise);
- secondary: the kept terms of every proposal (the full kept set).

For each set the terms are added to a copy of the default codebook the way `suggest` writes
rules (`term_rule`: `any: [term]`, or `all: [words]` for a pair, `negation: require` for a term
proposed in negation), through lernet's own codebook edit (each term a rule of its
own at the end of its code's `match:` list, inserted with the helpers of
lernet_cli/learn/codebook_edit.py). Every term goes in whatever language it was learned in, as
it would in the codebook. The folder's key-tagged interviews (front matter and tags as eval/dev) are
then coded per language by `lernet code --coder key` in a throw-away project with the default
codebook and with each copy, and `lernet codebook eval` gives participant-level leaf micro
figures: TP gained and FP added over the rules alone, and F1 before and after, per set and per
language. As a cross-check, and to name the terms that fire, each term is also run alone on the
participants the rules leave without its code (`rule_matches`, as learn_writers does).

Reads only the folder given and eval/learn_writers.json; prints figures, interview ids and the
learned terms, never interview text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from learn_writers import (  # noqa: E402
    CANDIDATES,
    MIN_FOLDS,
    MIN_NET,
    OUT_JSON,
    kept,
    only,
    term_stats,
    unpack,
)
from run import (  # noqa: E402
    CODER_KEY,
    LANGUAGES,
    Codebook,
    language_of,
    lernet,
    lernet_process,
    new_project,
    summarise,
)

SETS = {"primary": "rated precise", "secondary": "every proposal"}
"""The term sets tested (PREREG7): primary decides, secondary is reported."""


def kept_terms(data: dict[str, Any], which: str) -> list[dict[str, Any]]:
    """The terms learn_writers keeps over all folds for one candidate set."""
    stats = term_stats(only(unpack(data), which))
    return sorted(
        (s for s in stats.values() if kept(s, MIN_FOLDS, MIN_NET)),
        key=lambda s: (s["code"], s["kind"], s["negated"], s["term"]),
    )


def with_terms(text: str, terms: list[dict[str, Any]], path: Path) -> str:
    """The codebook text with each of `terms` appended to its code's `match:` list as a rule of
    its own, as `term_rule` writes it: `any: [term]` or `all: [words]`, `negation: require` for a
    term proposed in negation. Inserted as text with lernet's own codebook edit helpers (one
    read of the file, not one per term), and checked: the result must read as the old codebook
    plus exactly these rules, and give `lernet codebook check` no new problem."""
    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.learn import codebook_edit as ce
    from lernet_cli.learn.suggest import PAIR_JOIN

    data, root = ce._load(text, path)
    strict = ce._plain(ce._strict_load(text, path))
    lines = ce._Lines(text)
    inserts: list[tuple[int, list[str]]] = []
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in terms:
        by_code[t["code"]].append(t)
    for code_id, group in by_code.items():
        found = ce._find_code(data["themes"], code_id)
        if found is None:
            raise SystemExit(f"{code_id}: no such code")
        code, code_path = found
        rules = code["match"]
        node = ce._node_at(root, [*code_path, "match"])
        gap = ce._dash_gap(lines, rules, len(rules) - 1)
        if node.flow_style or gap is None:
            raise SystemExit(f"{code_id}: its match: list is not laid out as expected")
        new: list[str] = []
        holder = strict
        for step in code_path:
            holder = holder[step]
        for t in group:
            words = t["term"].split(PAIR_JOIN) if t["kind"] == "all" else [t["term"]]
            key = "all" if t["kind"] == "all" else "any"
            rule = f"{key}: [{', '.join(ce._yaml_term(w) for w in words)}]"
            new += ce._rule_lines(rules.lc.col, gap, rule, bool(t["negated"]))
            want: dict[str, Any] = {key: words}
            if t["negated"]:
                want["negation"] = "require"
            holder["match"].append(want)
        inserts.append((ce._end_line(node.value[-1], lines), new))
    out = text
    for line, new in sorted(inserts, reverse=True):
        out = ce._Lines(out).insert_after(line, new)
    if ce._plain(ce._strict_load(out, path)) != strict:
        raise SystemExit("the codebook with the terms does not read as intended")
    if ce._problems(parse_codebook(path, text=out)) - ce._problems(parse_codebook(path, text=text)):
        raise SystemExit("the codebook with the terms has new problems")
    return out


def feature_rule(t: dict[str, Any]) -> Any:
    """The rule `term_rule` makes of the term (as learn_writers runs it)."""
    from lernet_cli.learn.suggest import PAIR_JOIN, Feature, term_rule

    if t["kind"] == "all":
        feature = Feature(tuple(t["term"].split(PAIR_JOIN)), bool(t["negated"]), pair=True)
    else:
        feature = Feature(tuple(t["term"].split(" ")), bool(t["negated"]))
    rule = term_rule(feature, f"{t['code']}#learned")
    if rule is None:
        raise SystemExit(f"{t['code']}: {t['term']!r} is no rule")
    return rule


def code_files(
    files: list[Path], folder: Path, lang: str, terms: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """Code the files with the default codebook (with `terms` added): participant-level leaf
    micro figures, and the project (for the cross-check)."""
    project = new_project(folder, lang)
    if terms is not None:
        path = project / "codebook.yaml"
        path.write_text(with_terms(path.read_text(encoding="utf-8"), terms, path), "utf-8")
        lernet(["codebook", "check"], project, False)
    book = Codebook.of(project)
    into = project / "transcripts"
    into.mkdir()
    for f in files:
        shutil.copyfile(f, into / f.name)
    names = [f"transcripts/{f.name}" for f in files]
    lernet_process(["code", *names, "--coder", CODER_KEY], project, True)
    evaluation = json.loads(
        lernet(["codebook", "eval", "--coder", CODER_KEY, "--format", "json"], project, True)
    )
    out = summarise(evaluation, book, {})
    p = out["micro"]["participant"]
    return {"project": project, "tp": p["tp"], "fp": p["fp"], "fn": p["fn"], "f1": p["f1"]}


def alone(project: Path, terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each term alone on the participants of `project` (coded with the default codebook) that
    the rules leave without its code: whom it would code rightly (tp) and wrongly (fp)."""
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.coding.autocode import rule_matches
    from lernet_cli.language.text import make_doc
    from lernet_cli.learn.handcoding import load_hand_coding, rule_codes
    from lernet_cli.store.store import Store

    book = load_codebook(project / "codebook.yaml")
    leaves = {c.id for c in book.walk() if not c.children}
    with Store.open(project / ".lernet" / "lernet.db") as store:
        hand = load_hand_coding(store, book, CODER_KEY)
        rules = rule_codes(book, hand.units, store)
    key_p: dict[str, set[str]] = defaultdict(set)
    rule_p: dict[str, set[str]] = defaultdict(set)
    by_p: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(hand.units):
        p = f"{Path(u.path).stem}:{u.participant}"
        key_p[p] |= hand.codes[i] & leaves
        rule_p[p] |= rules[i] & leaves
        by_p[p].append(i)
    docs = [make_doc(u.text) for u in hand.units]
    out = []
    for t in terms:
        rule, code = feature_rule(t), book.codes[t["code"]]
        fires = {
            p
            for p, units in by_p.items()
            if t["code"] not in rule_p[p]
            and any(rule_matches(book, code, docs[i], [rule]) for i in units)
        }
        out.append(
            t
            | {
                "tp_here": sorted(p for p in fires if t["code"] in key_p[p]),
                "fp_here": sorted(p for p in fires if t["code"] not in key_p[p]),
            }
        )
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def measure(folder: Path, data: dict[str, Any]) -> dict[str, Any]:
    files = sorted(folder.glob("*.md"))
    files = [f for f in files if f.name != "NOTES.md"]
    by_lang: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        by_lang[language_of(f)].append(f)
    sets = {name: kept_terms(data, which) for name, which in SETS.items()}
    out: dict[str, Any] = {
        "folder": folder.name,
        "interviews": [f.stem for f in files],
        "sets": {},
    }
    with tempfile.TemporaryDirectory(prefix="lernet-batch-") as tmp:
        before: dict[str, dict[str, Any]] = {}
        for lang in LANGUAGES:
            if by_lang.get(lang):
                before[lang] = code_files(by_lang[lang], Path(tmp) / f"rules-{lang}", lang, None)
        for name, terms in sets.items():
            per: dict[str, Any] = {}
            fired: list[dict[str, Any]] = []
            for lang, b in before.items():
                a = code_files(by_lang[lang], Path(tmp) / f"{name}-{lang}", lang, terms)
                per[lang] = {
                    "interviews": len(by_lang[lang]),
                    "before": {k: b[k] for k in ("tp", "fp", "fn", "f1")},
                    "after": {k: a[k] for k in ("tp", "fp", "fn", "f1")},
                    "tp_gained": a["tp"] - b["tp"],
                    "fp_added": a["fp"] - b["fp"],
                }
                for row in alone(b["project"], terms):
                    if row["tp_here"] or row["fp_here"]:
                        fired.append(row | {"where": lang})
            tot = {
                k: {x: sum(per[lang][k][x] for lang in per) for x in ("tp", "fp", "fn")}
                for k in ("before", "after")
            }
            for k in tot:
                tot[k]["f1"] = f1(tot[k]["tp"], tot[k]["fp"], tot[k]["fn"])
            per["all"] = tot | {
                "interviews": len(files),
                "tp_gained": tot["after"]["tp"] - tot["before"]["tp"],
                "fp_added": tot["after"]["fp"] - tot["before"]["fp"],
            }
            alone_tp = len({(p, r["code"]) for r in fired for p in r["tp_here"]})
            alone_fp = len({(p, r["code"]) for r in fired for p in r["fp_here"]})
            out["sets"][name] = {
                "candidates": SETS[name],
                "terms": len(terms),
                "figures": per,
                "cross_check": {"tp": alone_tp, "fp": alone_fp},
                "fired": [
                    {k: r[k] for k in ("code", "term", "kind", "negated", "language", "where")}
                    | {"tp": r["tp_here"], "fp": r["fp_here"]}
                    for r in fired
                ],
            }
    return out


def report(res: dict[str, Any]) -> str:
    lines = [
        "# Learned terms on a batch of new writers (generated by eval/learn_batch.py)",
        "",
        f"Folder {res['folder']}: {len(res['interviews'])} interviews "
        f"({' '.join(res['interviews'])}). The terms eval/learn_writers.py keeps over all folds",
        "(eval/learn_writers.json), added to a copy of the default codebook as `suggest` writes",
        "rules; participant-level leaf micro figures of the key against the rules alone and",
        "the rules with the terms. *Cross-check*: each term run alone on the participants the",
        "rules leave without its code (as learn_writers does), united per participant and code.",
        "",
        "| set | candidates | terms | language | interviews | TP gained | FP added | "
        "F1 before | F1 after | cross-check TP/FP |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in res["sets"].items():
        for lang, x in s["figures"].items():
            cc = f"{s['cross_check']['tp']}/{s['cross_check']['fp']}" if lang == "all" else ""
            lines.append(
                f"| {name} | {s['candidates']} | {s['terms']} | {lang} | {x['interviews']} | "
                f"+{x['tp_gained']} | +{x['fp_added']} | {x['before']['f1']:.3f} | "
                f"{x['after']['f1']:.3f} | {cc} |"
            )
    p = res["sets"]["primary"]["figures"]["all"]
    adopt = p["tp_gained"] > p["fp_added"]
    lines += [
        "",
        "**Pre-registered rule (eval_work s11/PREREG7)**: adopt the primary terms iff on the batch "
        "they add more true participant codings than false ones (TP gained > FP added). Here: "
        f"+{p['tp_gained']} TP, +{p['fp_added']} FP: "
        + (
            "**adopt** (after reading each term against its code)."
            if adopt
            else "**do not adopt**."
        )
        + " The secondary set is reported, not deciding.",
    ]
    for name, s in res["sets"].items():
        lines += [
            "",
            f"## Terms of the {name} set that coded a participant the rules left out",
            "",
        ]
        if not s["fired"]:
            lines.append("None.")
            continue
        lines += [
            "| code | term | kind | negated | learned in | right (key has the code) | wrong |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in s["fired"]:
            lines.append(
                f"| {r['code']} | {r['term']} | {r['kind']} | {'yes' if r['negated'] else ''} | "
                f"{r['language']} | {' '.join(r['tp'])} | {' '.join(r['fp'])} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="key-tagged interviews (*.md)")
    parser.add_argument(
        "--from-json", type=Path, help="only write the report from figures written before"
    )
    parser.add_argument("--fold-table", type=Path, default=OUT_JSON)
    parser.add_argument("--md", type=Path, help="write the report here")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if args.from_json:
        res = json.loads(args.from_json.read_text(encoding="utf-8"))
    elif args.folder:
        data = json.loads(args.fold_table.read_text(encoding="utf-8"))
        assert set(SETS.values()) <= set(CANDIDATES)
        res = measure(args.folder, data)
    else:
        parser.error("give a folder, or --from-json")
    text = report(res)
    if args.md:
        args.md.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
