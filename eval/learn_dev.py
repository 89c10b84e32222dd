"""Learning from six hand-coded interviews, simulated on dev: for choosing how `suggest` learns
without looking at eval/learn (the final measurement).

    .venv/bin/python eval/learn_dev.py [--which precise|gain] [--jobs 2] [--study NAME ...]

Dev has no studies of one network, so a dev study is eight interviews of one batch and language,
four of each of two writers (sorted ids, so each held-out pair is one writer's): the first four
of each prefix of a pair of writers. The folds are eval/candidates.py's (`folds`, `learning`):
six hand-coded by the key, two held out, each pair once. Prints pooled and per-fold figures;
writes nothing unless --json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from candidates import folds, learning, num, pool_folds  # noqa: E402
from run import EVAL  # noqa: E402

PAIRS = {
    "nanb": ("na", "nb"),
    "ncnd": ("nc", "nd"),
    "ngnh": ("ng", "nh"),
    "eiej": ("ei", "ej"),
    "nknl": ("nk", "nl"),
    "emen": ("em", "en"),
    "nrns": ("nr", "ns"),
    "nxny": ("nx", "ny"),
    "exey": ("ex", "ey"),
}


def dev_studies() -> dict[str, list[Path]]:
    dev = sorted((EVAL / "dev").glob("*.md"))
    out = {}
    for name, prefixes in PAIRS.items():
        files: list[Path] = []
        for p in prefixes:
            files += [f for f in dev if f.stem.startswith(p)][:4]
        out[name] = sorted(files)
    return out


def _one(job: tuple[str, list[str], list[str], str]) -> dict[str, Any]:
    study, hand, rest, which = job
    with tempfile.TemporaryDirectory(prefix="lernet-learndev-") as tmp:
        res = learning(Path(tmp), [Path(h) for h in hand], [Path(r) for r in rest], which)
    return res | {"study": study}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--which", choices=["precise", "gain"], action="append")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--study", action="append", choices=list(PAIRS))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    started = time.monotonic()
    wanted = args.study or list(PAIRS)
    out: dict[str, Any] = {}
    for which in args.which or ["precise"]:
        jobs = [
            (study, [str(f) for f in hand], [str(f) for f in rest], which)
            for study, files in dev_studies().items()
            if study in wanted
            for hand, rest in folds(files)
        ]
        with ProcessPoolExecutor(args.jobs) as pool:
            runs = list(pool.map(_one, jobs))
        learn = {"folds": runs, **pool_folds(runs)}
        out[which] = learn
        for r in runs:
            added = ", ".join(
                f"{x['term']}{' (neg)' if x['negated'] else ''}->{x['code'].split('.')[-1]}"
                for x in r["added"]
            )
            print(
                f"{which} {r['study']} {' '.join(r['held_out'])}: proposals {r['proposals']} "
                f"F1 {num(r['before']['participant']['f1'])} -> "
                f"{num(r['after']['participant']['f1'])}  {added}"
            )
        b, a = learn["before"], learn["after"]
        print(
            f"== {which}: added {learn['added']} in {len(runs)} folds; F1 {num(b['f1'])} -> "
            f"{num(a['f1'])} (tp {b['tp']}->{a['tp']} fp {b['fp']}->{a['fp']}); folds up "
            f"{learn['folds_up']} down {learn['folds_down']}"
        )
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
