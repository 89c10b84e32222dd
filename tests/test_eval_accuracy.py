"""The default codebook's measured accuracy that reports state: eval/run.py writes
codebooks/lerende-netwerken.accuracy.json from its latest run's test figures, and the method section
states them only while the codebook is the text that run scored.

Figures, counts and digests only: nothing here reads the test interviews.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import parse_codebook
from lernet_cli.output import method
from lernet_cli.project.project import DEFAULT_CODEBOOK as DEFAULT_NAME

from .conftest import DEFAULT_CODEBOOK, eval_script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "eval" / "results.json"
SENTENCE = "niet eerder geziene interviews"  # the Dutch accuracy sentence, as a reader sees it


def dutch(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def method_text(project: Path, out: Path) -> str:
    result = CliRunner().invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    return text.split("\n# ", 1)[0]  # the method section: up to the next heading 1


def test_run_writes_the_file_lernet_reads() -> None:
    run = eval_script("run")
    assert run.ACCURACY_JSON.parent == DEFAULT_CODEBOOK.parent
    assert run.ACCURACY_JSON.name == Path(DEFAULT_NAME).stem + ".accuracy.json"
    shipped = method.accuracy_path()
    assert shipped is None or shipped.resolve() == run.ACCURACY_JSON.resolve()


def test_accuracy_takes_the_test_split_of_the_run(tmp_path: Path) -> None:
    run = eval_script("run")

    def split(p: float, r: float, f: float, files: int) -> dict[str, Any]:
        micro = {"precision": p, "recall": r, "f1": f}
        return {
            "files": [f"x{i}" for i in range(files)],
            "transcripts": files,
            "micro": {
                "participant": micro,
                "segment": {"precision": 0.1, "recall": 0.1, "f1": 0.1},
            },
        }

    fake = {
        "label": "after",
        "date": "2026-12-01 10:00 UTC",
        "codebook_digest": "ab" * 32,
        "splits": {"dev": split(0.9, 0.8, 0.85, 44), "test": split(0.7, 0.6, 0.65, 20)},
    }
    assert run.accuracy(fake) == {
        "interviews": 20,
        "precision": 0.7,
        "recall": 0.6,
        "f1": 0.65,
        "codebook_digest": "ab" * 32,
    }
    # what it writes is what the method section reads, for that codebook digest only
    written = tmp_path / "a.json"
    written.write_text(json.dumps(run.accuracy(fake)), encoding="utf-8")
    assert method.read_accuracy(written, "ab" * 32) == method.Accuracy(20, 0.7, 0.6, 0.65)
    assert method.read_accuracy(written, "cd" * 32) is None


def test_shipped_accuracy_is_the_latest_run_or_left_out(coded_sample: Path, tmp_path: Path) -> None:
    """The shipped figures are eval/results.json's latest test figures. While the default codebook
    is the text that run scored, reports state them; once the codebook changed (rules edited
    since the run), the method section leaves the sentence out rather than state old figures."""
    path = ROOT / "codebooks" / "lerende-netwerken.accuracy.json"
    current = parse_codebook(DEFAULT_CODEBOOK, with_rules=False)
    if not path.is_file():
        assert method.default_accuracy(current) is None
        assert SENTENCE not in method_text(coded_sample, tmp_path / "r.md")
        return
    shipped = json.loads(path.read_text(encoding="utf-8"))
    store = json.loads(RESULTS.read_text(encoding="utf-8"))
    latest = store["runs"][store["latest"]]
    test = latest["splits"]["test"]
    micro = test["micro"]["participant"]
    assert (
        shipped["interviews"] == len(test["files"]) == len(list((ROOT / "eval/test").glob("*.md")))
    )
    for key in ("precision", "recall", "f1"):
        assert shipped[key] == micro[key], key
    assert shipped["codebook_digest"] == latest["codebook_digest"]
    assert shipped["codebook_digest"] == latest["codebook_sha256"]  # a UTF-8 file without BOM

    stated = method.default_accuracy(current)
    text = method_text(coded_sample, tmp_path / "r.md")
    if shipped["codebook_digest"] == current.digest:
        assert stated == method.Accuracy(
            shipped["interviews"], shipped["precision"], shipped["recall"], shipped["f1"]
        )
        assert (
            f"gemeten op {shipped['interviews']} {SENTENCE}: F1 {dutch(shipped['f1'])} "
            f"(precisie {dutch(shipped['precision'])}, recall {dutch(shipped['recall'])})."
        ) in text
    else:
        # the codebook changed since the run: run eval/run.py --label NAME to measure it again
        assert stated is None
        assert SENTENCE not in text
        assert "F1" not in text
