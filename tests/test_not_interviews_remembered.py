"""Files `lernet code FOLDER` left out as no interview are remembered by their stat
(coding/left_out.py): a later run neither reads them again nor names each once more, until the
file, its name or the readers change; a file named on the command line is still coded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import lernet_cli.readers as readers
from lernet_cli.coding import left_out
from lernet_cli.coding.left_out import LeftOutFiles, forget_left_out
from lernet_cli.coding.ondisk import stat_key
from lernet_cli.readers.kind import CONSENT, NoInterview

from .conftest import dump_store, invoke_cli
from .pdffiles import write_pdf
from .test_not_interviews import CONSENT_NL, INTERVIEW_NL, MONOLOGUE_NL, REPORT_NL

CONSENT_PDF = "Toestemming P03.pdf"
REPORT = "Conceptrapport.txt"


class _Result:
    def __init__(self, path: str, status: str, looks: NoInterview | None = None) -> None:
        self.path, self.status, self.no_interview = path, status, looks


def test_a_left_out_file_is_known_until_its_stat_labels_or_reader_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    form = tmp_path / "form.txt"
    form.write_text(CONSENT_NL, encoding="utf-8")
    key = stat_key(form)
    assert key is not None
    looks = NoInterview(CONSENT, "a signature line")
    first = LeftOutFiles(tmp_path, cache, [form], ["I"])
    assert first.before(form, "form.txt", key) is None
    first.remember([_Result("form.txt", "left out", looks)], {"form.txt": key})

    assert LeftOutFiles(tmp_path, cache, [form], ["I"]).before(form, "form.txt", key) == looks
    assert LeftOutFiles(tmp_path, cache, [form], ["Int"]).before(form, "form.txt", key) is None
    assert LeftOutFiles(tmp_path, cache, [], ["I"]).before(form, "form.txt", key) is None
    monkeypatch.setattr(left_out, "READER_VERSION", "999")
    assert LeftOutFiles(tmp_path, cache, [form], ["I"]).before(form, "form.txt", key) is None
    monkeypatch.undo()

    os.utime(form, ns=(key[3] + 10**9, key[3] + 10**9))
    assert (
        LeftOutFiles(tmp_path, cache, [form], ["I"]).before(form, "form.txt", stat_key(form))
        is None
    )

    coded = LeftOutFiles(tmp_path, cache, [form], ["I"])
    coded.remember([_Result("form.txt", "new")], {"form.txt": key})
    assert not (cache / left_out.NAME).exists()  # nothing left to remember

    LeftOutFiles(tmp_path, cache, [form], ["I"]).remember(
        [_Result("form.txt", "left out", looks)], {"form.txt": key}
    )
    forget_left_out(cache)  # `lernet remove`: a name may be a removed participant's
    assert LeftOutFiles(tmp_path, cache, [form], ["I"]).before(form, "form.txt", key) is None


def _study(project: Path) -> Path:
    folder = project / "interviews"
    folder.mkdir()
    (folder / "P01.txt").write_text(INTERVIEW_NL, encoding="utf-8")
    (folder / "P02.txt").write_text(MONOLOGUE_NL, encoding="utf-8")
    _consent_pdf(folder / CONSENT_PDF)
    (folder / REPORT).write_text(REPORT_NL, encoding="utf-8")
    return folder


def _consent_pdf(path: Path, extra: str = "") -> Path:
    lines = [line for line in CONSENT_NL.splitlines() if line.strip()]
    return write_pdf(path, [lines + ([extra] if extra else [])], header=None)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read as transcripts from now on."""
    read: list[str] = []
    real = readers.read_transcript

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(readers, "read_transcript", counting)
    return read


def _left_out_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("lernet: note: left out")]


def test_a_second_run_reads_no_file_it_left_out_and_names_them_in_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _study(project)
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert len(_left_out_lines(out)) == 2 and "2 new, 2 left out" in out, out
    read = _reads(monkeypatch)

    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert CONSENT_PDF not in read and REPORT not in read, read
    assert _left_out_lines(out) == [], out
    said = [line for line in out.splitlines() if "as before" in line]
    assert len(said) == 1, out
    assert "2 files left out as no interview, as before" in said[0]
    assert CONSENT_PDF in said[0] and REPORT in said[0]
    assert "2 unchanged, 2 left out" in out
    stored = dump_store(project)
    assert b"Toestemming" not in stored and b"Marieke" not in stored


def test_a_changed_or_renamed_file_is_judged_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _study(project)
    assert invoke_cli("code", "interviews")[0] == 0
    _consent_pdf(folder / CONSENT_PDF, extra="Datum: 14 maart 2024")
    (folder / REPORT).rename(folder / "P03.txt")  # the monologue was an interview after all
    read = _reads(monkeypatch)

    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert CONSENT_PDF in read and "P03.txt" in read, read
    lines = _left_out_lines(out)
    assert len(lines) == 1 and f'"interviews/{CONSENT_PDF}"' in lines[0], out
    assert "as before" not in out
    assert "2 unchanged, 1 new, 1 left out" in out, out
    assert b"interviews/P03.txt" in dump_store(project)


def test_another_reader_version_judges_them_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _study(project)
    assert invoke_cli("code", "interviews")[0] == 0
    monkeypatch.setattr(left_out, "READER_VERSION", "999")
    read = _reads(monkeypatch)
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert CONSENT_PDF in read and REPORT in read, read
    assert len(_left_out_lines(out)) == 2 and "as before" not in out, out


def test_a_file_left_out_before_is_coded_when_named(project: Path) -> None:
    _study(project)
    assert invoke_cli("code", "interviews")[0] == 0
    code, out = invoke_cli("code", f"interviews/{CONSENT_PDF}")
    assert code == 0, out
    assert "looks like a consent form" in out and "because you named it" in out, out
    assert "1 new" in out and "lernet: note: left out" not in out, out
    assert f"interviews/{CONSENT_PDF}".encode() in dump_store(project)
    # stored now: a run over the folder keeps it, as the researcher chose
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert "3 unchanged, 1 left out" in out and "1 file left out as no interview" in out, out
