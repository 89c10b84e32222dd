"""The blind evaluation corpus in eval/: readable, keyed in codes that exist, split by the rule, and
kept out of the codebooks.

Failures name files and counts only, never the text: the test interviews must not be shown to the
people who tune the rules (see eval/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.manual import read_codes
from lernet_cli.readers import md, read_transcript

from .conftest import DEFAULT_CODEBOOK, eval_script

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
SPLITS = ("dev", "test")
RUN = 6
_WORD_RE = re.compile(r"\w+")
_NUMBER_RE = re.compile(r"^[a-z]+(\d+)$")

DEV_ONLY = (
    "ng",
    "nh",
    "ei",
    "ej",
    "nk",
    "nl",
    "em",
    "en",
    "nr",
    "ns",
    "er",
    "nx",
    "ny",
    "ex",
    "ey",
    "nt",
    "nu",
    "et",
    "eu",
    "no",
    "np",
    "eo",
    "ep",
)
"""The batches written after the first, all dev."""
STUDIES = sorted((EVAL / "learn").glob("*/*.md"))
ALL = STUDIES + sorted(p for folder in (*SPLITS, "check") for p in (EVAL / folder).glob("*.md"))


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_the_corpus_is_there() -> None:
    counts = {folder: len(list((EVAL / folder).glob("*.md"))) for folder in (*SPLITS, "check")}
    assert counts == {"dev": 158, "test": 20, "check": 10}
    studies = {p.parent.name: 0 for p in STUDIES}
    for p in STUDIES:
        studies[p.parent.name] += 1
    assert studies == {"ew": 8, "nw": 8}


@pytest.mark.parametrize("path", ALL, ids=_name)
def test_file_reads_and_every_tag_names_a_code(path: Path) -> None:
    codebook = load_codebook(DEFAULT_CODEBOOK)
    read_transcript(path)  # raises TranscriptError on a broken tag or front matter
    doc = md.read(path)
    assert doc.metadata.get("participant") == path.stem, _name(path)
    assert doc.metadata.get("language") in ("nl", "en"), _name(path)
    tags = [a for a in doc.annotations if a.kind == "tag"]
    assert tags, f"{_name(path)} has no tags"
    bad = 0
    for tag in tags:
        named, unknown = read_codes(codebook, tag.note)
        bad += bool(unknown or not named)
    assert bad == 0, f"{_name(path)}: {bad} tag(s) name something that is not a code"


def test_split_rule_even_is_test() -> None:
    wrong = []
    for split in SPLITS:
        for path in (EVAL / split).glob("*.md"):
            m = _NUMBER_RE.match(path.stem)
            assert m, _name(path)
            second_batch = path.stem.startswith(DEV_ONLY)
            expected = "dev" if second_batch or int(m.group(1)) % 2 else "test"
            if expected != split:
                wrong.append(_name(path))
    assert wrong == []
    dev = {p.stem for p in (EVAL / "dev").glob("*.md")}
    test = {p.stem for p in (EVAL / "test").glob("*.md")}
    assert not dev & test
    checked = {p.stem for p in (EVAL / "check").glob("*.md")}
    assert checked <= dev | test
    assert len(checked & dev) == len(checked & test) == 5


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def test_no_test_sentence_is_in_the_codebooks() -> None:
    """No run of six words (case-folded, punctuation stripped, tags removed) of a test interview
    or of the studies held out for learning (eval/learn)
    occurs in any codebook, not even an everyday phrase: rules or examples written from test text
    would flatter the test figures. `eval/overlap.py` names the codebook lines to reword."""
    book_runs: set[tuple[str, ...]] = set()
    books = sorted((ROOT / "codebooks").glob("*.yaml"))
    assert books
    for book in books:
        book_runs |= _runs(_words(book.read_text(encoding="utf-8")))
    found = {}
    for path in [*sorted((EVAL / "test").glob("*.md")), *STUDIES]:
        runs: set[tuple[str, ...]] = set()
        for para in md.read(path).paragraphs:  # tags are removed by the reader
            runs |= _runs(_words(para.text))
        if shared := runs & book_runs:
            found[path.stem] = len(shared)
    assert found == {}, (
        f"six-word runs of test interviews in codebooks/ (file: count): {found}; "
        "eval/overlap.py lists the codebook lines"
    )


def test_the_run_check_finds_a_copied_sentence() -> None:
    text = "Wij delen alles, want wat je brengt komt altijd weer terug."
    copied = _runs(_words("examples:\n  - wat je brengt KOMT altijd weer terug, zeker"))
    assert _runs(_words(text)) & copied


# --- eval/overlap.py: which codebook lines to reword ---------------------------------------------

COPIED = "wat je brengt komt altijd weer terug"


@pytest.fixture
def overlap_case(tmp_path: Path) -> tuple[Path, Path]:
    """A tagged interview and a codebook whose code has an example with a run of it."""
    interviews = tmp_path / "test"
    interviews.mkdir()
    (interviews / "zz02.md").write_text(
        "---\nparticipant: zz02\nlanguage: nl\n---\n\n"
        "Interviewer: Hoe zie je dat?\n\n"
        "Respondent: Ik deel alles, [[knowledge_sharing.convinced: want " + COPIED + "]], echt.\n",
        encoding="utf-8",
    )
    book = tmp_path / "book.yaml"
    book.write_text(
        "version: 1\nname: x\nthemes:\n"
        "  - id: sharing\n"
        "    label: {nl: Delen, en: Sharing}\n"
        "    codes:\n"
        "      - id: convinced\n"
        "        label: {nl: Overtuigd, en: Convinced}\n"
        "        match:\n"
        "          - any: [terug]\n"
        "        examples:\n"
        "          - Zeker, WAT je brengt, komt altijd\n"  # a run across two lines
        "            weer terug bij je.\n"
        "          - Ik deel wat ik weet.\n"
        "      - id: hesitant\n"
        "        label: {nl: Aarzelend, en: Hesitant}\n"
        "        match:\n"
        "          - any: [aarzel*]\n"
        "        examples:\n"
        "          - Ik deel alles, want wat je\n"  # tag markup taken out: this run is shared too
        "  - id: other\n"
        "    label: {nl: Anders, en: Other}\n",
        encoding="utf-8",
    )
    return interviews, book


def test_overlap_names_lines_and_codes(overlap_case: tuple[Path, Path]) -> None:
    overlap = eval_script("overlap")
    interviews, book = overlap_case
    found = overlap.shared_lines(book, overlap.interview_runs(interviews))
    assert [(s.line, s.code) for s in found] == [
        (12, "sharing.convinced"),
        (13, "sharing.convinced"),
        (20, "sharing.hesitant"),
    ]
    rows = overlap.report([book], overlap.interview_runs(interviews))
    assert len(rows) == 3
    for word in set(_words(COPIED + " ik deel alles want")):
        assert not any(re.search(rf"\b{word}\b", row, re.I) for row in rows), word


def test_overlap_finds_nothing_once_reworded(overlap_case: tuple[Path, Path]) -> None:
    overlap = eval_script("overlap")
    interviews, book = overlap_case
    text = book.read_text(encoding="utf-8").replace("komt altijd", "komt vroeg of laat")
    book.write_text(text.replace("want wat je", "want wie geeft"), encoding="utf-8")
    assert overlap.shared_lines(book, overlap.interview_runs(interviews)) == []


def test_overlap_agrees_with_the_strict_test(capsys: pytest.CaptureFixture[str]) -> None:
    overlap = eval_script("overlap")
    assert overlap.main([]) == 0
    assert capsys.readouterr().out == (
        "no codebook line shares a six-word run with eval/test/ or eval/learn/\n"
    )
