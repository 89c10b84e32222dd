"""Every term `suggest` proposes on the dev simulation (eval/learn_dev.py's studies and folds),
with its statistics on the six hand-coded interviews and what it would do, added alone, to the
two held out (participant level against the key): for choosing which proposals to rate precise.
Dev only.

    .venv/bin/python eval/learn_terms.py --out /tmp/terms.json [--top 20] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from candidates import folds  # noqa: E402
from learn_dev import PAIRS, dev_studies  # noqa: E402
from run import language_of, lernet, new_project  # noqa: E402


def _fold(job: tuple[str, list[str], list[str], int]) -> dict[str, Any]:
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.coding.autocode import rule_matches
    from lernet_cli.errors import NotEnoughData
    from lernet_cli.language.text import make_doc
    from lernet_cli.learn.handcoding import HandCoding, load_hand_coding, rule_codes
    from lernet_cli.learn.suggest import (
        MIN_CODED,
        MIN_TRANSCRIPTS,
        extra_for,
        interviews_language,
        suggest,
        term_rule,
    )
    from lernet_cli.store.store import Store

    study, hand_files, rest_files, top = job
    hand_names = {Path(f).name for f in hand_files}
    with tempfile.TemporaryDirectory(prefix="lernet-terms-") as tmp:
        project = new_project(Path(tmp) / "p", language_of(Path(rest_files[0])))
        (project / "transcripts").mkdir()
        for f in hand_files + rest_files:
            shutil.copyfile(f, project / "transcripts" / Path(f).name)
        lernet(["code", "transcripts", "--coder", "key"], project, False)
        book = load_codebook(project / "codebook.yaml")
        leaves = [c.id for c in book.walk() if not c.children]
        with Store.open(project / ".lernet" / "lernet.db") as store:
            every = load_hand_coding(store, book, "key")
            rules_all = rule_codes(book, every.units, store)
            keep = [i for i, u in enumerate(every.units) if Path(u.path).name in hand_names]
            held = [i for i, u in enumerate(every.units) if Path(u.path).name not in hand_names]
            hand = HandCoding("key", [every.units[i] for i in keep], [every.codes[i] for i in keep])
            rules = [rules_all[i] for i in keep]
            lang = interviews_language(hand)
            people = sorted({every.units[i].path for i in held})
            key_p = {p: set() for p in people}
            rule_p = {p: set() for p in people}
            for i in held:
                key_p[every.units[i].path] |= every.codes[i]
                rule_p[every.units[i].path] |= rules_all[i]
            docs = {i: make_doc(every.units[i].text) for i in held}
            base = {"tp": 0, "fp": 0, "fn": 0}
            for p in people:
                for c in leaves:
                    k, r = c in key_p[p], c in rule_p[p]
                    base["tp"] += k and r
                    base["fp"] += r and not k
                    base["fn"] += k and not r
            rows = []
            for c in leaves:
                labels = hand.positives(c)
                paths = {u.path for u, lab in zip(hand.units, labels, strict=True) if lab}
                if sum(labels) < MIN_CODED or len(paths) < MIN_TRANSCRIPTS:
                    continue
                try:
                    s = suggest(
                        book, c, hand, rules, top, extra_for(book, c, store, hand, lang), lang
                    )
                except NotEnoughData:
                    continue
                code = book.codes[c]
                for item in s.items:
                    rule = term_rule(item.feature, "x")
                    if rule is None:
                        continue
                    fires = {p: False for p in people}
                    for i in held:
                        if not fires[every.units[i].path] and rule_matches(
                            book, code, docs[i], [rule]
                        ):
                            fires[every.units[i].path] = True
                    effect = [
                        {"p": p, "new": c not in rule_p[p], "right": c in key_p[p]}
                        for p in people
                        if fires[p]
                    ]
                    rows.append(
                        {"study": study, "fold": Path(rest_files[0]).stem, "code": c}
                        | item.to_json()
                        | {
                            "gain": s.gain(item),
                            "precise": item.precise,
                            "rules": s.rules.to_json(),
                            "coded_segments": s.coded_segments,
                            "transcripts_with_code": s.transcripts_with_code,
                            "effect": effect,
                        }
                    )
    return {"study": study, "fold": Path(rest_files[0]).stem, "base": base, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--study", action="append", choices=list(PAIRS))
    args = parser.parse_args(argv)
    jobs = [
        (study, [str(f) for f in hand], [str(f) for f in rest], args.top)
        for study, files in dev_studies().items()
        if study in (args.study or list(PAIRS))
        for hand, rest in folds(files)
    ]
    with ProcessPoolExecutor(args.jobs) as pool:
        out = list(pool.map(_fold, jobs))
    args.out.write_text(json.dumps(out) + "\n", encoding="utf-8")
    print(f"{len(out)} folds, {sum(len(f['rows']) for f in out)} terms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
