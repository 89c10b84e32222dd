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


def test_accuracy_pools_the_held_out_interviews_of_the_run(tmp_path: Path) -> None:
    run = eval_script("run")

    def split(tp: int, fp: int, fn: int, files: int) -> dict[str, Any]:
        micro = {"tp": tp, "fp": fp, "fn": fn}
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
        "splits": {"dev": split(90, 1, 1, 44), "test": split(60, 20, 30, 20)},
    }
    # an older run without the unseen studies: the test split alone
    assert run.accuracy(fake) == {
        "interviews": 20,
        "precision": 0.75,
        "recall": 60 / 90,
        "f1": 120 / 170,
        "codebook_digest": "ab" * 32,
    }
    # test and the unseen studies pooled (tp, fp and fn summed), dev left out
    fake["splits"]["unseen"] = split(30, 0, 30, 16)
    assert run.accuracy(fake) == {
        "interviews": 36,
        "precision": 90 / 110,
        "recall": 90 / 150,
        "f1": 180 / 260,
        "codebook_digest": "ab" * 32,
    }
    fake["splits"]["unseen"] = split(60, 20, 30, 20)
    assert run.accuracy(fake) | {"interviews": 20} == {
        "interviews": 20,
        "precision": 0.75,
        "recall": 60 / 90,
        "f1": 120 / 170,
        "codebook_digest": "ab" * 32,
    }
    # what it writes is what the method section reads, for that codebook digest only
    written = tmp_path / "a.json"
    written.write_text(json.dumps(run.accuracy(fake)), encoding="utf-8")
    assert method.read_accuracy(written, "ab" * 32) == method.Accuracy(40, 0.75, 60 / 90, 120 / 170)
    assert method.read_accuracy(written, "cd" * 32) is None


def test_shipped_accuracy_is_the_latest_run_or_left_out(coded_sample: Path, tmp_path: Path) -> None:
    """The shipped figures are eval/results.json's latest held-out figures (test and unseen).
    While the default codebook is the text that run scored, reports state them; once the
    codebook changed (rules edited since the run), the method section leaves the sentence out
    rather than state old figures."""
    path = ROOT / "codebooks" / "lerende-netwerken.accuracy.json"
    current = parse_codebook(DEFAULT_CODEBOOK, with_rules=False)
    if not path.is_file():
        assert method.default_accuracy(current) is None
        assert SENTENCE not in method_text(coded_sample, tmp_path / "r.md")
        return
    shipped = json.loads(path.read_text(encoding="utf-8"))
    store = json.loads(RESULTS.read_text(encoding="utf-8"))
    latest = store["runs"][store["latest"]]
    held = [latest["splits"][s] for s in ("test", "unseen") if s in latest["splits"]]
    assert shipped["interviews"] == sum(len(s["files"]) for s in held)
    assert shipped["interviews"] >= len(list((ROOT / "eval/test").glob("*.md")))
    tp, fp, fn = (sum(s["micro"]["participant"][k] for s in held) for k in ("tp", "fp", "fn"))
    assert shipped["f1"] == 2 * tp / (2 * tp + fp + fn)
    assert (shipped["precision"], shipped["recall"]) == (tp / (tp + fp), tp / (tp + fn))
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


def test_accuracy_follows_the_rules_not_the_codebooks_words(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """`lernet init --language en` writes the default codebook's name and description in
    English: its rules code as the bundled ones do, so its report states their accuracy. A
    changed rule codes differently: the sentence is left out."""
    import shutil

    import yaml

    bundled_digest = parse_codebook(DEFAULT_CODEBOOK, with_rules=False).digest
    figures = tmp_path / "acc.json"
    figures.write_text(
        json.dumps(
            {
                "interviews": 12,
                "precision": 0.8125,
                "recall": 0.6667,
                "f1": 0.7324,
                "codebook_digest": bundled_digest,
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(method, "accuracy_path", lambda: figures)
    runner = CliRunner()
    project = tmp_path / "p"
    assert runner.invoke(app, ["init", str(project), "--language", "en"]).exit_code == 0
    book = project / "codebook.yaml"
    text = book.read_text(encoding="utf-8")
    assert parse_codebook(book, with_rules=False).digest != bundled_digest  # other words
    interviews = Path(__file__).parent / "fixtures" / "en_study" / "interviews"
    shutil.copytree(interviews, project / "interviews")
    coded = runner.invoke(app, ["code", str(project / "interviews"), "--project", str(project)])
    assert coded.exit_code == 0, coded.stderr
    sentence = (
        "This codebook's rules were measured on 12 unseen interviews: F1 0.73 (precision 0.81, "
        "recall 0.67)."
    )
    assert sentence in method_text(project, tmp_path / "r.md")

    # one rule's term changed: other rules, no figures for them
    data = yaml.safe_load(text)
    code = data["themes"][0]["codes"][0]
    code["match"][0] = {"any": ["a term nobody says"]}
    book.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert runner.invoke(app, ["code", "--project", str(project)]).exit_code in (0, 1)
    stated = method_text(project, tmp_path / "r2.md")
    assert "unseen interviews" not in stated and "F1" not in stated


def test_results_md_per_code_shows_first_previous_and_last_run() -> None:
    """A column group per labelled run made the per-code tables 100 columns wide."""
    run = eval_script("run")
    assert run.per_code_labels(["before", "a", "b", "c"], "c") == ["before", "b", "c"]
    assert run.per_code_labels(["before", "c"], "c") == ["before", "c"]
    assert run.per_code_labels(["c"], "c") == ["c"]
    store = json.loads(RESULTS.read_text(encoding="utf-8"))
    text = run.write_markdown(store, store["latest"])
    test_table = text.split("## Per code, test", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in test_table.splitlines() if line.startswith("| code |"))
    assert header.count("| F1 ") == 3
    latest = store["runs"][store["latest"]]["splits"]["test"]["codes"]
    low = {
        code
        for code, c in latest.items()
        if c["key"] >= run.LOW_KEY and c["f1"] is not None and c["f1"] < run.LOW_F1
    }
    rows = [line for line in test_table.splitlines() if line.startswith("| `")]
    marked = {line.split("`")[1] for line in rows if line.endswith("| low |")}
    assert marked == low
