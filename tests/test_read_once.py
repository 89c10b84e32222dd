"""The first `lernet code` in a project reads the transcripts it looks at to tell their language
once, not twice: coding takes those transcripts when the file is as it was."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lernet_cli import readers
from lernet_cli.cli import app
from lernet_cli.coding import pipeline
from tests.conftest import DEFAULT_CODEBOOK, SAMPLES

FILES = ["p01_adviesbureau_a.docx", "p05_bedrijf_zorg.txt", "p07_bedrijf_metaal.txt"]


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    reads: Counter[str] = Counter()
    real = readers.read_transcript

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        reads[Path(path).name] += 1
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readers, "read_transcript", counted)
    return reads


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lernet.yaml").write_text(f'codebook: "{DEFAULT_CODEBOOK}"\n', encoding="utf-8")
    for name in FILES:
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    return FILES


def test_first_run_reads_each_file_once_and_codes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _project(tmp_path, monkeypatch)
    runner = CliRunner()
    reads = _counting(monkeypatch)
    first = runner.invoke(app, ["code", *files])
    assert first.exit_code == 0, first.stderr
    assert reads == Counter({name: 1 for name in files})
    assert not pipeline._READ_FOR_LANGUAGE
    codings = runner.invoke(app, ["codings", "--format", "json"]).stdout
    # the same run without the transcripts read for the language (as a second project would)
    (tmp_path / ".lernet" / "lernet.db").unlink()
    monkeypatch.setattr(pipeline, "transcripts_language", _no_reuse(pipeline.transcripts_language))
    again = runner.invoke(app, ["code", *files])
    assert again.exit_code == 0, again.stderr
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)
    assert runner.invoke(app, ["codings", "--format", "json"]).stdout == codings


def _no_reuse(real: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        guess = real(*args, **kwargs)
        pipeline._READ_FOR_LANGUAGE.clear()
        return guess

    return wrapped


def test_a_file_changed_since_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("I: Hoe gaat het?\nR: Goed, we delen veel kennis.\n", encoding="utf-8")
    pipeline.transcripts_language([path])
    path.write_text("I: Hoe gaat het?\nR: Slecht, we delen niets.\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with its times set back
    try:
        assert "niets" in pipeline._read(path, None).turns[-1].text
    finally:
        pipeline._READ_FOR_LANGUAGE.clear()


def test_other_interviewer_labels_read_the_file_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Anna: Hoe gaat het?\nBob: Goed, we delen veel kennis.\n", encoding="utf-8")
    pipeline.transcripts_language([path])
    try:
        transcript = pipeline._read(path, ["Anna"])
    finally:
        pipeline._READ_FOR_LANGUAGE.clear()
    assert [t.role for t in transcript.turns] == ["interviewer", "participant"]
