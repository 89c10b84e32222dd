"""Score lernet's rules on the blind evaluation corpus, and the key's agreement with a second coder.

    .venv/bin/python eval/run.py [--label NAME]

For each split (dev, test) and the held-out studies of eval/learn ("unseen") the script makes throw-
away lernet projects with the default codebook (`lernet init`), codes the split's interviews with
`lernet code FILES --coder key` (the writers' key is in the inline tags) and reads `lernet codebook
eval --coder key --format json`: once for all the split's files and once per interview language. For
the ten interviews a second coder coded blind, it writes each interview as a .docx whose Word
comments hold both keys (author `key` and author `check`), codes those and reads `lernet agree key
check --format json` per unit.

Everything runs through lernet's command line (in this process, with click's CliRunner); lernet's
own Markdown reader is imported only to take the tags out of the text for the .docx files and for a
cross-check.

Privacy: the test interviews, the studies and the second coder's files must never be shown to people
who tune rules. This script prints and writes scores, counts and interview ids only; lernet's
messages (which can quote speaker names) are not passed on for the test split, the studies or the
checked interviews.

It writes eval/results.json (every labelled run, kept across runs), eval/results.md (generated
from results.json) and codebooks/lerende-netwerken.accuracy.json: the participant-level micro
precision, recall and F1 of this run over every held-out interview (test and the unseen studies,
pooled), their number and the digest of the
codebook text it scored, which the method section of lernet's reports states while the default
codebook is unchanged (lernet_cli/output/method.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
SPLITS = ("dev", "test")
"""The corpus's split; the second coder's interviews are in both."""
SCORED = (*SPLITS, "unseen")
"""What is scored: the splits, and the held-out studies of eval/learn (never read while rules
change, written after the last rule round that could have seen test scores)."""
STUDIES = EVAL / "learn"
LANGUAGES = ("nl", "en")
RESULTS_JSON = EVAL / "results.json"
RESULTS_MD = EVAL / "results.md"
ACCURACY_JSON = ROOT / "codebooks" / "lerende-netwerken.accuracy.json"
CODER_KEY = "key"
CODER_CHECK = "check"
LOW_F1 = 0.6
LOW_KEY = 3
"""Issue #17: no code below LOW_F1 where the test split has LOW_KEY or more participants with it."""
_ID_RE = re.compile(r"^[a-z]+(\d+)$")


class EvalError(Exception):
    pass


# --------------------------------------------------------------------------- corpus


# The batches after the first (writers G-J, K-N, Q-S, W-Z, AA-AD, AE-AH) were written after test
# scores of the rule rounds, for rule development only (eval/README.md).
DEV_ONLY_PREFIXES = (
    *("ng", "nh", "ei", "ej", "nk", "nl", "em", "en", "nr", "ns", "er"),
    *("nx", "ny", "ex", "ey"),
    *("nt", "nu", "et", "eu"),
    *("no", "np", "eo", "ep"),
)


def split_of(interview: str) -> str:
    """The split rule: in the first batch an interview whose number is even is test, odd is dev;
    the later batches are all dev; the studies of eval/learn are "unseen"."""
    if any(STUDIES.glob(f"*/{interview}.md")):
        return "unseen"
    m = _ID_RE.match(interview)
    if not m:
        raise EvalError(f"interview id {interview!r} does not end in a number")
    if interview.startswith(DEV_ONLY_PREFIXES):
        return "dev"
    return "test" if int(m.group(1)) % 2 == 0 else "dev"


def interviews(split: str) -> list[Path]:
    if split == "unseen":
        return sorted(STUDIES.glob("*/*.md"))
    files = sorted((EVAL / split).glob("*.md"))
    for path in files:
        if split_of(path.stem) != split:
            raise EvalError(f"eval/{split}/{path.name} breaks the split rule (even number = test)")
    return files


def path_of(interview: str) -> Path:
    split = split_of(interview)
    if split == "unseen":
        return next(STUDIES.glob(f"*/{interview}.md"))
    return EVAL / split / f"{interview}.md"


def scored(run_: dict[str, Any]) -> list[str]:
    """The sets a run scored (runs before eval/learn existed have no "unseen")."""
    return [split for split in SCORED if split in run_["splits"]]


def checked_ids() -> list[str]:
    return sorted(p.stem for p in (EVAL / "check").glob("*.md"))


def language_of(path: Path) -> str:
    from lernet_cli.readers import md

    language = md.read(path).metadata.get("language")
    if language not in LANGUAGES:
        raise EvalError(f"{path.stem}: front matter language is {language!r}, not nl or en")
    return str(language)


# --------------------------------------------------------------------------- running lernet


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str


def lernet(args: list[str], cwd: Path, private: bool, ok: tuple[int, ...] = (0,)) -> str:
    """Run a lernet command in `cwd`; its standard output."""
    return lernet_process(args, cwd, private, ok).stdout


def lernet_process(args: list[str], cwd: Path, private: bool, ok: tuple[int, ...] = (0,)) -> Ran:
    """Run a lernet command line in this process (click's CliRunner, as lernet's tests do: a
    subprocess per command would spend most of the run starting Python). On an exit code not in
    `ok` say which command failed, with lernet's messages unless `private`."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(here)
    if result.exit_code not in ok:
        crash = result.exception if not isinstance(result.exception, SystemExit) else None
        if private:
            detail = "(its messages are withheld: they may quote test interviews)"
        else:
            detail = result.stderr.strip() or repr(crash)
        what = " ".join(args[:2]) if len(args) > 1 and not args[1].startswith("-") else args[0]
        raise EvalError(
            f"lernet {what} failed with exit {result.exit_code}"
            + (f" ({type(crash).__name__})" if crash else "")
            + f" {detail}"
        )
    return Ran(result.exit_code, result.stdout, result.stderr)


def new_project(folder: Path, language: str = "nl") -> Path:
    folder.mkdir(parents=True)
    lernet(["init", str(folder), "--language", language], cwd=folder, private=False)
    return folder


@dataclass
class Codebook:
    """Order, themes and leaf codes of the project's codebook (from `lernet codebook show`)."""

    order: list[str]
    themes: list[str]
    leaves: list[str]
    parent: dict[str, str | None]
    sha256: str
    digest: str
    """lernet's digest of the codebook's text (the one a report's method section compares)."""

    @classmethod
    def of(cls, project: Path) -> Codebook:
        from lernet_cli.codebook.codebook import parse_codebook

        rows = json.loads(lernet(["codebook", "show", "--format", "json"], project, False))
        parents = {r["parent"] for r in rows if r["parent"]}
        return cls(
            order=[r["id"] for r in rows],
            themes=[r["id"] for r in rows if r["parent"] is None],
            leaves=[r["id"] for r in rows if r["id"] not in parents],
            parent={r["id"]: r["parent"] for r in rows},
            sha256=hashlib.sha256((project / "codebook.yaml").read_bytes()).hexdigest(),
            digest=parse_codebook(project / "codebook.yaml", with_rules=False).digest,
        )

    def theme_of(self, code: str) -> str:
        while self.parent.get(code):
            code = str(self.parent[code])
        return code


# --------------------------------------------------------------------------- scoring


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else None,
    }


def pooled(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    tp = fp = fn = 0
    for r in rows:
        tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
    return prf(tp, fp, fn)


def summarise(
    evaluation: dict[str, Any], book: Codebook, unreadable: dict[str, set[str]]
) -> dict[str, Any]:
    """Micro (leaf codes), theme and per-code figures from `codebook eval --format json`.

    `unreadable`: interviews lernet refused (id -> the codes their key names). Their participants
    are in no figure of lernet's, so at participant level each of their key codes (and its theme)
    is added as a miss (FN): a transcript lernet cannot read finds nobody. Segment figures cannot
    be completed that way (there are no turns) and leave them out.
    """
    rows = {c["code"]: c for c in evaluation["codes"]}
    missing = [c for c in book.order if c not in rows]
    if missing:
        raise EvalError(f"codebook eval has no row for {', '.join(missing)}")
    given = evaluation.get("overall")
    if given is not None:
        # lernet's own overall must be the same pooling of the leaf codes
        for level in ("participant", "segment"):
            mine = pooled(rows[c][level] for c in book.leaves)
            if any(mine[k] != given[level][k] for k in ("tp", "fp", "fn")):
                raise EvalError(f"codebook eval overall {level} differs from its leaf codes")
    # participant level, with the unreadable interviews' key codes as misses
    person: dict[str, dict[str, Any]] = {}
    for code in book.order:
        p = rows[code]["participant"]
        extra = sum(
            1
            for named in unreadable.values()
            if code in named or any(book.theme_of(n) == code for n in named)
        )
        person[code] = prf(p["tp"], p["fp"], p["fn"] + extra)
    micro = {
        "participant": pooled(person[c] for c in book.leaves),
        "segment": pooled(rows[c]["segment"] for c in book.leaves),
    }
    theme = {
        "participant": pooled(person[t] for t in book.themes),
        "segment": pooled(rows[t]["segment"] for t in book.themes),
    }

    def figures(code: str) -> dict[str, Any]:
        p = person[code]
        return {"key": p["tp"] + p["fn"], "rules": p["tp"] + p["fp"]} | p

    codes = {c: figures(c) | {"segment_f1": rows[c]["segment"]["f1"]} for c in book.leaves}
    return {
        "transcripts": len(evaluation["transcripts"]) + len(unreadable),
        "participants": evaluation["participants"] + len(unreadable),
        "segments": evaluation["segments"],
        "unreadable": {
            i: len([c for c in named if c in book.leaves]) for i, named in unreadable.items()
        },
        "micro": micro,
        "theme": theme,
        "themes": {t: figures(t) for t in book.themes},
        "codes": codes,
        "overall_from_lernet": given is not None,
    }


def score_files(files: list[Path], folder: Path, private: bool) -> dict[str, Any]:
    project = new_project(folder)
    book = Codebook.of(project)
    into = project / "transcripts"
    into.mkdir()
    for f in files:
        shutil.copyfile(f, into / f.name)
    names = [f"transcripts/{f.name}" for f in files]
    # exit 5: some file could not be read as a transcript; the others are coded all the same
    coded = lernet_process(["code", *names, "--coder", CODER_KEY], project, private, ok=(0, 5))
    unreadable = sorted(set(_UNREADABLE_RE.findall(coded.stderr)))
    evaluation = json.loads(
        lernet(["codebook", "eval", "--coder", CODER_KEY, "--format", "json"], project, private)
    )
    missed = {i: key_codes(path_of(i), project) for i in unreadable}
    out = summarise(evaluation, book, missed)
    memos = json.loads(lernet(["memos", "--format", "json"], project, private))
    out["uncounted_tags"] = sorted(Path(m["file"]).stem for m in memos if m.get("source") == "tag")
    out["files"] = [f.stem for f in files]
    out["codebook_sha256"] = book.sha256
    out["codebook_digest"] = book.digest
    return out


_UNREADABLE_RE = re.compile(r"^lernet: error: (?:\S*/)?([a-z]+\d+)\.md\b", re.M)


def key_codes(path: Path, project: Path) -> set[str]:
    """The codes the key's tags in a file name, read without lernet's turn detection."""
    from lernet_cli.codebook.codebook import load_codebook

    return tag_codes(path, load_codebook(project / "codebook.yaml"))


# --------------------------------------------------------------------------- agreement


@dataclass
class Tag:
    head: str
    start: tuple[int, int]  # (paragraph index, offset)
    end: tuple[int, int]


def read_tagged(path: Path) -> tuple[list[str], list[str | None], list[Tag]]:
    """Paragraph texts with the tags taken out (as lernet reads them), bold prefixes, and tags."""
    from lernet_cli.readers import md

    doc = md.read(path)
    index = {p.position: i for i, p in enumerate(doc.paragraphs)}

    def where(pos: tuple[int, int]) -> tuple[int, int]:
        line, offset = pos
        if line in index:
            return index[line], offset
        # a tag opened on a line that kept no text: it starts with the next paragraph
        later = [i for p, i in index.items() if p > line]
        if not later:
            raise EvalError(f"{path.stem}: a tag points past the last paragraph")
        return min(later), 0

    tags = [Tag(a.note, where(a.start), where(a.end)) for a in doc.annotations if a.kind == "tag"]
    return (
        [p.text for p in doc.paragraphs],
        [p.bold_prefix for p in doc.paragraphs],
        tags,
    )


def build_docx(interview: str, out: Path) -> None:
    """One .docx: the interview's paragraphs, the key and the second coder's tags as comments."""
    import docx

    key_text, bold, key_tags = read_tagged(EVAL / split_of(interview) / f"{interview}.md")
    check_text, _, check_tags = read_tagged(EVAL / "check" / f"{interview}.md")
    if key_text != check_text:
        differing = [
            i for i, (a, b) in enumerate(zip(key_text, check_text, strict=False)) if a != b
        ]
        raise EvalError(
            f"{interview}: key and check differ in text ({len(key_text)} vs {len(check_text)} "
            f"paragraphs; first differing paragraph index {differing[:1] or 'none'})"
        )
    tagged = [(CODER_KEY, t) for t in key_tags] + [(CODER_CHECK, t) for t in check_tags]
    cuts: list[set[int]] = [{0, len(text)} for text in key_text]
    for i, prefix in enumerate(bold):
        if prefix and key_text[i].find(prefix) >= 0:
            at = key_text[i].find(prefix)
            cuts[i].update((at, at + len(prefix)))
    for _, t in tagged:
        cuts[t.start[0]].add(t.start[1])
        cuts[t.end[0]].add(t.end[1])
    document = docx.Document()
    runs: list[tuple[int, int, int, Any]] = []  # (paragraph, start, end, run)
    for i, text in enumerate(key_text):
        paragraph = document.add_paragraph()
        points = sorted(c for c in cuts[i] if 0 <= c <= len(text))
        for a, b in zip(points, points[1:], strict=False):
            if b > a:
                run = paragraph.add_run(text[a:b])
                prefix = bold[i]
                if prefix and text[a:b] == prefix:
                    run.bold = True
                runs.append((i, a, b, run))
    for author, t in tagged:
        inside = [r for r in runs if (r[0], r[1]) >= t.start and (r[0], r[2]) <= t.end]
        if not inside:
            raise EvalError(f"{interview}: a tag of {author} marks no text")
        document.add_comment([inside[0][3], inside[-1][3]], text=t.head, author=author)
    document.save(str(out))


def tag_codes(path: Path, book: Any) -> set[str]:
    """The code ids the tags of a file name (the codes only, directions and notes left out)."""
    from lernet_cli.coding.manual import read_codes

    found: set[str] = set()
    for tag in read_tagged(path)[2]:
        named, unknown = read_codes(book, tag.head)
        if unknown:
            raise EvalError(f"{path.parent.name}/{path.stem}: a tag names no code of the codebook")
        found.update(n.code.id for n in named)
    return found


def crosscheck(ids: list[str], codes: list[str], project: Path) -> dict[str, Any]:
    """Participant-level agreement computed straight from the tags, to check lernet's figures."""
    from lernet_cli.codebook.codebook import load_codebook

    book = load_codebook(project / "codebook.yaml")
    key = {i: tag_codes(EVAL / split_of(i) / f"{i}.md", book) for i in ids}
    check = {i: tag_codes(EVAL / "check" / f"{i}.md", book) for i in ids}
    both = only_a = only_b = neither = 0
    for code in codes:
        for i in ids:
            a, b = code in key[i], code in check[i]
            both += a and b
            only_a += a and not b
            only_b += b and not a
            neither += not a and not b
    n = both + only_a + only_b + neither
    po = (both + neither) / n if n else None
    a_yes, b_yes = both + only_a, both + only_b
    pe = (a_yes * b_yes + (n - a_yes) * (n - b_yes)) / (n * n) if n else None
    kappa = (po - pe) / (1 - pe) if po is not None and pe is not None and pe != 1 else None
    return {"units": n, "agreement": po, "kappa": kappa}


def agreement(ids: list[str], folder: Path) -> dict[str, Any]:
    project = new_project(folder)
    into = project / "transcripts"
    into.mkdir()
    for i in ids:
        build_docx(i, into / f"{i}.docx")
    lernet(["code", *[f"transcripts/{i}.docx" for i in ids]], project, private=True)
    out: dict[str, Any] = {"interviews": ids}
    for unit in ("participant", "segment"):
        result = json.loads(
            lernet(
                ["agree", CODER_KEY, CODER_CHECK, "--unit", unit, "--format", "json"],
                project,
                private=True,
            )
        )
        out[unit] = {
            "overall": result["overall"],
            "codes": {
                c["id"]: {k: c[k] for k in ("units", "agreement", "kappa", "alpha")}
                | {"disagreements": len(c["disagreements"])}
                for c in result["codes"]
            },
        }
    rows = list(out["participant"]["codes"])
    out["tags_crosscheck"] = crosscheck(ids, rows, project)
    lernet_overall = out["participant"]["overall"]
    mine = out["tags_crosscheck"]
    out["tags_crosscheck"]["matches_lernet"] = mine["units"] == lernet_overall["units"] and all(
        (mine[k] is None and lernet_overall[k] is None)
        or (
            mine[k] is not None
            and lernet_overall[k] is not None
            and abs(mine[k] - lernet_overall[k]) < 1e-9
        )
        for k in ("agreement", "kappa")
    )
    return out


# --------------------------------------------------------------------------- the run


def run(label: str, command: str) -> dict[str, Any]:
    started = time.monotonic()
    files = {split: interviews(split) for split in SCORED}
    languages = {f.stem: language_of(f) for split in SCORED for f in files[split]}
    checked = checked_ids()
    for i in checked:
        if not (EVAL / split_of(i) / f"{i}.md").exists():
            raise EvalError(f"eval/check/{i}.md has no interview eval/{split_of(i)}/{i}.md")
    results: dict[tuple[str, str], Any] = {}
    with tempfile.TemporaryDirectory(prefix="lernet-eval-") as tmp:
        base = Path(tmp)
        for split in SCORED:
            private = split != "dev"
            results[(split, "all")] = score_files(files[split], base / f"{split}-all", private)
            for lang in LANGUAGES:
                subset = [f for f in files[split] if languages[f.stem] == lang]
                results[(split, lang)] = score_files(subset, base / f"{split}-{lang}", private)
        results[("agreement", "all")] = agreement(checked, base / "agree-all")
        for split in SPLITS:
            ids = [i for i in checked if split_of(i) == split]
            results[("agreement", split)] = agreement(ids, base / f"agree-{split}")
    splits = {}
    for split in SCORED:
        whole = results[(split, "all")]
        splits[split] = whole | {"languages": {lang: results[(split, lang)] for lang in LANGUAGES}}
        for lang in LANGUAGES:
            del splits[split]["languages"][lang]["codebook_sha256"]
            del splits[split]["languages"][lang]["codebook_digest"]
    if len({splits[split]["codebook_digest"] for split in SCORED}) > 1:
        raise EvalError("the codebook changed while the script ran; run it again")
    return {
        "label": label,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--", "lernet_cli", "codebooks")),
        "codebook_sha256": splits["dev"]["codebook_sha256"],
        "codebook_digest": splits["dev"]["codebook_digest"],
        "seconds": round(time.monotonic() - started, 1),
        "splits": splits,
        "agreement": {
            "all": results[("agreement", "all")],
            **{split: results[("agreement", split)] for split in SPLITS},
        },
    }


def _git(*args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else ""


# --------------------------------------------------------------------------- writing results


HELD_OUT = ("test", "unseen")
"""Everything no rule writer has read: what the accuracy users are told rests on."""


def accuracy(run_: dict[str, Any]) -> dict[str, Any]:
    """What the report's method section states: the participant-level micro figures of `run_`
    over every held-out interview it scored (test and the unseen studies, pooled), for the
    codebook text that run scored."""
    held = [run_["splits"][split] for split in HELD_OUT if split in run_["splits"]]
    tp, fp, fn = (sum(s["micro"]["participant"][k] for s in held) for k in ("tp", "fp", "fn"))
    micro = prf(tp, fp, fn)
    return {
        "interviews": sum(len(s["files"]) for s in held),
        "precision": micro["precision"],
        "recall": micro["recall"],
        "f1": micro["f1"],
        "codebook_digest": run_["codebook_digest"],
    }


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def headline_rows(run_: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for split in scored(run_):
        s = run_["splits"][split]
        p = s["micro"]["participant"]
        rows.append(
            [
                split,
                s["transcripts"],
                num(p["precision"]),
                num(p["recall"]),
                num(p["f1"]),
                num(s["theme"]["participant"]["f1"]),
                num(s["micro"]["segment"]["f1"]),
                *(num(s["languages"][lang]["micro"]["participant"]["f1"]) for lang in LANGUAGES),
            ]
        )
    return rows


HEADLINE = ["split", "files", "P", "R", "F1", "theme F1", "segment F1", "nl F1", "en F1"]


def per_code_labels(labels: list[str], latest: str) -> list[str]:
    """The runs a per-code table shows: the first, the one before the latest, the latest.

    A column group per run made the table as wide as the project's history (25 runs, 100
    columns); the history stays in results.json and in the headline table."""
    earlier = [label for label in labels if label != latest]
    shown = [earlier[0]] if earlier else []
    if len(earlier) > 1:
        shown.append(earlier[-1])
    return [*shown, latest]


def write_markdown(store: dict[str, Any], latest: str) -> str:
    runs = store["runs"]
    run_ = runs[latest]
    labels = sorted(runs, key=lambda label: runs[label].get("date", ""))  # oldest first
    lines = [
        "# Evaluation results",
        "",
        f"Generated by `eval/run.py`; do not edit by hand. Last run: `{run_['command']}` on "
        f"{run_['date']} (label `{latest}`, commit `{run_['git_commit'] or '?'}`"
        f"{' with uncommitted changes' if run_['git_dirty'] else ''}, codebook sha256 "
        f"`{run_['codebook_sha256'][:12]}`, {run_['seconds']} s). How to read these figures: "
        "eval/README.md.",
        "",
        "Rules against the writers' key, per participant × leaf code (does the rule find this "
        f"person saying this?), pooled over the {len(run_['splits']['dev']['codes'])} leaf codes "
        f"(micro); theme F1 pools the {len(run_['splits']['dev']['themes'])} theme rows (a theme "
        "row counts its codes); segment F1 is the same micro figure per participant turn. "
        "nl F1 and en F1: the micro F1 of the split's Dutch and English interviews.",
        "",
        f"## Headline (`{latest}`)",
        "",
        *table(HEADLINE, headline_rows(run_)),
    ]
    if len(labels) > 1:
        lines += ["## Runs side by side", ""]
        rows = []
        for label in labels:
            rows += [[f"`{label}`", *r] for r in headline_rows(runs[label])]
        lines += table(["label", *HEADLINE], rows)
    notes = [
        f"{split}: {', '.join(run_['splits'][split]['unreadable'])} could not be read by lernet "
        "(see below)"
        for split in scored(run_)
        if run_["splits"][split]["unreadable"]
    ]
    if notes:
        lines += ["Counted as misses: " + "; ".join(notes) + ".", ""]
    lines += [f"## Per language (`{latest}`)", ""]
    rows = []
    for split in scored(run_):
        for lang in LANGUAGES:
            s = run_["splits"][split]["languages"][lang]
            p = s["micro"]["participant"]
            rows.append(
                [
                    split,
                    lang,
                    s["transcripts"],
                    num(p["precision"]),
                    num(p["recall"]),
                    num(p["f1"]),
                    num(s["theme"]["participant"]["f1"]),
                    num(s["micro"]["segment"]["f1"]),
                ]
            )
    lines += table(["split", "language", "files", "P", "R", "F1", "theme F1", "segment F1"], rows)
    lines += [f"## Per theme, participant level (`{latest}`)", ""]
    rows = []
    for theme in run_["splits"]["dev"]["themes"]:
        row = [f"`{theme}`"]
        for split in SPLITS:
            t = run_["splits"][split]["themes"][theme]
            row += [t["key"], num(t["precision"]), num(t["recall"]), num(t["f1"])]
        rows.append(row)
    lines += table(
        ["theme", "dev key", "dev P", "dev R", "dev F1", "test key", "test P", "test R", "test F1"],
        rows,
    )
    shown = per_code_labels(labels, latest)
    for split in scored(run_):
        lines += [f"## Per code, {split}", ""]
        lines += [
            "Participant level. `key`: participants the key has with the code; `rules`: "
            "participants the rules give it. P, R and F1 of "
            + ", ".join(f"`{label}`" for label in shown)
            + (" (the first run, the one before the last, the last)" if len(shown) == 3 else "")
            + (f"; Δ F1 = `{shown[-1]}` − `{shown[0]}`" if len(shown) > 1 else "")
            + f". F1 below {LOW_F1} in bold; `low` marks a code below it that the key gives "
            f"{LOW_KEY} or more participants. Every run's figures per code: eval/results.json.",
            "",
        ]
        header = ["code", "key"]
        for label in shown:
            suffix = f" `{label}`" if len(shown) > 1 else ""
            header += [f"rules{suffix}", f"P{suffix}", f"R{suffix}", f"F1{suffix}"]
        if len(shown) > 1:
            header.append("Δ F1")
        header.append("low")
        rows = []
        for code in run_["splits"][split]["codes"]:
            now = run_["splits"][split]["codes"][code]
            row = [f"`{code}`", now["key"]]
            f1s: list[float | None] = []
            for label in shown:
                c = runs[label]["splits"].get(split, {}).get("codes", {}).get(code)
                if c is None:
                    row += ["", "", "", ""]
                    f1s.append(None)
                    continue
                f1 = num(c["f1"])
                if c["f1"] is not None and c["f1"] < LOW_F1:
                    f1 = f"**{f1}**"
                row += [c["rules"], num(c["precision"]), num(c["recall"]), f1]
                f1s.append(c["f1"])
            if len(shown) > 1:
                first, last = f1s[0], f1s[-1]
                row.append("" if first is None or last is None else f"{last - first:+.2f}")
            low = now["key"] >= LOW_KEY and (now["f1"] or 0.0) < LOW_F1
            row.append("low" if low else "")
            rows.append(row)
        lines += table(header, rows)
    lines += agreement_markdown(run_)
    lines += ["## Interviews lernet could not read", ""]
    for split in scored(run_):
        lost = run_["splits"][split]["unreadable"]
        if not lost:
            lines.append(f"- {split}: none")
            continue
        for i, n in lost.items():
            lines.append(
                f"- {split}: `{i}` (`lernet code` refused it, exit 5); its {n} key "
                "participant × code decisions are counted as misses (FN) at participant and "
                "theme level, and it is left out of the segment figures"
            )
    lines += ["", "## Key tags lernet did not count", ""]
    for split in scored(run_):
        lost = run_["splits"][split]["uncounted_tags"]
        lines.append(
            f"- {split}: {len(lost)}"
            + (f" (in {', '.join(sorted(set(lost)))})" if lost else "")
            + " key tag(s) kept as memos (they name no code, or mark no participant speech)"
        )
    return "\n".join(lines) + "\n"


def agreement_markdown(run_: dict[str, Any]) -> list[str]:
    agree = run_["agreement"]
    lines = [
        f"## Agreement of the key with the second coder (`{run_['label']}`)",
        "",
        "`lernet agree key check` on the interviews the second coder coded blind, each built as a "
        ".docx with both keys as Word comments (authors `key` and `check`). Overall pools every "
        "(unit, leaf code) decision of the codes either coder used. Participant unit: does this "
        "person say this?; segment unit: per participant turn.",
        "",
    ]
    rows = []
    for which in ("all", *SPLITS):
        a = agree[which]
        for unit in ("participant", "segment"):
            o = a[unit]["overall"]
            rows.append(
                [
                    which,
                    len(a["interviews"]),
                    unit,
                    o["units"],
                    num(o["agreement"]),
                    num(o["kappa"]),
                    num(o["alpha"]),
                ]
            )
    lines += table(["interviews", "n", "unit", "decisions", "percent", "kappa", "alpha"], rows)
    c = agree["all"]["tags_crosscheck"]
    lines += [
        "Cross-check: participant-level agreement computed straight from the tags "
        f"(all {len(agree['all']['interviews'])}): {num(c['agreement'])} agreement, kappa "
        f"{num(c['kappa'])} over {c['units']} decisions; "
        + ("the same as lernet's." if c["matches_lernet"] else "**differs from lernet's**."),
        "",
        "Per code, participant unit, all checked interviews (codes either coder used):",
        "",
    ]
    rows = [
        [f"`{code}`", r["units"], num(r["agreement"]), num(r["kappa"]), r["disagreements"]]
        for code, r in agree["all"]["participant"]["codes"].items()
    ]
    lines += table(["code", "units", "percent", "kappa", "disagreements"], rows)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--label",
        default="current",
        help="Name under which this run is stored (e.g. before, after); a run with the same "
        "label is replaced, others are kept. Default: current.",
    )
    parser.add_argument(
        "--markdown-only",
        action="store_true",
        help="Write results.md again from results.json (after a change to how it is laid out); "
        "runs nothing.",
    )
    args = parser.parse_args(argv)
    if args.markdown_only:
        store_ = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
        RESULTS_MD.write_text(write_markdown(store_, store_["latest"]), encoding="utf-8")
        print(f"wrote {RESULTS_MD.relative_to(ROOT)} from {RESULTS_JSON.relative_to(ROOT)}")
        return 0
    if not re.fullmatch(r"[\w.-]+", args.label):
        parser.error("--label takes letters, digits, '.', '-' and '_' only")
    command = f".venv/bin/python eval/run.py --label {args.label}"
    try:
        result = run(args.label, command)
    except EvalError as exc:
        print(f"eval/run.py: {exc}", file=sys.stderr)
        return 1
    store: dict[str, Any] = {"runs": {}}
    if RESULTS_JSON.exists():
        store = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
    store["generated_by"] = "eval/run.py (do not edit by hand)"
    store["runs"][args.label] = result
    store["latest"] = args.label
    RESULTS_JSON.write_text(json.dumps(store, indent=1, ensure_ascii=False) + "\n", "utf-8")
    RESULTS_MD.write_text(write_markdown(store, args.label), encoding="utf-8")
    ACCURACY_JSON.write_text(json.dumps(accuracy(result), indent=1) + "\n", encoding="utf-8")
    for row in headline_rows(result):
        print("  ".join(f"{h}={v}" for h, v in zip(HEADLINE, row, strict=True)))
    for which in ("all", *SPLITS):
        for unit in ("participant", "segment"):
            o = result["agreement"][which][unit]["overall"]
            print(
                f"agreement {which} {unit}: percent={num(o['agreement'])} "
                f"kappa={num(o['kappa'])} alpha={num(o['alpha'])}"
            )
    for split in scored(result):
        if result["splits"][split]["unreadable"]:
            lost = ", ".join(result["splits"][split]["unreadable"])
            print(f"{split}: lernet could not read {lost} (counted as misses)")
    print(
        f"wrote {RESULTS_MD.relative_to(ROOT)}, {RESULTS_JSON.relative_to(ROOT)} and "
        f"{ACCURACY_JSON.relative_to(ROOT)} in {result['seconds']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
