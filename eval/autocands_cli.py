"""Does `lernet review --candidates --auto` code what eval/autocands.py's chosen policy codes?

    .venv/bin/python eval/autocands_cli.py [PREFIX ...]

A check, not a measurement: for each language's dev interviews whose names start with a PREFIX
(default: ny and ey, the dev interviews no rule round read, where candidates find most), a
throw-away project codes them with the rules only (eval/candidates.py's build, the key's tags
taken out). On the same store:

- the eval side scores every new participant's best candidate per code as
  eval/autocands.py's score_study does, and applies the chosen policy (its `by_threshold`, at
  the threshold eval/autocands.json chose);
- the CLI side runs `lernet review --candidates --auto -f json` in the project.

Both use the shipped reference passages here (the CLI cannot be given another), so the figures
say nothing about quality (the shipped reference holds all of dev); only whether the two
selections are the same (participant, code, turn) is checked. Prints the comparison; exit 1 when
they differ. Never reads test, check, learn or the writers' notes.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from autocands import OUT_JSON, best_new, policies  # noqa: E402
from candidates import build  # noqa: E402
from run import interviews, language_of, lernet  # noqa: E402


def eval_side(plain: Path, leaves: list[str], chosen: str) -> set[tuple[str, str, str, int]]:
    from lernet_cli.codebook.codebook import load_codebook
    from lernet_cli.learn.candidates import load_study
    from lernet_cli.store.store import Store

    book = load_codebook(plain / "codebook.yaml")
    with Store.open(plain / ".lernet" / "lernet.db") as store:
        study = load_study(store, book)
        best = {
            key: {
                "participant": cand.participant,
                "code": key[1],
                "score": round(cand.score, 4),
                "file": cand.path,
                "segment": cand.segment,
            }
            for key, cand in best_new(study, leaves).items()
        }
    picked = policies()[chosen]({"candidates": list(best.values()), "interviews": 0})
    return {(c["participant"], c["code"], c["file"], c["segment"]) for c in picked}


def main(argv: list[str]) -> int:
    prefixes = tuple(argv) or ("ny", "ey")
    chosen = json.loads(OUT_JSON.read_text(encoding="utf-8"))["chosen"]
    threshold = chosen.split(">=")[-1].strip()
    files = [f for f in interviews("dev") if f.stem.startswith(prefixes)]
    by_lang: dict[str, list[Path]] = {}
    for f in files:
        by_lang.setdefault(language_of(f), []).append(f)
    same = True
    with tempfile.TemporaryDirectory(prefix="lernet-autocli-") as tmp:
        for lang, group in sorted(by_lang.items()):
            started = time.monotonic()
            corpus = build(f"check-{lang}", group, Path(tmp), private=False)
            want = eval_side(corpus.plain, corpus.leaves, chosen)
            out = lernet(
                [
                    "review",
                    "--candidates",
                    "--auto",
                    "--min-score",
                    threshold,
                    "--no-anonymize",
                    "--format",
                    "json",
                ],
                corpus.plain,
                False,
            )
            got = {
                (c["participant"], c["code"], c["file"], c["segment"])
                for c in json.loads(out)["codings"]
            }
            ok = got == want
            same = same and ok
            print(
                f"{lang}: {len(group)} interviews; policy `{chosen}` picks {len(want)}, the CLI "
                f"added {len(got)}; {'the same' if ok else 'DIFFERENT'} "
                f"({time.monotonic() - started:.0f} s)"
            )
            for row in sorted(want - got):
                print("  only the policy:", row)
            for row in sorted(got - want):
                print("  only the CLI:", row)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
